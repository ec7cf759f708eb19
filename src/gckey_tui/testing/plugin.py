"""The pytest plugin of gckey-tui's testing kit (entry point ``pytest11``: loaded by itself where gckey-tui is
installed; ``-p no:gckey_tui.testing.plugin`` turns it off).

Fixtures:

- ``gckey_clock``: the service's clock, frozen at 2026-11-02 12:00 UTC until moved (override the fixture to
  start elsewhere);
- ``gckey_service``: an ``EmbeddedService`` on a fresh store in the test's ``tmp_path`` (fast hash profile,
  ``gckey_clock``); ``gckey_service.console("fr")`` makes more consoles on it;
- ``gckey_demo_service``: ``gckey_service`` with every area's demo data (``seed_demo()``: the demo account,
  its applications, institutions with reports; ``await gckey_demo_service.demo_console()`` is a console in
  its session);
- ``gckey_language``: the language of ``gckey_console``, ``"en"``; parametrize it
  (``@pytest.mark.parametrize("gckey_language", ["en", "fr"])``) or override it for French;
- ``gckey_console``: the pilot of a console in ``gckey_language`` on ``gckey_service``, running headless at 80×24
  (cursor blink off, notifications shown, no user configuration read or written);
- ``mailbox``: the service's mail (``mailbox.latest_code(to)``);
- ``totp``: ``totp(secret)`` is the authenticator's code at the service's time, ``totp(secret, 1)`` the next.

The flows (``register``, ``sign_in``, ``link_application``) and the rest are in ``gckey_tui.testing``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pathlib import Path

    from textual.pilot import Pilot

    from gckey_tui.service.clock import FrozenClock
    from gckey_tui.testing.embedded_service import EmbeddedService
    from gckey_tui.testing.mailbox import Mailbox

try:
    from pytest_asyncio import fixture as async_fixture
except ImportError:  # the console fixture then says what to install
    async_fixture = None


@pytest.fixture
def gckey_clock() -> FrozenClock:
    """The service's clock, frozen at 2026-11-02 12:00 UTC; ``gckey_clock.advance(minutes=31)`` moves it."""
    from gckey_tui.service.clock import FrozenClock

    return FrozenClock()


@pytest.fixture
def gckey_service(
    tmp_path: Path, gckey_clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> Iterator[EmbeddedService]:
    """An embedded service on a fresh store under ``tmp_path``, with the fast hash profile and ``gckey_clock``."""
    from gckey_tui.testing.embedded_service import EmbeddedService

    # a console saving its preferences writes them under the test's directory, never to the user's
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    with EmbeddedService(tmp_path, clock=gckey_clock) as service:
        yield service


@pytest.fixture
def gckey_demo_service(gckey_service: EmbeddedService) -> EmbeddedService:
    """``gckey_service`` with every area's demo data, as ``gckey-tui --demo`` has it (``seed_demo()``)."""
    gckey_service.seed_demo()
    return gckey_service


@pytest.fixture
def gckey_language() -> str:
    """The language of ``gckey_console``: English unless parametrized or overridden (``"fr"``)."""
    return "en"


@pytest.fixture
def mailbox(gckey_service: EmbeddedService) -> Mailbox:
    """The mail ``gckey_service`` sent, oldest first (``mailbox.latest_code(to)``)."""
    return gckey_service.mailbox


@pytest.fixture
def totp(gckey_service: EmbeddedService) -> Callable[..., str]:
    """``totp(secret, steps_ahead=0)``: the authenticator's code at the service's time (``1``: the next step)."""
    return gckey_service.totp


if async_fixture is not None:

    @async_fixture
    async def gckey_console(gckey_service: EmbeddedService, gckey_language: str) -> AsyncIterator[Pilot[int]]:
        """A console in ``gckey_language`` on ``gckey_service``, running headless at 80×24: its pilot."""
        async with gckey_service.run_console(gckey_language) as pilot:
            yield pilot

else:

    @pytest.fixture
    def gckey_console() -> None:
        """Needs pytest-asyncio."""
        raise pytest.UsageError("gckey_console needs pytest-asyncio: pip install 'gckey-tui[testing]'")
