"""serve-ssh end to end with the real OpenSSH client (``ssh -tt … localhost`` inside tmux): the welcome screen,
language, resize, quitting, and everything that is not an interactive session refused."""

from __future__ import annotations

import subprocess

import httpx
import pytest
from ssh_support import process_gone, wait_until

from gckey_tui.testing.served import free_port

pytestmark = pytest.mark.openssh

WELCOME = "Sign in with GCKey"


def test_welcome_language_resize_and_quit(start_ssh_server, open_terminal):
    server = start_ssh_server()
    terminal = open_terminal(server.ssh_command("-tt"), 80, 24)
    screen = terminal.wait_for(WELCOME)
    lines = terminal.lines()
    assert len(lines) == 24 and "GCKey" in lines[0]
    assert "^q Quit" in lines[-1].replace("  ", " ") and "f2" in lines[-1]  # the footer on the 24th row
    (pid,) = server.console_pids()

    terminal.keys("F2")
    terminal.wait_for("Se connecter avec CléGC")
    assert WELCOME not in terminal.screen()

    terminal.resize(100, 30)
    wait_until(lambda: "Quitter" in terminal.lines()[29], "the footer on row 30")
    border = next(line for line in terminal.lines() if "▔▔▔" in line)
    assert len(border.rstrip()) == 99  # the menu is as wide as the new window (one column of margin)
    assert "Quitter" not in screen

    terminal.keys("C-q")
    terminal.wait_for("ssh exited 0")
    wait_until(lambda: process_gone(pid), f"console {pid} to be gone")
    assert f"console ended pid={pid} status=0" in server.log()


def test_closing_the_client_ends_its_console(start_ssh_server, open_terminal):
    server = start_ssh_server()
    terminal = open_terminal(server.ssh_command("-tt"))
    terminal.wait_for(WELCOME)
    (pid,) = server.console_pids()
    terminal.close()  # the ssh client is hung up, as when a laptop lid closes
    wait_until(lambda: process_gone(pid), f"console {pid} to be gone")


def test_a_command_is_refused(start_ssh_server):
    server = start_ssh_server()
    for extra in ([], ["-tt"]):
        result = subprocess.run(
            [*server.ssh_command(*extra), "somecommand"], capture_output=True, text=True, timeout=30
        )
        assert result.returncode == 1
        assert "no command is run here" in result.stdout + result.stderr
    assert server.console_pids() == []
    assert server.log().count("refused what='exec'") == 2
    assert "somecommand" not in server.log()  # commands are not logged: people paste secrets into them


def test_a_session_without_a_terminal_is_told_to_use_ssh_t(start_ssh_server):
    server = start_ssh_server()
    result = subprocess.run(server.ssh_command("-T"), capture_output=True, text=True, timeout=30, input="")
    assert result.returncode == 1
    assert "connect with ssh -t" in result.stderr
    assert server.console_pids() == []


def test_sftp_is_refused(start_ssh_server):
    server = start_ssh_server()
    result = subprocess.run([*server.ssh_command("-s"), "sftp"], capture_output=True, text=True, timeout=30, input="")
    assert result.returncode != 0
    assert "subsystem request failed" in result.stderr
    assert "refused what='subsystem' name='sftp'" in server.log()


def test_local_port_forwarding_is_refused(start_ssh_server, served):
    server = start_ssh_server()
    local = free_port()
    tunnel = subprocess.Popen(
        server.ssh_command("-N", "-L", f"{local}:127.0.0.1:{served.port}", "-o", "LogLevel=INFO"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_until(lambda: "connected" in server.log() and _listening(local), "the client's forwarded port")
        with pytest.raises(httpx.HTTPError):  # the service behind the tunnel is never reached
            httpx.get(f"http://127.0.0.1:{local}/health", timeout=5)
        wait_until(lambda: "port forwarding (-L)" in server.log(), "the refusal in the log")
    finally:
        tunnel.terminate()
        _out, errors = tunnel.communicate(timeout=10)
    assert "administratively prohibited" in errors


def test_a_second_session_over_the_per_address_limit_is_refused(start_ssh_server, open_terminal):
    server = start_ssh_server("--max-per-address", "1")
    first = open_terminal(server.ssh_command("-tt"))
    first.wait_for(WELCOME)
    second = open_terminal(server.ssh_command("-tt"))
    screen = second.wait_for("ssh exited 1")
    assert "too many sessions from your address (at most 1)" in screen
    assert len(server.console_pids()) == 1

    first.keys("C-q")  # the slot is free again once the first session has ended
    first.wait_for("ssh exited 0")
    third = open_terminal(server.ssh_command("-tt"))
    third.wait_for(WELCOME)


def _listening(port: int) -> bool:
    import socket

    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0
