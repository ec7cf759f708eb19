"""One SSH session channel: a console on a pty for an interactive shell request, a one-line refusal otherwise.

What the client sends is copied to the console and back as bytes; the only things read from it are the
window size, TERM and the language variables (see :mod:`gckey_tui.ssh.environment`). Keystrokes are never
logged.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import asyncssh

from gckey_tui.i18n import translate
from gckey_tui.i18n.labels import SSH_REFUSALS
from gckey_tui.ssh.console_process import ConsoleProcess
from gckey_tui.ssh.environment import console_command, console_environment, session_language

if TYPE_CHECKING:
    from gckey_tui.ssh.server import ConsoleServer

#: puts the client's terminal back as a console found it (main screen, cursor shown, no mouse reports,
#: no bracketed paste, keyboard protocol popped) when the console could not do it itself
RESET_TERMINAL = (
    "\x1b[<u\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?1016l\x1b[?2004l\x1b[?2048l\x1b[?1004l"
    "\x1b[?7h\x1b[0m\x1b[?25h\x1b[?1049l"
)
#: keys typed before the console is up are kept for it, up to this much
EARLY_INPUT_LIMIT = 64 * 1024
EXIT_REFUSED = 1


def ssh_connection(channel: object) -> str:
    """``client-address client-port server-address server-port``, as OpenSSH's SSH_CONNECTION."""
    peer = channel.get_extra_info("peername") or ("", 0)  # type: ignore[attr-defined]
    local = channel.get_extra_info("sockname") or ("", 0)  # type: ignore[attr-defined]
    return f"{peer[0]} {peer[1]} {local[0]} {local[1]}"


