"""The SSH server in this process, driven by an asyncssh client: what the OpenSSH tests cannot easily show
(listed keys only, idle timeout, a crashed console, shutdown, remote forwarding, the console's environment,
connection floods)."""

from __future__ import annotations

import asyncio
import logging
import os
import re
import signal
from dataclasses import replace

import asyncssh
import pytest
from ssh_support import process_gone

from gckey_tui.ssh import server as ssh_server
from gckey_tui.ssh.host_key import load_or_create_host_key
from gckey_tui.ssh.options import ServeOptions
from gckey_tui.ssh.server import ServerState, start_server

WELCOME = b"Sign in with GCKey"
F2 = b"\x1bOQ"


class Endpoint:
    """A server running in this process, and a client's way in."""

    def __init__(self, state: ServerState, acceptor: asyncssh.SSHAcceptor, caplog) -> None:
        self.state = state
        self.acceptor = acceptor
        self.port = acceptor.get_port()
        self.caplog = caplog

    def connect(self, **options):
        """An asyncssh client connection (no agent, no known hosts, no config)."""
        options.setdefault("client_keys", None)
        return asyncssh.connect(
            "127.0.0.1", self.port, known_hosts=None, username="visitor", agent_path=None, config=None, **options
        )

    def console_pids(self) -> list[int]:
        """Consoles started so far, from the connection log."""
        return [int(pid) for pid in re.findall(r"console started pid=(\d+)", self.caplog.text)]


@pytest.fixture
async def start_endpoint(tmp_path, served, caplog):
    caplog.set_level(logging.INFO, logger="gckey_tui.ssh")
    started: list[Endpoint] = []
    key, _created = load_or_create_host_key(tmp_path / "host_key")
    base = ServeOptions(
        host="127.0.0.1",
        port=0,
        server_url=served.url,
        host_key=tmp_path / "host_key",
        authorized_keys=None,
        max_sessions=10,
        max_per_address=5,
        idle_timeout_minutes=30,
    )

    async def start(**changes) -> Endpoint:
        state = ServerState.from_options(replace(base, **changes))
        endpoint = Endpoint(state, await start_server(state, key), caplog)
        started.append(endpoint)
        return endpoint

    yield start
    for endpoint in started:
        endpoint.acceptor.close()
        await endpoint.state.shutdown(grace=5)


async def read_until(stream, marker: bytes) -> bytes:
    """Read the console's output until ``marker`` is in it."""
    seen = b""
    async with asyncio.timeout(15):
        while marker not in seen:
            chunk = await stream.read(65536)
            assert chunk, f"ended before {marker!r}: {seen[-400:]!r}"
            seen += chunk
    return seen


async def read_to_end(stream) -> bytes:
    """Everything until the channel closes."""
    seen = b""
    async with asyncio.timeout(15):
        while chunk := await stream.read(65536):
            seen += chunk
    return seen


async def open_console(connection, **options):
    """A shell request with a pty, as ``ssh -t`` makes."""
    options.setdefault("term_type", "xterm-256color")
    return await connection.create_process(term_size=(80, 24), encoding=None, **options)


async def wait_gone(pid: int) -> None:
    async with asyncio.timeout(10):
        while not process_gone(pid):
            await asyncio.sleep(0.05)


async def test_with_authorized_keys_only_listed_keys_get_in(start_endpoint, tmp_path):
    listed = asyncssh.generate_private_key("ssh-ed25519")
    other = asyncssh.generate_private_key("ssh-ed25519")
    authorized = tmp_path / "authorized_keys"
    listed.write_public_key(str(authorized))
    endpoint = await start_endpoint(authorized_keys=authorized)
    async with endpoint.connect(client_keys=[listed]) as connection:
        process = await open_console(connection)
        await read_until(process.stdout, WELCOME)
        process.close()
    for keys in ([other], None):
        with pytest.raises(asyncssh.PermissionDenied):
            async with endpoint.connect(client_keys=keys, password=None):
                pass


async def test_an_idle_session_is_ended_with_a_notice(start_endpoint):
    endpoint = await start_endpoint(idle_timeout_minutes=0.03)  # about 2 s
    async with endpoint.connect() as connection:
        process = await open_console(connection, env={"LANG": "fr_CA.UTF-8"})
        await read_until(process.stdout, "Se connecter avec CléGC".encode())
        rest = await read_to_end(process.stdout)
        assert "aucune touche pressée depuis 0.03 min".encode() in rest
        assert rest.index(b"\x1b[?1049l") < rest.index(b"aucune")  # the main screen back first
        (pid,) = endpoint.console_pids()
        await wait_gone(pid)
        assert process.exit_status == 128 + signal.SIGHUP


