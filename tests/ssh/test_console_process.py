"""The pty under each console: a controlling terminal (window changes arrive as SIGWINCH), sizes kept sane,
all output handed on before the end, and ending hangs up the whole process group."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
import textwrap

import pytest
from ssh_support import process_gone

from gckey_tui.ssh import confinement
from gckey_tui.ssh.console_process import MAX_COLUMNS, MAX_ROWS, ConsoleProcess

WINDOW_REPORTER = textwrap.dedent(
    """
    import os, signal, time

    def size():
        columns, rows = os.get_terminal_size(0)
        return f"{columns}x{rows}"

    def say(*words):  # os.write: a handler's print could land inside the main code's print
        os.write(1, (" ".join(map(str, words)) + "\\n").encode())

    signal.signal(signal.SIGWINCH, lambda *_: say("winch", size()))
    # tcgetpgrp answers only for a controlling terminal; the console must be its session's leader
    say("ready", size(), os.getsid(0) == os.getpid(), os.tcgetpgrp(0) == os.getpgrp())
    while True:
        time.sleep(1)
    """
)


class Captured:
    """Output of a console process, awaited by pattern."""

    def __init__(self) -> None:
        self.data = bytearray()
        self.changed = asyncio.Event()

    def __call__(self, chunk: bytes) -> None:
        self.data += chunk
        self.changed.set()

    async def wait_for(self, pattern: str) -> re.Match[str]:
        try:
            async with asyncio.timeout(15):
                while not (found := re.search(pattern, self.data.decode(errors="replace"))):
                    self.changed.clear()
                    await self.changed.wait()
        except TimeoutError:
            raise AssertionError(f"no {pattern!r} in {bytes(self.data)!r}") from None
        return found


async def start(tmp_path, command: list[str], size=(80, 24), confined=None) -> tuple[ConsoleProcess, Captured]:
    output = Captured()
    environment = {"PATH": os.environ["PATH"], "HOME": str(tmp_path)}
    process = await ConsoleProcess.start(
        command, environment, tmp_path, size, output, lambda: None, lambda: None, confined
    )
    return process, output


async def test_window_changes_reach_the_console_as_sigwinch(tmp_path):
    process, output = await start(tmp_path, [sys.executable, "-c", WINDOW_REPORTER])
    await output.wait_for(r"ready 80x24 True True")
    process.resize(120, 40)
    await output.wait_for(r"winch 120x40")
    assert await process.end() == -signal.SIGHUP


async def test_window_sizes_are_kept_within_bounds(tmp_path):
    process, output = await start(tmp_path, [sys.executable, "-c", WINDOW_REPORTER], size=(5000, 0))
    await output.wait_for(rf"ready {MAX_COLUMNS}x24 ")  # 0 rows: unknown, the usual 24
    process.resize(2**32 - 1, 2**32 - 1)  # the protocol carries 32-bit sizes; the pty holds 16 bits
    await output.wait_for(rf"winch {MAX_COLUMNS}x{MAX_ROWS}")
    await process.end()


async def test_ending_hangs_up_the_whole_process_group(tmp_path):
    process, output = await start(tmp_path, ["sh", "-c", 'sleep 300 & echo "child $!"; wait'])
    child = int((await output.wait_for(r"child (\d+)")).group(1))
    assert await process.end() == -signal.SIGHUP
    async with asyncio.timeout(5):
        while not process_gone(child):
            await asyncio.sleep(0.05)


async def test_hangup_ends_the_console_even_under_nohup(tmp_path):
    """A server started with SIGHUP ignored (nohup) must not hand that on: the console would linger."""
    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        process, output = await start(tmp_path, [sys.executable, "-c", WINDOW_REPORTER])
    finally:
        signal.signal(signal.SIGHUP, previous)
    await output.wait_for("ready")
    assert await process.end() == -signal.SIGHUP  # not -SIGKILL after the grace period


async def test_all_output_is_handed_on_before_the_end(tmp_path):
    script = "import sys; sys.stdout.write('x' * 1_000_000); sys.stdout.flush()"
    process, output = await start(tmp_path, [sys.executable, "-c", script])
    assert await process.wait() == 0
    assert bytes(output.data) == b"x" * 1_000_000


async def test_keys_reach_the_console(tmp_path):
    script = "import sys; line = sys.stdin.readline(); print('got', line.strip()[::-1], flush=True)"
    process, output = await start(tmp_path, [sys.executable, "-c", script])
    process.write(b"olleh\r")
    await output.wait_for("got hello")
    assert await process.wait() == 0


@pytest.mark.skipif(confinement.prepare() is None, reason="this kernel has no Landlock: writes cannot be confined")
async def test_a_confined_console_writes_only_in_its_home(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    outside = tmp_path / "outside"
    outside.write_text("the server's own file\n")
    script = (
        f'echo kept > "$HOME/inside" && echo inside-written; '
        f"echo overwritten > {outside} 2>/dev/null || echo outside-refused; "
        f"rm -f {outside} 2>/dev/null || echo removal-refused; "
        f"mkdir {tmp_path}/new 2>/dev/null || echo mkdir-refused; "
        "echo x > /dev/null && echo devnull-written"
    )
    process, output = await start(home, ["sh", "-c", script], confined=confinement.prepare())
    assert await process.wait() == 0
    text = output.data.decode()
    for line in ("inside-written", "outside-refused", "removal-refused", "mkdir-refused", "devnull-written"):
        assert line in text, text
    assert outside.read_text() == "the server's own file\n" and (home / "inside").read_text() == "kept\n"