class ConsoleSession(asyncssh.SSHServerSession):
    """Runs one console for a pty shell request; refuses exec, subsystems and shells without a pty."""

    def __init__(self, server: ConsoleServer) -> None:
        self.server = server
        self.channel: asyncssh.SSHServerChannel | None = None
        self.console: ConsoleProcess | None = None
        self.command_requested = False
        #: why the server ends the console (idle, eof, closed), once it has decided to
        self.ending: str | None = None
        self.early_input = bytearray()
        self.last_input = 0.0
        self.idle_timer: asyncio.TimerHandle | None = None

    # requests from the client

    def connection_made(self, chan: asyncssh.SSHServerChannel) -> None:  # type: ignore[override]
        self.channel = chan

    def pty_requested(self, term_type: str, term_size: tuple[int, int, int, int], term_modes: object) -> bool:
        return True  # the type and size are read from the channel when the console starts

    def shell_requested(self) -> bool:
        return True

    def exec_requested(self, command: str) -> bool:
        # accepted only to be answered with a line saying why nothing runs (a bare failure says nothing);
        # the command itself is not logged: people paste secrets into command lines
        self.command_requested = True
        return True

    def subsystem_requested(self, subsystem: str) -> bool:
        self.server.event("refused", what="subsystem", name=subsystem[:32])
        return False

    def break_received(self, msec: int) -> bool:
        return False

    def eof_received(self) -> bool:
        # no more keys will come: the console is ended rather than left running unseen
        self._end_console("eof")
        return True

    # the session

    def session_started(self) -> None:
        assert self.channel is not None
        self.server.session_began()
        language = session_language(self.channel.get_environment(), self.server.options.language)
        if self.command_requested:
            self.server.event("refused", what="exec")
            self._refuse(translate("ssh.refused.exec", language))
        elif self.channel.get_terminal_type() is None:
            self.server.event("refused", what="shell without pty")
            self._refuse(translate("ssh.refused.no_pty", language))
        else:
            over = self.server.limits.admit(self.server.client_key)
            if over is None:
                self.server.state.spawn(self._run(language))
            else:
                limit = self.server.options.max_per_address
                self.server.event("refused", what="session", limit=over, running=self.server.limits.total())
                self._refuse(translate(SSH_REFUSALS[over], language, limit=limit))

    def _refuse(self, message: str) -> None:
        assert self.channel is not None
        self.channel.write_stderr(f"{message}\r\n".encode())
        self.channel.exit(EXIT_REFUSED)

    async def _run(self, language: str) -> None:
        assert self.channel is not None
        channel = self.channel
        options = self.server.options
        home = Path(tempfile.mkdtemp(prefix="gckey-ssh-"))  # 0700: this session's private home
        try:
            columns, rows = channel.get_terminal_size()[:2]
            term = channel.get_terminal_type()
            environment = console_environment(
                os.environ,
                channel.get_environment(),
                term,
                home,
                remote=options.server_url is not None,
                connection=ssh_connection(channel),
            )
            try:
                self.console = await ConsoleProcess.start(
                    console_command(options.server_url),
                    environment,
                    home,
                    (columns, rows),
                    self._output,
                    channel.pause_reading,
                    channel.resume_reading,
                    self.server.state.confinement,
                )
            except (OSError, subprocess.SubprocessError) as error:
                self.server.event("console failed to start", error=str(error))
                self._refuse(translate("ssh.ended.unavailable", language))
                return
            if self.ending is not None:  # the client left, or closed its input, while the console was starting
                self.server.state.spawn(self.console.end())
            self.server.event(
                "console started",
                pid=self.console.pid,
                term=environment["TERM"],
                size=f"{columns}x{rows}",
                language=language,
            )
            if channel.get_terminal_size()[:2] != (columns, rows):  # resized while the console was starting
                self.console.resize(*channel.get_terminal_size()[:2])
            if self.early_input:
                self.console.write(bytes(self.early_input))
                self.early_input.clear()
            self._watch_idle()
            status = await self.console.wait()
            self._finish(status, language)
        finally:
            if self.idle_timer is not None:
                self.idle_timer.cancel()
            self.server.limits.release(self.server.client_key)
            shutil.rmtree(home, ignore_errors=True)

    def _finish(self, status: int, language: str) -> None:
        assert self.channel is not None and self.console is not None
        self.server.event("console ended", pid=self.console.pid, status=status, ended_by=self.ending or "console")
        if self.ending == "idle":
            minutes = f"{self.server.options.idle_timeout_minutes:g}"
            self._write_notice(translate("ssh.ended.idle", language, minutes=minutes))
        elif self.ending is None and status != 0:  # crashed or killed: only this session ends
            self._write_notice(translate("ssh.ended.crashed", language))
        if status < 0:  # ended by a signal: the shell's convention
            status = 128 - status
        if not self.channel.is_closing():
            self.channel.exit(status)

    def _write_notice(self, message: str) -> None:
        assert self.channel is not None
        if not self.channel.is_closing():
            self.channel.write(f"{RESET_TERMINAL}\r\n{message}\r\n".encode())

    def _output(self, data: bytes) -> None:
        assert self.channel is not None
        if not self.channel.is_closing():
            self.channel.write(data)

    # keys, window size, flow control

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        self.last_input = asyncio.get_running_loop().time()
        if self.console is not None:
            self.console.write(data)
        elif len(self.early_input) + len(data) <= EARLY_INPUT_LIMIT:
            self.early_input += data

    def terminal_size_changed(self, width: int, height: int, pixwidth: int, pixheight: int) -> None:
        if self.console is not None:
            self.console.resize(width, height)

    def pause_writing(self) -> None:
        if self.console is not None:
            self.console.pause_output()

    def resume_writing(self) -> None:
        if self.console is not None:
            self.console.resume_output()

    # ending

    def _watch_idle(self) -> None:
        loop = asyncio.get_running_loop()
        self.last_input = loop.time()
        self.idle_timer = loop.call_later(self.server.options.idle_timeout, self._check_idle)

    def _check_idle(self) -> None:
        loop = asyncio.get_running_loop()
        remaining = self.last_input + self.server.options.idle_timeout - loop.time()
        if remaining > 0:
            self.idle_timer = loop.call_later(remaining, self._check_idle)
        else:
            self._end_console("idle")

    def _end_console(self, reason: str) -> None:
        if self.ending is None:
            self.ending = reason
            if self.console is not None:  # else it is ended as soon as it has started
                self.server.state.spawn(self.console.end())

    def connection_lost(self, exc: Exception | None) -> None:
        self._end_console("closed")
