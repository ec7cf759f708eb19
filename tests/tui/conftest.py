"""Console fixtures: a GCKeyApp over a fresh embedded service (fast hash, frozen clock, SQLite)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from gckey_tui.api import ServiceClient
from gckey_tui.app import GCKeyApp
from gckey_tui.config import Settings
from gckey_tui.i18n import set_language
from gckey_tui.service import create_app
from gckey_tui.service.clock import FrozenClock

SIZE = (80, 24)


@pytest.fixture
def console_settings(tmp_path, sqlite_url: str) -> Settings:
    """Settings of the console under test: its own store, Maildir and config file."""
    return Settings(
        data_dir=tmp_path / "data",
        database_url=sqlite_url,
        mail_dir=tmp_path / "mail",
        secret_key="test-secret-key-0123456789abcdef0123456789abcdef",
        hash_profile="fast",
        language="en",
    )


@pytest.fixture
def console_service(console_settings: Settings, clock: FrozenClock):
    """The embedded service the console talks to."""
    app = create_app(console_settings, clock=clock, embedded=True)
    yield app
    app.state.context.engine.dispose()


@pytest.fixture
def make_console(console_settings: Settings, console_service) -> Iterator[Callable[..., GCKeyApp]]:
    """Build console apps over the embedded service (``language=`` picks en or fr)."""

    def make(language: str = "en", **kwargs: object) -> GCKeyApp:
        console_settings.language = language
        client = ServiceClient.in_process(console_service)
        return GCKeyApp(console_settings, client, embedded=True, **kwargs)  # type: ignore[arg-type]

    yield make
    set_language("en")  # the language is process-wide: leave it as the next test expects


@pytest.fixture
def console(make_console) -> GCKeyApp:
    """An English console over a fresh embedded service."""
    return make_console()


@pytest.fixture
def demo_service(console_settings: Settings, clock: FrozenClock):
    """The embedded service with every area's demo data: an account with applications, institutions, reports."""
    from gckey_tui.admin import area_modules

    app = create_app(console_settings, clock=clock, embedded=True)
    for module in area_modules():
        seeder = getattr(module, "seed_demo", None)
        if seeder is not None:
            seeder(app.state.context)
    yield app
    app.state.context.engine.dispose()
