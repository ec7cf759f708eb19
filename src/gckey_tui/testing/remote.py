"""A served instance as the kit's flows see it: consoles in remote mode over HTTP, at the real time, and the
deployment's test account from the environment."""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyotp

from gckey_tui.config import Settings
from gckey_tui.testing.console import Harness, KitConsole
from gckey_tui.testing.mailbox import Mailbox

if TYPE_CHECKING:
    from gckey_tui.api import ServiceClient

#: the environment variables naming a deployment's test account (``gckey-tui selftest`` reads them)
ACCOUNT_VARIABLES = ("GCKEY_SELFTEST_USERNAME", "GCKEY_SELFTEST_PASSWORD", "GCKEY_SELFTEST_TOTP_SECRET")
#: RFC 6238's time step
STEP_SECONDS = 30


@dataclass(frozen=True)
class SmokeAccount:
    """A deployment's test account: a GCKey with an authenticator app whose key the pipeline holds."""

    username: str
    password: str
    secret: str

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> SmokeAccount:
        """The account named by ``GCKEY_SELFTEST_USERNAME``, ``_PASSWORD`` and ``_TOTP_SECRET``; a ``LookupError``
        naming the variables that are missing."""
        environ = os.environ if environ is None else environ
        missing = [name for name in ACCOUNT_VARIABLES if not environ.get(name)]
        if missing:
            raise LookupError(", ".join(missing))
        username, password, secret = (environ[name] for name in ACCOUNT_VARIABLES)
        return cls(username, password, "".join(secret.split()).upper())


class RemoteService(Harness):
    """The service served at ``url``. Its mail is readable only when its Maildir is at hand (``mail_dir``, e.g. a
    served instance on this machine); authenticator codes are those of the real time, and a flow that needs a
    second code of one key waits for the next 30-second step (the service accepts each step once)."""

    def __init__(self, url: str, *, mail_dir: Path | None = None) -> None:
        self.url = url.rstrip("/")
        self.mailbox = Mailbox(mail_dir) if mail_dir is not None else None
        # the console's own directory (a "save the recovery codes" lands there)
        self._directory = tempfile.TemporaryDirectory(prefix="gckey-remote-")
        self.settings = Settings(data_dir=Path(self._directory.name), server=self.url, language="en")
        self._spent: dict[str, int] = {}
        self._offered: dict[str, int] = {}

    def client(self, language: str = "en") -> ServiceClient:
        """A new API client of the served instance."""
        from gckey_tui.api import ServiceClient

        return ServiceClient(self.url, language=language)

    def console(self, language: str = "en", **options: Any) -> KitConsole:
        """A console in remote mode on the served instance, configured by nothing but ``settings``."""
        self.settings.language = language
        return KitConsole(self, self.settings, self.client(language), **options)

    def totp(self, secret: str, steps_ahead: int = 0) -> str:
        """The authenticator's code for ``secret`` now (``steps_ahead=1``: the next one)."""
        return pyotp.TOTP(secret).at(time.time() + STEP_SECONDS * steps_ahead)

    async def authenticator_code(self, secret: str) -> str:
        step = int(time.time() // STEP_SECONDS)
        spent = self._spent.get(secret)
        if spent is not None and step <= spent:
            step = spent + 1
            await asyncio.sleep(max(0.0, step * STEP_SECONDS - time.time()))
        self._offered[secret] = step
        return pyotp.TOTP(secret).at(step * STEP_SECONDS)

    def code_accepted(self, secret: str) -> None:
        self._spent[secret] = self._offered.pop(secret)

    def close(self) -> None:
        """Remove the console's directory."""
        self._directory.cleanup()

    def __enter__(self) -> RemoteService:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def gckey_remote(url: str | None = None, *, mail_dir: Path | None = None) -> RemoteService:
    """The served instance at ``url`` (default: ``GCKEY_SERVER``), for the kit's consoles and flows."""
    url = url or os.environ.get("GCKEY_SERVER")
    if not url:
        raise LookupError("GCKEY_SERVER")
    return RemoteService(url, mail_dir=mail_dir)
