"""Fixtures: a fresh service per test on SQLite and, with GCKEY_TEST_DATABASE_URL, on PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Callable, Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from support import Account, Outbox, register_account

from gckey_tui.api import ServiceClient
from gckey_tui.config import Settings
from gckey_tui.service import create_app
from gckey_tui.service.clock import FrozenClock

# the testing kit's fixtures (an installed gckey-tui loads them by its entry point too: loaded once either way);
# pytester runs the kit's README example and plugin checks in pytest processes of their own
pytest_plugins = ["pytester", "gckey_tui.testing.plugin"]

POSTGRES_URL = os.environ.get("GCKEY_TEST_DATABASE_URL")

BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    """No test reads the user's config, data directory or GCKEY_* variables."""
    for variable in list(os.environ):
        if variable.startswith("GCKEY_") and variable != "GCKEY_TEST_DATABASE_URL":
            monkeypatch.delenv(variable)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("GCKEY_HASH_PROFILE", "fast")


def _postgres_schema_url() -> Iterator[str]:
    """A throwaway schema in the PostgreSQL test database, so parallel runs never meet."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    base = make_url(POSTGRES_URL).set(drivername="postgresql+psycopg")
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """The store for one test: a SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite3'}"
    else:
        yield from _postgres_schema_url()


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    """A SQLite store, for tests that need not run on both backends (the console's)."""
    return f"sqlite:///{tmp_path / 'store.sqlite3'}"


@pytest.fixture
def clock(gckey_clock: FrozenClock) -> FrozenClock:
    """The kit's ``gckey_clock`` (kept for older tests): the services' clock, frozen at 2026-11-02 12:00 UTC."""
    return gckey_clock


@pytest.fixture
def settings(tmp_path, database_url: str) -> Settings:
    """Test settings: fast hashing, a fixed key, mail into tmp_path/mail."""
    return Settings(
        data_dir=tmp_path / "data",
        database_url=database_url,
        mail_dir=tmp_path / "mail",
        secret_key="test-secret-key-0123456789abcdef0123456789abcdef",
        hash_profile="fast",
        dev_partner=True,
        public_url="http://gckey.local",
    )


@pytest.fixture
def service(settings: Settings, clock: FrozenClock):
    """A fresh service app over the test store."""
    app = create_app(settings, clock=clock)
    yield app
    app.state.context.engine.dispose()


@pytest.fixture
def context(service):
    """The service's context (engine, secrets, mailer, clock)."""
    return service.state.context


@pytest.fixture
def outbox(service) -> Outbox:
    """The service's mail (its outbox delivered to its Maildir)."""
    return Outbox.of(service)


@pytest.fixture
def new_client(service) -> Iterator[Callable[..., ServiceClient]]:
    """Make more clients of the same service (each holds its own session)."""
    made: list[ServiceClient] = []

    def make(language: str = "en") -> ServiceClient:
        client = ServiceClient.in_process(service, language=language)
        made.append(client)
        return client

    yield make


@pytest.fixture
async def client(new_client) -> AsyncIterator[ServiceClient]:
    """An anonymous client of the service."""
    yield new_client()


@pytest.fixture
def make_account(new_client, outbox: Outbox, clock: FrozenClock):
    """``await make_account("username1")``: a registered account with TOTP and a signed-in client."""

    async def make(username: str = "alice2026", language: str = "en") -> Account:
        return await register_account(new_client(language), outbox, clock, username, language=language)

    return make
