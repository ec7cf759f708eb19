"""The console over SSH: time to the welcome screen beside the local console's, and memory per session.

Starts ``gckey-tui serve`` and ``gckey-tui serve-ssh --server`` on free loopback ports. Both consoles are
watched the same way, from the outside, as a person would: each is started on a fresh pseudo-terminal
(``gckey-tui --server URL`` locally; the OpenSSH client ``ssh -tt … localhost`` for SSH) and timed from the
moment its process is created until the welcome screen's first frame — its menu and its footer, the last
row drawn — has reached the terminal. (``benchmarks/startup.py`` stamps the same moment from inside the
process; through SSH only the terminal can see it.) Runs are interleaved, medians compared: budget ≤ 1.5×.

Then 10 SSH sessions are opened at once and left on the welcome screen until their memory settles: each
console's resident memory plus a tenth of the SSH server's is the per-session cost (budget ≤ 60 MiB). PSS
(shared pages divided among the processes sharing them) is printed beside it.

    python benchmarks/ssh.py [--runs 7] [--sessions 10]
"""

from __future__ import annotations

import argparse
import os
import pty
import re
import select
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: the welcome screen's menu and its footer (the last row of the first frame)
WELCOME = (b"Sign in with GCKey", b"Quit")
SSH_OPTIONS = ["-F", "/dev/null", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null"]
SSH_OPTIONS += ["-o", "LogLevel=ERROR"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class OnTerminal:
    """A command on a fresh 80×24 pty, its output collected."""

    def __init__(self, command: list[str], environment: dict[str, str]) -> None:
        self.pty, terminal = pty.openpty()
        os.set_blocking(self.pty, False)
        import fcntl
        import struct
        import termios

        fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            command, stdin=terminal, stdout=terminal, stderr=terminal, env=environment, start_new_session=True
        )
        os.close(terminal)
        self.output = bytearray()

    def read(self, timeout: float) -> None:
        ready, _, _ = select.select([self.pty], [], [], timeout)
        if ready:
            try:
                self.output += os.read(self.pty, 65536)
            except OSError:  # EIO: the process is gone
                pass

    def wait_for_welcome(self, timeout: float = 60) -> float:
        """Seconds from process creation to the welcome screen on the terminal."""
        deadline = time.perf_counter() + timeout
        while not all(marker in self.output for marker in WELCOME):
            if time.perf_counter() > deadline:
                raise RuntimeError(f"no welcome screen: {bytes(self.output[-500:])!r}")
            self.read(0.05)
        return time.perf_counter() - self.started

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGHUP)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        os.close(self.pty)


def memory_mib(pid: int) -> tuple[float, float]:
    """Resident and proportional set size of a process, in MiB."""
    values = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("Rss", "Pss"):
            values[name] = int(rest.split()[0]) / 1024
    return values["Rss"], values["Pss"]


