"""The real ``gckey-tui`` in tmux at 80×24, walked screen by screen as a screen-reader user would: on every
screen the focused element carries a cue that is not colour (a marker ``›``/``>`` or a bar ``█``/``|`` in the
captured text, which has no colours at all), and the terminal cursor tmux reports is shown and sits on it.

Two walks per mode (signed out over the welcome menu; signed in over home and the account centre), each in one
tmux session, in ``--ascii`` mode (where no block, box-drawing or emoji glyph may be drawn) and with NO_COLOR.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pyotp
import pytest

import gckey_tui
from gckey_tui.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERNAME

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed: the terminal walks need it")

#: glyphs that mark the focused element or the selected row (menus, buttons: under the cursor; fields,
#: tables: the bar at their left edge; an unfocused frame's edge is ▊, or blank with plain glyphs)
MARKERS = ("›", ">")
BARS = ("█", "|")

#: screens of text alone
NOTHING_TO_FOCUS = ("Help",)

MODES = {
    "ascii": (["--ascii"], {}),
    "no-color": ([], {"NO_COLOR": "1"}),
}


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


class Walk:
    """One gckey-tui in one tmux session at 80×24 (its own tmux server), and what was seen on the way."""

    def __init__(self, tmp_path: Path, arguments: list[str], environment: dict[str, str]) -> None:
        self.socket = str(tmp_path / f"tmux-{uuid.uuid4().hex[:6]}.sock")
        self.name = f"a11y-{uuid.uuid4().hex[:8]}"
        source = str(Path(gckey_tui.__file__).resolve().parents[1])
        env = {
            "PYTHONPATH": os.pathsep.join(p for p in (source, os.environ.get("PYTHONPATH", "")) if p),
            "GCKEY_DATA_DIR": str(tmp_path / "data"),
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "GCKEY_LANG": "en",
            "TERM": "xterm-256color",
            "PATH": os.environ.get("PATH", ""),
            "HOME": str(tmp_path),
            **environment,
        }
        exports = " ".join(f"{key}={_quote(value)}" for key, value in env.items())
        command = " ".join(_quote(part) for part in [sys.executable, "-m", "gckey_tui", "--demo", *arguments])
        self._tmux("new-session", "-d", "-s", self.name, "-x", "80", "-y", "24", f"env {exports} {command}")
        self.seen: list[str] = []
        self.visited: list[str] = []

    def _tmux(self, *args: str) -> str:
        return subprocess.run([TMUX, "-S", self.socket, *args], capture_output=True, text=True, check=True).stdout

    def screen(self) -> str:
        shown = self._tmux("capture-pane", "-p", "-t", self.name)
        self.seen.append(shown)
        return shown

    def cursor(self) -> tuple[int, int, bool]:
        x, y, shown = self._tmux("display", "-p", "-t", self.name, "#{cursor_x},#{cursor_y},#{cursor_flag}").split(",")
        return int(x), int(y), shown.strip() == "1"

    def title(self) -> str:
        return self._tmux("display", "-p", "-t", self.name, "#{pane_title}").strip()

    def send(self, *keys: str, literal: bool = False) -> None:
        self._tmux("send-keys", "-t", self.name, *(["-l"] if literal else []), *keys)

    def wait_for(self, text: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.05)
        raise AssertionError(f"{text!r} not seen within {timeout} s:\n{self.seen[-1]}")

    def focus_checked(self, title: str, timeout: float = 60) -> None:
        """On the screen titled ``title`` (its first line starts with it): the cursor is shown and sits on a
        focus cue (see ``focus_cue``); on a screen with nothing to focus (help: text only), at its title."""
        deadline = time.monotonic() + timeout
        while True:
            shown = self.screen()
            x, y, visible = self.cursor()
            lines = shown.split("\n")
            line = lines[y] if y < len(lines) else ""
            on_cue = focus_cue(line, x) or (title in NOTHING_TO_FOCUS and (x, y) == (0, 0))
            if visible and lines[0].strip().startswith(title) and on_cue:
                self.visited.append(title)
                return
            if time.monotonic() > deadline:
                marked = "\n".join(row + ("   <-- cursor" if n == y else "") for n, row in enumerate(lines))
                raise AssertionError(f"{title}: cursor at {x},{y} (shown: {visible}) is on no focus cue:\n{marked}")
            time.sleep(0.05)

    def close(self) -> None:
        subprocess.run([TMUX, "-S", self.socket, "kill-server"], capture_output=True)


def focus_cue(line: str, x: int) -> bool:
    """The cursor is on a marker (a menu's selected row, a focused button), or on a field or table whose left
    edge carries the focus bar (nearest bar left of the cursor on its line)."""
    if x < len(line) and line[x] in MARKERS:
        return True
    left = line[: x + 1]
    return any(bar in left for bar in BARS)


def glyphs_a_console_font_lacks(shown: str) -> set[str]:
    """Block elements, box drawing, geometric shapes, the guillemet marker and emoji."""
    return {
        ch
        for ch in shown
        if 0x2500 <= ord(ch) <= 0x25FF or ch == "›" or ord(ch) > 0xFFFF or 0x2600 <= ord(ch) <= 0x27BF
    }


@pytest.fixture
def walk(tmp_path):
    started: list[Walk] = []

    def start(mode: str) -> Walk:
        arguments, environment = MODES[mode]
        started.append(Walk(tmp_path / mode, arguments, environment))
        return started[-1]

    (tmp_path / "ascii").mkdir()
    (tmp_path / "no-color").mkdir()
    yield start
    for each in started:
        each.close()


#: screens where Tab moves on once: a form field to the next, a list to the body around it
TAB_THROUGH = ("s", "p", "u")

SIGNED_OUT = [
    ("s", "Sign in with GCKey"),
    ("p", "Sign-In Partner"),
    ("r", "Register"),
    ("u", "username"),
    ("f", "password"),
    ("h", "Help"),
    ("m", "mailbox"),
    ("t", "Settings"),
]


class Walks:
    """The same walk in every mode at once (one tmux session each): each step is taken in all of them."""

    def __init__(self, walks: dict[str, Walk]) -> None:
        self.walks = walks

    def send(self, *keys: str, literal: bool = False) -> None:
        for each in self.walks.values():
            each.send(*keys, literal=literal)

    def focus_checked(self, part: str, *, exact: bool = False) -> None:
        """Every walk shows the screen whose title says ``part``, with its focused element marked and the
        cursor on it."""
        for each in self.walks.values():
            each.focus_checked(part if exact else part_title(each, part))

    def plain_glyphs_only(self) -> None:
        """Nothing a Linux console font lacks was ever drawn in ``--ascii`` mode."""
        drawn = [shown for shown in self.walks["ascii"].seen if glyphs_a_console_font_lacks(shown)]
        assert drawn == [], f"{glyphs_a_console_font_lacks(drawn[0])} drawn in --ascii mode:\n{drawn[0]}"


@pytest.fixture
def walks(walk) -> Walks:
    return Walks({mode: walk(mode) for mode in MODES})


def test_signed_out_screens_mark_focus_and_carry_the_cursor(walks):
    walks.focus_checked("GCKey", exact=True)
    for key, part in SIGNED_OUT:
        walks.send(key)
        walks.focus_checked(part)
        if key in TAB_THROUGH:  # the next element is marked, and the cursor follows
            walks.send("Tab")
            time.sleep(0.15)
            walks.focus_checked(part)
        walks.send("Escape")
        walks.focus_checked("GCKey", exact=True)
    # Textual's command palette: its search field is marked and carries the cursor
    walks.send("C-p")
    for each in walks.walks.values():
        each.wait_for("Search for a screen")
        each.focus_checked("GCKey")
    for each in walks.walks.values():  # Escape closes the list, then the palette
        for _press in range(10):
            if "Search for a screen" not in each.screen():
                break
            each.send("Escape")
            time.sleep(0.3)
    walks.focus_checked("GCKey", exact=True)
    # an error is announced in the terminal title; the cursor stays on a marked element
    walks.send("s")
    walks.focus_checked("Sign in with GCKey")
    walks.send("Enter")
    walks.send("Enter")
    for each in walks.walks.values():
        deadline = time.monotonic() + 10
        while "Enter your username" not in each.title() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert "Enter your username" in each.title()
    walks.focus_checked("Sign in with GCKey")
    walks.plain_glyphs_only()
    for mode, each in walks.walks.items():
        print(f"{mode}: focus cue and cursor checked {len(each.visited)} times")


SIGNED_IN = [("2", "two-"), ("a", "applications"), ("i", "Institutions"), ("h", "Help"), ("t", "Settings")]
ACCOUNT = [
    ("p", "password"),
    ("e", "email"),
    ("q", "answers"),
    ("r", "recovery codes"),
    ("s", "Sessions"),
    ("y", "Activity"),
    ("d", "and data"),
]


def test_signed_in_screens_mark_focus_and_carry_the_cursor(walks):
    walks.focus_checked("GCKey", exact=True)
    walks.send("s")
    walks.focus_checked("Sign in with GCKey")
    # typed at a person's pace: this walk checks focus and cursor; bursts are test_type_ahead's (a burst that
    # tmux splits into two reads can still reorder keys under load)
    walks.send(f"{DEMO_USERNAME}\r", literal=True)
    time.sleep(1)
    walks.send(f"{DEMO_PASSWORD}\r", literal=True)
    walks.focus_checked("Two-factor")
    walks.send(f"{pyotp.TOTP(DEMO_TOTP_SECRET).now()}\r", literal=True)
    home = "My GCKey"
    for each in walks.walks.values():
        each.wait_for(home, timeout=60)
    walks.focus_checked(home, exact=True)
    for key, part in SIGNED_IN:
        walks.send(key)
        walks.focus_checked(part)
        walks.send("Escape")
        walks.focus_checked(home, exact=True)
    walks.send("c")
    walks.focus_checked("Your account", exact=True)
    for key, part in ACCOUNT:
        walks.send(key)
        walks.focus_checked(part)
        walks.send("Escape")
        walks.focus_checked("Your account", exact=True)
    walks.plain_glyphs_only()
    for mode, each in walks.walks.items():
        print(f"{mode}: focus cue and cursor checked {len(each.visited)} times")


def part_title(terminal: Walk, part: str, timeout: float = 60) -> str:
    """The title line of the screen just opened, once it says ``part`` (any case)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        first = terminal.screen().split("\n")[0].strip()
        if part.lower() in first.lower():
            return first
        time.sleep(0.05)
    raise AssertionError(f"no screen titled with {part!r}:\n{terminal.seen[-1]}")


def test_reduced_motion_shows_a_steady_cursor_and_gives_the_title_back(tmp_path):
    """What the console writes to the terminal: the cursor shown and steady (DECSCUSR 2, blink off), every
    announcement as an OSC 2 title, and the terminal's own title and cursor shape back on leaving."""
    socket, name, raw = str(tmp_path / "raw.sock"), "raw", tmp_path / "raw.out"
    source = str(Path(gckey_tui.__file__).resolve().parents[1])

    def tmux(*args: str) -> None:
        subprocess.run([TMUX, "-S", socket, *args], capture_output=True, check=True)

    tmux("new-session", "-d", "-s", name, "-x", "80", "-y", "24", "sh")
    try:
        tmux("pipe-pane", "-t", name, "-o", f"cat >> {_quote(str(raw))}")
        environment = {
            "PYTHONPATH": source,
            "GCKEY_DATA_DIR": str(tmp_path / "data"),
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "GCKEY_LANG": "en",
        }
        exports = " ".join(f"{key}={_quote(value)}" for key, value in environment.items())
        tmux("send-keys", "-t", name, f"env {exports} {_quote(sys.executable)} -m gckey_tui --demo --reduced-motion")
        tmux("send-keys", "-t", name, "Enter")
        deadline = time.monotonic() + 30
        while b"Sign in with GCKey" not in (raw.read_bytes() if raw.exists() else b"") and time.monotonic() < deadline:
            time.sleep(0.1)
        tmux("send-keys", "-t", name, "s")
        while b"\x1b]2;Sign in" not in raw.read_bytes() and time.monotonic() < deadline:
            time.sleep(0.1)
        tmux("send-keys", "-t", name, "C-q")
        while b"\x1b[23;2t" not in raw.read_bytes() and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        subprocess.run([TMUX, "-S", socket, "kill-server"], capture_output=True)
    written = raw.read_bytes()
    start = written.index(b"\x1b[?1049h")  # the console's own screen
    assert written.index(b"\x1b[?25h", start) < written.index(b"\x1b[2 q\x1b[?12l", start)
    assert b"\x1b]2;Sign in with GCKey \xe2\x80\x93 GCKey\x07" in written
    assert written.index(b"\x1b[22;2t", start) < written.index(b"\x1b[23;2t\x1b[0 q", start)
