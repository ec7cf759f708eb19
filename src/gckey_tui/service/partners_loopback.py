"""Embedded mode: a loopback HTTP port, open only while a partner sign-in is in progress.

The embedded service normally opens no port; the browser leg of a partner sign-in (verification page,
partner redirects, callback) needs one, so the console serves the same app on 127.0.0.1 at a free port for
the duration and shuts it down after.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import uvicorn

STARTUP_TIMEOUT = 10.0


class _QuietServer(uvicorn.Server):
    """A server that leaves signal handling to the console it runs inside."""

    def capture_signals(self) -> contextlib.AbstractContextManager[None]:
        return contextlib.nullcontext()


@asynccontextmanager
async def loopback_server(app: Any) -> AsyncIterator[str]:
    """Serve ``app`` on 127.0.0.1 at a random free port; yields its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    # no lifespan: the embedded app's own start-up already ran; no access log on the console's terminal
    server = _QuietServer(uvicorn.Config(app, lifespan="off", log_level="warning", access_log=False))
    task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        async with asyncio.timeout(STARTUP_TIMEOUT):
            while not server.started:
                if task.done():
                    task.result()
                await asyncio.sleep(0.01)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task
        sock.close()
