"""Console fixtures: the testing kit's embedded service and consoles (``gckey_tui.testing``), under the names the
console tests use."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from gckey_tui.config import Settings
from gckey_tui.testing import EmbeddedService, KitConsole


@pytest.fixture
def console_settings(gckey_service: EmbeddedService) -> Settings:
    """Settings of the console under test: its own store, Maildir and config file."""
    return gckey_service.settings


@pytest.fixture
def console_service(gckey_service: EmbeddedService):
    """The embedded service the console talks to."""
    return gckey_service.app


@pytest.fixture
def make_console(gckey_service: EmbeddedService) -> Callable[..., KitConsole]:
    """Build console apps over the embedded service (``language=`` picks en or fr)."""
    return gckey_service.console


@pytest.fixture
def console(gckey_service: EmbeddedService) -> KitConsole:
    """An English console over a fresh embedded service."""
    return gckey_service.console()


@pytest.fixture
def demo_service(gckey_service: EmbeddedService):
    """The embedded service with every area's demo data: an account with applications, institutions, reports."""
    gckey_service.seed_demo()
    return gckey_service.app
