"""The real ``gckey-tui`` in tmux at 80×24: a username, Enter and a password sent in one burst
(``send-keys -l``) land in their own fields, and the password is never drawn."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

import gckey_tui

TMUX = shutil.which("tmux")
PASSWORD = "Maple7Syrup"
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (.ci/run installs it)")


class Terminal:
    """One tmux session running one command at 80×24, on its own tmux server (socket)."""

    def __init__(self, tmp_path: Path, command: list[str], env: dict[str, str]) -> None:
        self.socket = str(tmp_path / "tmux.sock")
        self.name = f"gckey-{uuid.uuid4().hex[:8]}"
        self.screens: list[str] = []
        exports = " ".join(f"{key}={_quote(value)}" for key, value in env.items())
        shell = f"env {exports} {' '.join(_quote(part) for part in command)}"
        self._tmux("new-session", "-d", "-s", self.name, "-x", "80", "-y", "24", shell)

    def _tmux(self, *args: str) -> str:
        return subprocess.run([TMUX, "-S", self.socket, *args], capture_output=True, text=True, check=True).stdout

    def screen(self) -> str:
        """What the terminal shows now (every capture is kept, to check what was ever drawn)."""
        shown = self._tmux("capture-pane", "-p", "-t", self.name)
        self.screens.append(shown)
        return shown

    def wait_for(self, condition: Callable[[str], bool], timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if condition(shown):
                return shown
            time.sleep(0.05)
        raise AssertionError(f"not seen within {timeout} s:\n{self.screens[-1]}")

    def send(self, *keys: str, literal: bool = False) -> None:
        self._tmux("send-keys", "-t", self.name, *(["-l"] if literal else []), *keys)

    def close(self) -> None:
        subprocess.run([TMUX, "-S", self.socket, "kill-server"], capture_output=True)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


@pytest.fixture
def terminal(tmp_path):
    source = str(Path(gckey_tui.__file__).resolve().parents[1])  # the package under test, first on the path
    env = {
        "PYTHONPATH": os.pathsep.join(p for p in (source, os.environ.get("PYTHONPATH", "")) if p),
        "GCKEY_DATA_DIR": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "GCKEY_LANG": "en",
        "TERM": "xterm-256color",
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
    }
    opened = Terminal(tmp_path, [sys.executable, "-m", "gckey_tui"], env)
    yield opened
    opened.close()


def test_username_enter_password_in_one_burst_over_a_real_terminal(terminal):
    terminal.wait_for(lambda shown: "Sign in with GCKey" in shown)
    terminal.send("s")
    terminal.wait_for(lambda shown: "Password" in shown and "Username" in shown)
    terminal.send(f"someone26\r{PASSWORD}", literal=True)
    shown = terminal.wait_for(lambda shown: "•" * len(PASSWORD) in shown)
    lines = shown.splitlines()
    username_line = lines[next(n for n, line in enumerate(lines) if "Username" in line) + 1]
    password_line = lines[next(n for n, line in enumerate(lines) if "Password" in line) + 1]
    assert username_line.strip() == "someone26"
    assert password_line.strip() == "•" * len(PASSWORD)
    assert not any(PASSWORD in screen for screen in terminal.screens)