def wait_for_line(path: Path, pattern: str, count: int, timeout: float = 60) -> list[str]:
    deadline = time.monotonic() + timeout
    while len(found := re.findall(pattern, path.read_text())) < count:
        if time.monotonic() > deadline:
            raise RuntimeError(f"{count} × {pattern!r} not in {path}: {path.read_text()[-1000:]}")
        time.sleep(0.05)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sessions", type=int, default=10)
    args = parser.parse_args()
    if shutil.which("ssh") is None:
        sys.exit("the OpenSSH client (ssh) is needed: apt-get install openssh-client")

    with tempfile.TemporaryDirectory() as root_name:
        root = Path(root_name)
        environment = {
            **os.environ,
            "GCKEY_DATA_DIR": str(root / "data"),
            "XDG_CONFIG_HOME": str(root / "config"),
            "GCKEY_HASH_PROFILE": "fast",
            "LANG": "C.UTF-8",
            "TERM": "xterm-256color",
        }
        service_port = free_port()
        service_url = f"http://127.0.0.1:{service_port}"
        service = subprocess.Popen(
            [sys.executable, "-m", "gckey_tui", "serve", "--port", str(service_port), "--insecure-fast-hash"],
            env=environment,
            stdout=subprocess.DEVNULL,
        )
        log_path = root / "serve-ssh.log"
        with log_path.open("wb") as log:
            ssh_server = subprocess.Popen(
                [sys.executable, "-m", "gckey_tui", "serve-ssh", "--port", "0", "--server", service_url]
                + ["--max-sessions", str(args.sessions), "--max-per-address", str(args.sessions)],
                env=environment,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
            )
        try:
            assert ssh_server.stdout is not None
            port = int(re.search(r":(\d+),", ssh_server.stdout.readline()).group(1))  # type: ignore[union-attr]
            local_command = [sys.executable, "-m", "gckey_tui", "--server", service_url]
            ssh_command = ["ssh", "-tt", "-p", str(port), *SSH_OPTIONS, "localhost"]
            server_idle_rss, _ = memory_mib(ssh_server.pid)

            def time_once(command: list[str]) -> float:
                terminal = OnTerminal(command, environment)
                try:
                    return terminal.wait_for_welcome()
                finally:
                    terminal.close()

            time_once(local_command)  # warm the file cache, the host key and the service once
            time_once(ssh_command)
            times: dict[str, list[float]] = {"local": [], "ssh": []}
            for _run in range(args.runs):  # interleaved, so machine load affects both alike
                times["local"].append(time_once(local_command))
                times["ssh"].append(time_once(ssh_command))
            local = statistics.median(times["local"])
            over_ssh = statistics.median(times["ssh"])

            # memory: N sessions at once, on the welcome screen, after the console's warm-up is over
            started = len(re.findall(r"console started", log_path.read_text()))
            sessions = [OnTerminal(ssh_command, environment) for _session in range(args.sessions)]
            local_console = OnTerminal(local_command, environment)
            try:
                for terminal in [*sessions, local_console]:
                    terminal.wait_for_welcome()
                found = wait_for_line(log_path, r"console started pid=(\d+)", started + args.sessions)
                pids = [int(pid) for pid in found[started:]]
                settled = _settle([*pids, local_console.process.pid])
                consoles = [memory_mib(pid) for pid in pids]
                server_rss, server_pss = memory_mib(ssh_server.pid)
                local_rss, local_pss = memory_mib(local_console.process.pid)
            finally:
                for terminal in [*sessions, local_console]:
                    terminal.close()
        finally:
            ssh_server.send_signal(signal.SIGTERM)
            ssh_server.wait(timeout=30)
            service.terminate()
            service.wait(timeout=30)

    count = len(consoles)
    console_rss = statistics.mean(rss for rss, _pss in consoles)
    console_pss = statistics.mean(pss for _rss, pss in consoles)
    per_session = console_rss + server_rss / count
    print(f"{'local console':>24}: {local * 1000:7.1f} ms to the welcome screen (median of {args.runs})")
    print(f"{'over SSH':>24}: {over_ssh * 1000:7.1f} ms from `ssh` start to the welcome screen")
    print(f"{'ratio':>24}: {over_ssh / local:.2f} (budget 1.50)")
    print(
        f"{'per session':>24}: {per_session:6.1f} MiB RSS (budget 60) = console {console_rss:.1f} MiB "
        f"+ server {server_rss:.1f} MiB / {count} sessions (server alone before them: {server_idle_rss:.1f} MiB)"
    )
    print(
        f"{'by PSS':>24}: {console_pss + server_pss / count:6.1f} MiB per session "
        f"(console {console_pss:.1f} + server {server_pss:.1f} / {count}); memory settled after {settled:.1f} s"
    )
    print(f"{'local console, same time':>24}: {local_rss:6.1f} MiB RSS, {local_pss:.1f} MiB PSS")


def _settle(pids: list[int], timeout: float = 30.0) -> float:
    """Wait until the consoles' memory stops growing (their warm-up thread is done); seconds waited."""
    start = time.monotonic()
    previous = None
    while time.monotonic() - start < timeout:
        current = sum(memory_mib(pid)[0] for pid in pids)
        if previous is not None and abs(current - previous) < 0.5:
            return time.monotonic() - start
        previous = current
        time.sleep(1.0)
    return time.monotonic() - start


if __name__ == "__main__":
    main()
