"""Console fixtures under the names older console tests use: aliases of the testing kit's fixtures
(``gckey_tui.testing.plugin``), kept for those tests. New tests can use the kit's names directly."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from fastapi import FastAPI
from support import Outbox

from gckey_tui.config import Settings
from gckey_tui.testing import Account, EmbeddedService, KitConsole


@pytest.fixture
def console_settings(gckey_service: EmbeddedService) -> Settings:
    """The kit's ``gckey_service.settings``."""
    return gckey_service.settings


@pytest.fixture
def console_service(gckey_service: EmbeddedService) -> FastAPI:
    """The kit's ``gckey_service.app``."""
    return gckey_service.app


@pytest.fixture
def make_console(gckey_service: EmbeddedService) -> Callable[..., KitConsole]:
    """The kit's ``gckey_service.console``: ``make_console("fr")``."""
    return gckey_service.console


@pytest.fixture
def console(gckey_service: EmbeddedService) -> KitConsole:
    """The kit's ``gckey_service.console()``: an English console, not yet running."""
    return gckey_service.console()


@pytest.fixture
def mail(gckey_service: EmbeddedService) -> Outbox:
    """The kit's ``mailbox`` as an ``Outbox`` (``mail.last_code(to)`` as well as ``latest_code``)."""
    return Outbox.of(gckey_service.app)


@pytest.fixture
def account(gckey_service: EmbeddedService) -> Callable[..., Awaitable[Account]]:
    """The kit's ``gckey_service.account``: ``await account(username)``."""
    return gckey_service.account


@pytest.fixture
def demo_service(gckey_demo_service: EmbeddedService) -> FastAPI:
    """The kit's ``gckey_demo_service.app``."""
    return gckey_demo_service.app
