"""The embedded service built on first need: a call cancelled while it is being built (a screen left at once,
its worker cancelled) does not cancel the build that every later call waits for."""

from __future__ import annotations

import asyncio
import threading

from gckey_tui.embedded import DeferredService


async def test_a_cancelled_first_call_leaves_the_build_going() -> None:
    release = threading.Event()
    answered: list[str] = []

    async def service(scope, receive, send) -> None:  # noqa: ANN001 - ASGI
        answered.append(scope["path"])

    def build():  # noqa: ANN202
        release.wait(5)
        return service

    deferred = DeferredService(build)
    first = asyncio.ensure_future(deferred({"path": "/first"}, None, None))
    await asyncio.sleep(0.05)
    first.cancel()  # the screen that asked was left while the service was being built
    await asyncio.gather(first, return_exceptions=True)
    release.set()
    await asyncio.wait_for(deferred({"path": "/second"}, None, None), 5)
    assert answered == ["/second"]
