"""serve-ssh tests. Those driving the real OpenSSH client in tmux skip, saying why, when either is absent
(``.ci/run`` installs Debian's openssh-client and tmux)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from ssh_support import SSH, TMUX, SSHServer, Terminal

from gckey_tui.testing import ServedInstance


def pytest_collection_modifyitems(items):
    missing = [name for name, path in (("ssh (openssh-client)", SSH), ("tmux", TMUX)) if path is None]
    if not missing:
        return
    reason = f"{' and '.join(missing)} absent: apt-get install openssh-client tmux to run the OpenSSH tests"
    for item in items:
        if item.get_closest_marker("openssh"):
            item.add_marker(pytest.mark.skip(reason=reason))


def pytest_configure(config):
    config.addinivalue_line("markers", "openssh: drives the real OpenSSH client in tmux")


@pytest.fixture(scope="session")
def served(tmp_path_factory) -> Iterator[ServedInstance]:
    """One ``gckey-tui serve`` per test process; tests make their own accounts on it."""
    instance = ServedInstance(tmp_path_factory.mktemp("served"))
    yield instance
    instance.stop()


@pytest.fixture
def start_ssh_server(tmp_path, served: ServedInstance) -> Iterator[Callable[..., SSHServer]]:
    """``start_ssh_server("--max-per-address", "1")``: a serve-ssh process consoles of which talk to ``served``."""
    started: list[SSHServer] = []

    def start(*arguments: str) -> SSHServer:
        server = SSHServer(tmp_path, served.url, *arguments)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def open_terminal() -> Iterator[Callable[..., Terminal]]:
    """``open_terminal(command, columns, rows)``: a tmux window running ``command``; closed after the test."""
    opened: list[Terminal] = []

    def make(command: list[str], columns: int = 80, rows: int = 24, env: dict[str, str] | None = None) -> Terminal:
        terminal = Terminal(command, columns, rows, env)
        opened.append(terminal)
        return terminal

    yield make
    for terminal in opened:
        terminal.close()
