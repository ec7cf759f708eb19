"""One console process on its own pseudo-terminal: started, resized, fed keys, read, and ended with its group.

The process is a session leader whose controlling terminal is the pty, as under a real terminal: a window
size set on the pty reaches it as SIGWINCH, and ending the session hangs up the whole process group.
Bytes are copied as they are in both directions (so OSC 52 copy, colours and mouse reports pass through),
with flow control: a slow client pauses reading from the pty, a full pty pauses reading from the client.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import signal
import struct
import termios
from collections.abc import Callable, Sequence
from pathlib import Path

from gckey_tui.ssh.confinement import Confinement, confine_writes

#: window sizes a client may ask for: a console of 65535×65535 cells would only cost memory
MAX_COLUMNS, MAX_ROWS = 500, 200
#: a hung-up console that has not ended after this many seconds is killed
HANGUP_GRACE = 2.0
#: input waiting for the pty beyond this pauses reading from the client
INPUT_HIGH_WATER = 64 * 1024


def clamp_size(columns: int, rows: int) -> tuple[int, int]:
    """A window size the console can be given: at least 1×1 (0 means unknown: 80×24), at most the maximum."""
    columns = columns or 80
    rows = rows or 24
    return max(1, min(columns, MAX_COLUMNS)), max(1, min(rows, MAX_ROWS))


def _set_size(fd: int, columns: int, rows: int) -> None:
    columns, rows = clamp_size(columns, rows)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


def _prepare_child() -> None:
    """In the child, after setsid(): make the pty on stdin the controlling terminal, and let hang-up and
    termination end the console even when the server was started with them ignored (``nohup``)."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
    for signum in (signal.SIGHUP, signal.SIGINT, signal.SIGTERM, signal.SIGQUIT):
        signal.signal(signum, signal.SIG_DFL)


class _Output(asyncio.Protocol):
    """What the console writes to its terminal, handed on as it arrives; ``done`` when the pty closes."""

    def __init__(self, on_output: Callable[[bytes], None]) -> None:
        self.on_output = on_output
        self.done: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def data_received(self, data: bytes) -> None:
        self.on_output(data)

    def connection_lost(self, exc: Exception | None) -> None:  # EIO once every holder of the pty is gone
        if not self.done.done():
            self.done.set_result(None)


class _Input(asyncio.Protocol):
    """Flow control of the keys written to the console: too much waiting pauses the client."""

    def __init__(self, pause: Callable[[], None], resume: Callable[[], None]) -> None:
        self._pause = pause
        self._resume = resume

    def pause_writing(self) -> None:
        self._pause()

    def resume_writing(self) -> None:
        self._resume()


class ConsoleProcess:
    """A running console on a pty. Build with :meth:`start`."""

    def __init__(
        self,
        process: asyncio.subprocess.Process,
        output: asyncio.ReadTransport,
        output_protocol: _Output,
        keys: asyncio.WriteTransport,
        pty: int,
    ) -> None:
        self.process = process
        self._output = output
        self._output_protocol = output_protocol
        self._keys = keys
        self._pty = pty  # the keys' descriptor: open exactly as long as the keys transport

    @classmethod
    async def start(
        cls,
        command: Sequence[str],
        environment: dict[str, str],
        home: Path,
        size: tuple[int, int],
        on_output: Callable[[bytes], None],
        pause_input: Callable[[], None],
        resume_input: Callable[[], None],
        confinement: Confinement | None = None,
    ) -> ConsoleProcess:
        """Start ``command`` on a fresh pty of ``size`` (columns, rows), in its own session and group, in
        ``home``; with a ``confinement``, unable to write anywhere but beneath ``home``."""
        loop = asyncio.get_running_loop()

        def prepare() -> None:
            _prepare_child()
            if confinement is not None:
                confine_writes(confinement, home)

        pty, terminal = os.openpty()
        try:
            _set_size(terminal, *size)
            process = await asyncio.create_subprocess_exec(
                *command,
                stdin=terminal,
                stdout=terminal,
                stderr=terminal,
                env=environment,
                cwd=home,
                start_new_session=True,
                preexec_fn=prepare,
            )
        except BaseException:
            os.close(pty)
            raise
        finally:
            os.close(terminal)  # the console holds it now: the pty closes when the console is gone
        output_protocol = _Output(on_output)
        output, _ = await loop.connect_read_pipe(lambda: output_protocol, os.fdopen(pty, "rb", buffering=0))
        keys_file = os.fdopen(os.dup(pty), "wb", buffering=0)
        keys, _ = await loop.connect_write_pipe(lambda: _Input(pause_input, resume_input), keys_file)
        keys.set_write_buffer_limits(high=INPUT_HIGH_WATER)
        return cls(process, output, output_protocol, keys, keys_file.fileno())

    @property
    def pid(self) -> int:
        """The console's process id (also its process group and session id)."""
        return self.process.pid

    def write(self, data: bytes) -> None:
        """Keys from the client, to the console's terminal."""
        if not self._keys.is_closing():
            self._keys.write(data)

    def resize(self, columns: int, rows: int) -> None:
        """Set the window size; the console gets SIGWINCH and redraws."""
        if not self._keys.is_closing():
            _set_size(self._pty, columns, rows)

    def pause_output(self) -> None:
        """Stop reading the console's output (the client is not keeping up)."""
        if not self._output.is_closing():
            self._output.pause_reading()

    def resume_output(self) -> None:
        """Read the console's output again."""
        if not self._output.is_closing():
            self._output.resume_reading()

    async def wait(self) -> int:
        """Wait until the console has ended and all it wrote was handed on; its exit status."""
        status = await self.process.wait()
        try:  # a child of the console still holding the pty must not keep the session open
            await asyncio.wait_for(asyncio.shield(self._output_protocol.done), timeout=1.0)
        except TimeoutError:
            pass
        self._close_pty()
        return status

    async def end(self) -> int:
        """Hang up the console's process group, kill it if it lingers, and reap it (no orphan, no zombie)."""
        self._signal_group(signal.SIGHUP)
        try:
            await asyncio.wait_for(self.process.wait(), timeout=HANGUP_GRACE)
        except TimeoutError:
            self._signal_group(signal.SIGKILL)
        status = await self.process.wait()
        self._close_pty()
        return status

    def _signal_group(self, signum: int) -> None:
        if self.process.returncode is None:
            try:
                os.killpg(self.process.pid, signum)
            except ProcessLookupError:  # ended meanwhile
                pass

    def _close_pty(self) -> None:
        self._keys.close()
        self._output.close()
