"""What ``gckey-tui serve-ssh`` was asked to do (plain data: no asyncssh here)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ServeOptions:
    """The listening address, where consoles connect to, the host key, access and limits."""

    host: str
    port: int
    #: the served instance every console talks to (remote mode); ``None``: embedded, a single-user try
    server_url: str | None
    host_key: Path
    #: only these public keys may connect (OpenSSH authorized_keys format); ``None``: anyone may
    authorized_keys: Path | None
    max_sessions: int
    max_per_address: int
    idle_timeout_minutes: float
    #: language of the messages to a client that did not send LANG / GCKEY_LANG
    language: str | None = None

    @property
    def idle_timeout(self) -> float:
        """The idle timeout in seconds."""
        return self.idle_timeout_minutes * 60
