"""A real served instance for tests: ``gckey-tui serve`` in a subprocess on a free port, with a store of its own."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ServedInstance:
    """``gckey-tui serve --insecure-fast-hash`` on 127.0.0.1 (``url``), its SQLite store, Maildir (``mail_dir``),
    data directory and log (``serve.log``) under ``root``; started and answering when built, ended by ``stop()``.
    Register accounts through its API (``ServiceClient(url)``, the codes from ``Mailbox(mail_dir)``)."""

    def __init__(self, root: Path, *, timeout: float = 30.0) -> None:
        self.root = Path(root)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.mail_dir = self.root / "mail"
        self.log = self.root / "serve.log"
        environment = {
            **os.environ,
            "GCKEY_DATA_DIR": str(self.root / "data"),
            "GCKEY_MAIL_DIR": str(self.mail_dir),
            "GCKEY_DATABASE_URL": f"sqlite:///{self.root / 'store.sqlite3'}",
            "GCKEY_HASH_PROFILE": "fast",
            "GCKEY_SECRET_KEY": secrets.token_hex(32),
        }
        command = [sys.executable, "-m", "gckey_tui", "serve", "--port", str(self.port), "--insecure-fast-hash"]
        self.root.mkdir(parents=True, exist_ok=True)
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL, stderr=log)
        self._wait_until_healthy(timeout)

    def _wait_until_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"gckey-tui serve ended ({self.process.returncode}): {self.log.read_text()}")
            try:
                if httpx.get(f"{self.url}/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise TimeoutError(f"gckey-tui serve did not answer within {timeout} s: {self.log.read_text()}")
            time.sleep(0.1)

    def stop(self) -> None:
        """End the server (SIGTERM) and wait for it."""
        self.process.terminate()
        self.process.wait(timeout=30)

    def __enter__(self) -> ServedInstance:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