async def test_keys_keep_a_session_from_idling(start_endpoint):
    endpoint = await start_endpoint(idle_timeout_minutes=0.05)  # 3 s
    async with endpoint.connect() as connection:
        process = await open_console(connection)
        await read_until(process.stdout, WELCOME)
        for _press in range(10):  # 5 s, beyond the idle timeout, with a key every half second
            process.stdin.write(F2)
            await asyncio.sleep(0.5)
        assert process.exit_status is None
        process.close()


async def test_a_crashed_console_ends_only_its_own_session(start_endpoint):
    endpoint = await start_endpoint()
    async with endpoint.connect() as first_connection, endpoint.connect() as second_connection:
        first = await open_console(first_connection)
        second = await open_console(second_connection)
        await read_until(first.stdout, WELCOME)
        await read_until(second.stdout, WELCOME)
        first_pid = endpoint.console_pids()[0]
        os.kill(first_pid, signal.SIGKILL)
        rest = await read_to_end(first.stdout)
        assert b"the console stopped unexpectedly" in rest
        assert first.exit_status == 128 + signal.SIGKILL
        second.stdin.write(F2)  # the other session carries on
        await read_until(second.stdout, "Se connecter avec CléGC".encode())
        second.close()


async def test_shutting_down_ends_every_console(start_endpoint):
    endpoint = await start_endpoint()
    async with endpoint.connect() as connection:
        process = await open_console(connection)
        await read_until(process.stdout, WELCOME)
        (pid,) = endpoint.console_pids()
        endpoint.acceptor.close()
        await endpoint.state.shutdown(grace=5)
        assert process_gone(pid)


async def test_remote_forwarding_and_socket_forwarding_are_refused(start_endpoint):
    endpoint = await start_endpoint()
    async with endpoint.connect() as connection:
        with pytest.raises(asyncssh.ChannelListenError):
            await connection.forward_remote_port("127.0.0.1", 0, "127.0.0.1", 22)
        with pytest.raises(asyncssh.ChannelOpenError, match="not offered"):
            await connection.open_connection("127.0.0.1", 22)
        with pytest.raises(asyncssh.ChannelOpenError, match="not offered"):
            await connection.open_unix_connection("/run/postgresql/.s.PGSQL.5432")
    assert "remote forwarding (-R)" in endpoint.caplog.text and "socket forwarding" in endpoint.caplog.text


async def test_the_console_sees_only_checked_client_variables(start_endpoint, monkeypatch):
    monkeypatch.setenv("GCKEY_SECRET_KEY", "server-secret")  # the server's own secrets stay with the server
    endpoint = await start_endpoint()
    async with endpoint.connect() as connection:
        process = await open_console(
            connection,
            term_type="xterm\x1b]52;c;ZXZpbA==\x07",
            env={"LANG": "fr_CA.UTF-8", "LD_PRELOAD": "/tmp/evil.so", "GCKEY_SERVER": "http://evil.example"},
        )
        await read_until(process.stdout, "Se connecter avec CléGC".encode())  # French, from LANG
        (pid,) = endpoint.console_pids()
        environment = dict(
            entry.split("=", 1) for entry in open(f"/proc/{pid}/environ").read().split("\0") if "=" in entry
        )
        command = open(f"/proc/{pid}/cmdline").read().split("\0")
        process.close()
    assert environment["TERM"] == "xterm-256color" and environment["LANG"] == "fr_CA.UTF-8"
    assert not {"LD_PRELOAD", "GCKEY_SERVER", "GCKEY_SECRET_KEY"} & set(environment)
    assert command[-3:-1] == ["--server", endpoint.state.options.server_url]


async def test_a_connection_that_starts_no_session_is_closed(start_endpoint, monkeypatch):
    monkeypatch.setattr(ssh_server, "SESSION_START_TIMEOUT", 0.5)
    endpoint = await start_endpoint()
    async with endpoint.connect() as connection:
        async with asyncio.timeout(10):
            await connection.wait_closed()
    assert "no session started" in endpoint.caplog.text


async def test_a_flood_of_connections_from_one_address_is_cut_short(start_endpoint):
    endpoint = await start_endpoint(max_per_address=1)
    async with endpoint.connect(), endpoint.connect():  # room for one session and one refusal with a message
        with pytest.raises((asyncssh.Error, OSError)):
            async with endpoint.connect():
                pass
    assert "too many connections" in endpoint.caplog.text


async def test_the_end_of_the_client_input_ends_its_console(start_endpoint):
    """``ssh -tt host < /dev/null``: no key can ever come, so the console does not sit there unseen."""
    endpoint = await start_endpoint()
    async with endpoint.connect() as connection:
        process = await open_console(connection)
        process.stdin.write_eof()  # at once: before the console has even started
        await read_to_end(process.stdout)
        assert process.exit_status == 128 + signal.SIGHUP
    (pid,) = endpoint.console_pids()
    await wait_gone(pid)
    assert "ended_by='eof'" in endpoint.caplog.text
