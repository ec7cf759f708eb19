"""Helpers of the serve-ssh tests: a served instance, a ``serve-ssh`` process, and a tmux terminal running the
real OpenSSH client."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

SSH = shutil.which("ssh")
TMUX = shutil.which("tmux")
#: the issue's client options, and no user or system ssh_config (its SendEnv, ControlMaster, …)
SSH_OPTIONS = [
    "-F",
    "/dev/null",
    "-o",
    "StrictHostKeyChecking=no",
    "-o",
    "UserKnownHostsFile=/dev/null",
    "-o",
    "LogLevel=ERROR",
]
TIMEOUT = 15.0


def wait_until(predicate: Callable[[], object], what: str, timeout: float = TIMEOUT) -> object:
    """Poll ``predicate`` until it is true (returned); fail saying ``what`` was awaited."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def process_gone(pid: int) -> bool:
    """The process has ended and been reaped (no zombie left either)."""
    return not os.path.exists(f"/proc/{pid}")


class SSHServer:
    """``gckey-tui serve-ssh --port 0`` in a subprocess; its log is read by the tests."""

    def __init__(self, root: Path, server_url: str | None, *arguments: str) -> None:
        self.root = root
        self.log_path = root / "serve-ssh.log"
        self.host_key = root / "ssh_host_key"
        command = [sys.executable, "-m", "gckey_tui", "serve-ssh", "--port", "0", "--host-key", str(self.host_key)]
        if server_url:
            command += ["--server", server_url]
        environment = {**os.environ, "GCKEY_DATA_DIR": str(root / "ssh-data"), "LANG": "C.UTF-8"}
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                [*command, *arguments], env=environment, stdout=subprocess.PIPE, stderr=log, text=True
            )
        assert self.process.stdout is not None
        self.banner = [self.process.stdout.readline() for _line in range(4)]  # address, key, writes, access
        found = re.search(r"127\.0\.0\.1:(\d+)", self.banner[0])
        assert found, f"no address in {self.banner!r}: {self.log()}"
        self.port = int(found.group(1))

    def log(self) -> str:
        """The connection log so far."""
        return self.log_path.read_text()

    def console_pids(self) -> list[int]:
        """The process ids of the consoles started so far, in order."""
        return [int(pid) for pid in re.findall(r"console started pid=(\d+)", self.log())]

    def ssh_command(self, *extra: str) -> list[str]:
        """The OpenSSH client command for this server; ``extra`` options come first, so they win."""
        assert SSH is not None
        return [SSH, *extra, "-p", str(self.port), *SSH_OPTIONS, "localhost"]

    def stop(self) -> None:
        """SIGTERM, as an operator would; the server ends its consoles before it exits."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=15)


class Terminal:
    """A tmux window of a given size on a private tmux server (no user configuration, its own buffers)."""

    def __init__(self, command: list[str], columns: int = 80, rows: int = 24, env: dict[str, str] | None = None):
        assert TMUX is not None
        self.socket = f"ssh-test-{uuid.uuid4().hex[:10]}"
        self.session = "ssh-e2e"
        shell = " ".join(_quote(part) for part in command)
        prefix = " ".join(f"{name}={_quote(value)}" for name, value in (env or {}).items())
        script = f'{prefix} {shell}; echo "ssh exited $?"; sleep 60'
        self.tmux("new-session", "-d", "-s", self.session, "-x", str(columns), "-y", str(rows), script)
        self.tmux("set-option", "-s", "set-clipboard", "on")  # OSC 52 from the application fills a tmux buffer
        self.socket_path = Path(self.tmux("display-message", "-p", "#{socket_path}").strip())

    def tmux(self, *arguments: str) -> str:
        """Run a tmux command on this terminal's private server."""
        assert TMUX is not None
        result = subprocess.run(
            [TMUX, "-L", self.socket, "-f", "/dev/null", *arguments], capture_output=True, text=True, check=True
        )
        return result.stdout

    def screen(self) -> str:
        """The visible text."""
        return self.tmux("capture-pane", "-p", "-t", self.session)

    def lines(self) -> list[str]:
        """The visible rows."""
        return self.screen().split("\n")[:-1]

    def wait_for(self, text: str, timeout: float = TIMEOUT, *, pattern: bool = False) -> str:
        """Wait until ``text`` (a regular expression if ``pattern``) is on the screen; the screen."""

        def shown() -> str | None:
            screen = self.screen()
            found = re.search(text, screen) if pattern else text in screen
            return screen if found else None

        try:
            return wait_until(shown, repr(text), timeout)  # type: ignore[return-value]
        except AssertionError as failure:
            raise AssertionError(f"{failure}; the screen:\n{self.screen()}") from None

    def cursor(self) -> tuple[int, int]:
        """Where the terminal cursor is (column, row): the console keeps it on the focused field."""
        column, row = self.tmux("display-message", "-p", "-t", self.session, "#{cursor_x} #{cursor_y}").split()
        return int(column), int(row)

    def wait_for_cursor_below(self, label: str) -> None:
        """Wait until the cursor is on the row under ``label`` (its field has focus), before typing into it."""

        def there() -> bool:
            rows = [index for index, line in enumerate(self.lines()) if label in line]
            return bool(rows) and self.cursor()[1] == rows[0] + 1

        wait_until(there, f"the cursor in the {label!r} field")

    def keys(self, *keys: str) -> None:
        """Press keys (tmux names: Enter, F2, C-q, …)."""
        self.tmux("send-keys", "-t", self.session, *keys)

    def type(self, text: str) -> None:
        """Type text literally."""
        self.tmux("send-keys", "-t", self.session, "-l", text)

    def resize(self, columns: int, rows: int) -> None:
        """Resize the window, as a user dragging its corner."""
        self.tmux("resize-window", "-t", self.session, "-x", str(columns), "-y", str(rows))

    def clipboard(self) -> str:
        """The newest tmux buffer (what OSC 52 copied), or '' when none."""
        try:
            return self.tmux("show-buffer")
        except subprocess.CalledProcessError:
            return ""

    def close(self) -> None:
        """End this terminal's tmux server (and the ssh client in it)."""
        subprocess.run([TMUX, "-L", self.socket, "kill-server"], capture_output=True)  # type: ignore[list-item]
        self.socket_path.unlink(missing_ok=True)  # tmux leaves it behind


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"
