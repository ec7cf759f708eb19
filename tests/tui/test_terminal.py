"""The real ``gckey-tui`` in tmux at 80×24, as a person's terminal shows it: keys sent in one burst
(``send-keys -l``) land in their own fields and a password is never drawn; NO_COLOR with the ANSI themes."""

from __future__ import annotations

import os
import re
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

    def screen_with_attributes(self) -> str:
        """What the terminal shows now, with its colour and style escape sequences."""
        return self._tmux("capture-pane", "-p", "-e", "-t", self.name)

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
    """``terminal(*arguments, **environment)``: gckey-tui started in tmux with a fresh data directory."""
    source = str(Path(gckey_tui.__file__).resolve().parents[1])  # the package under test, first on the path
    base = {
        "PYTHONPATH": os.pathsep.join(p for p in (source, os.environ.get("PYTHONPATH", "")) if p),
        "GCKEY_DATA_DIR": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "GCKEY_LANG": "en",
        "TERM": "xterm-256color",
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
    }
    opened: list[Terminal] = []

    def start(*arguments: str, **environment: str) -> Terminal:
        opened.append(Terminal(tmp_path, [sys.executable, "-m", "gckey_tui", *arguments], {**base, **environment}))
        return opened[-1]

    yield start
    for each in opened:
        each.close()


def test_username_enter_password_in_one_burst_over_a_real_terminal(terminal):
    terminal = terminal()
    terminal.wait_for(lambda shown: "Sign in with GCKey" in shown)
    terminal.send("s")
    terminal.wait_for(lambda shown: "Password" in shown and "Username" in shown)
    terminal.send(f"someone26\r{PASSWORD}", literal=True)
    shown = terminal.wait_for(lambda shown: "•" * len(PASSWORD) in shown)
    lines = shown.splitlines()
    username_line = lines[next(n for n, line in enumerate(lines) if "Username" in line) + 1]
    password_line = lines[next(n for n, line in enumerate(lines) if "Password" in line) + 1]
    assert username_line.strip() == "someone26"
    assert password_line.strip() == "█" + "•" * len(PASSWORD)  # the focused field, marked by its bar
    assert not any(PASSWORD in screen for screen in terminal.screens)


@pytest.mark.parametrize("theme", ["ansi-dark", "ansi-light"])
def test_no_color_with_an_ansi_theme_is_drawn_in_the_terminal_s_own_colours(terminal, theme):
    terminal = terminal("--theme", theme, NO_COLOR="1")
    terminal.wait_for(lambda shown: "Sign in with GCKey" in shown)
    terminal.send("s")
    terminal.wait_for(lambda shown: "Password" in shown)
    terminal.send("abc", literal=True)
    shown = terminal.wait_for(lambda shown: "abc" in shown)
    # no colour at all (before, text and background were both set to black), and focus still shows: a bar
    assert not re.search(r"\x1b\[[0-9;]*[34]8;", terminal.screen_with_attributes())
    assert "█abc" in shown
