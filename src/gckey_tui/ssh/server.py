"""The SSH server: who may connect, what is refused, and the connection log.

SSH authenticates nobody here unless ``--authorized-keys`` is given: the GCKey sign-in inside the console
is the authentication. Everything but an interactive session is refused: port, socket, agent and X11
forwarding, tunnels, subsystems (SFTP) and SCP; exec requests and shells without a pty get a one-line
answer from :class:`~gckey_tui.ssh.session.ConsoleSession`.
"""

from __future__ import annotations

import asyncio
import ipaddress
import itertools
import logging
from collections import Counter
from collections.abc import Coroutine
from dataclasses import dataclass, field

import asyncssh

from gckey_tui.ssh.confinement import Confinement
from gckey_tui.ssh.confinement import prepare as prepare_confinement
from gckey_tui.ssh.limits import SessionLimits
from gckey_tui.ssh.options import ServeOptions
from gckey_tui.ssh.session import ConsoleSession

log = logging.getLogger("gckey_tui.ssh")

#: a connection that has not started a session by then is closed (it holds a slot for nothing)
SESSION_START_TIMEOUT = 30.0
#: connections beyond this many per session slot are closed at once (handshakes cost CPU)
CONNECTIONS_PER_SLOT = 2
_connection_ids = itertools.count(1)


def client_key(address: str) -> str:
    """What per-address limits count: the IPv4 address, or the IPv6 /64 (one host's usual allocation)."""
    try:
        parsed = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.IPv6Network((parsed, 64), strict=False))
    return str(parsed)


@dataclass
class ServerState:
    """What all connections share: the options, the session limits and the open connections."""

    options: ServeOptions
    limits: SessionLimits
    #: how consoles are kept from writing outside their home (remote mode, where the kernel allows)
    confinement: Confinement | None = None
    connections: Counter[str] = field(default_factory=Counter)
    open_connections: set[asyncssh.SSHServerConnection] = field(default_factory=set)
    #: every session's work (its console, its ending), held so that shutdown can wait for it
    tasks: set[asyncio.Future[object]] = field(default_factory=set)

    @classmethod
    def from_options(cls, options: ServeOptions) -> ServerState:
        """Fresh state for a server started with ``options``."""
        confinement = prepare_confinement() if options.server_url else None
        return cls(options, SessionLimits(options.max_sessions, options.max_per_address), confinement)

    def spawn(self, work: Coroutine[object, object, object]) -> None:
        """Run ``work`` as a task that shutdown waits for."""
        task = asyncio.ensure_future(work)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def shutdown(self, grace: float) -> None:
        """Close every connection (their consoles are hung up) and wait for the consoles to be gone."""
        for connection in list(self.open_connections):
            connection.close()
        deadline = asyncio.get_running_loop().time() + grace
        while self.tasks and asyncio.get_running_loop().time() < deadline:
            await asyncio.wait(set(self.tasks), timeout=max(0.0, deadline - asyncio.get_running_loop().time()))


class ConsoleServer(asyncssh.SSHServer):
    """One SSH connection."""

    def __init__(self, state: ServerState) -> None:
        self.state = state
        self.options = state.options
        self.limits = state.limits
        self.id = next(_connection_ids)
        self.peer = "?"
        self.client_key = "?"
        self.connection: asyncssh.SSHServerConnection | None = None
        self.unused_timer: asyncio.TimerHandle | None = None

    def event(self, happened: str, /, **details: object) -> None:
        """Log a connection event (never keystrokes, passwords or commands)."""
        extra = "".join(f" {name}={value!r}" for name, value in details.items())
        log.info("ssh[%d] %s %s%s", self.id, self.peer, happened, extra)

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self.connection = conn
        host, port = conn.get_extra_info("peername")[:2]
        self.peer = f"{host}:{port}"
        self.client_key = client_key(host)
        self.state.connections[self.client_key] += 1
        self.state.open_connections.add(conn)
        total = sum(self.state.connections.values())
        if (
            self.state.connections[self.client_key] > CONNECTIONS_PER_SLOT * self.options.max_per_address
            or total > CONNECTIONS_PER_SLOT * self.options.max_sessions
        ):
            self.event("connection refused", reason="too many connections")
            conn.close()
            return
        self.event("connected")
        self.unused_timer = asyncio.get_running_loop().call_later(SESSION_START_TIMEOUT, self._close_unused)

    def connection_lost(self, exc: Exception | None) -> None:
        if self.unused_timer is not None:
            self.unused_timer.cancel()
        self.state.open_connections.discard(self.connection)  # type: ignore[arg-type]
        self.state.connections[self.client_key] -= 1
        if self.state.connections[self.client_key] <= 0:
            del self.state.connections[self.client_key]
        self.event("disconnected", reason=str(exc) if exc else "closed")

    def _close_unused(self) -> None:
        self.event("closed", reason="no session started")
        if self.connection is not None:
            self.connection.close()

    def session_began(self) -> None:
        """A session channel asked for something: the connection is in use."""
        if self.unused_timer is not None:
            self.unused_timer.cancel()
            self.unused_timer = None

    # authentication: none, or listed keys only

    def begin_auth(self, username: str) -> bool:
        self.event("user", name=username[:64])
        return self.options.authorized_keys is not None

    def public_key_auth_supported(self) -> bool:
        return self.options.authorized_keys is not None

    def auth_completed(self) -> None:
        self.event("authenticated", by="a listed key" if self.options.authorized_keys else "nothing required")

    # sessions, and everything else refused

    def session_requested(self) -> ConsoleSession:
        return ConsoleSession(self)

    def connection_requested(self, dest_host: str, dest_port: int, orig_host: str, orig_port: int) -> bool:
        self.event("refused", what="port forwarding (-L)", to=f"{dest_host[:64]}:{dest_port}")
        raise asyncssh.ChannelOpenError(asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED, "port forwarding is not offered")

    def server_requested(self, listen_host: str, listen_port: int) -> bool:
        self.event("refused", what="remote forwarding (-R)", port=listen_port)
        return False

    def unix_connection_requested(self, dest_path: str) -> bool:
        self.event("refused", what="socket forwarding")
        raise asyncssh.ChannelOpenError(asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED, "forwarding is not offered")

    def unix_server_requested(self, listen_path: str) -> bool:
        self.event("refused", what="remote socket forwarding")
        return False


async def start_server(state: ServerState, host_key: asyncssh.SSHKey) -> asyncssh.SSHAcceptor:
    """Listen on the options' address; each connection is a :class:`ConsoleServer` sharing ``state``."""
    options = state.options
    return await asyncssh.create_server(
        lambda: ConsoleServer(state),
        options.host,
        options.port,
        server_host_keys=[host_key],
        authorized_client_keys=str(options.authorized_keys) if options.authorized_keys else None,
        # keys only, when keys are asked for; nothing else is ever offered
        public_key_auth=options.authorized_keys is not None,
        password_auth=False,
        kbdint_auth=False,
        gss_auth=False,
        gss_kex=False,
        host_based_auth=False,
        agent_forwarding=False,
        x11_forwarding=False,
        allow_scp=False,
        line_editor=False,  # the console edits its own lines: bytes pass untouched
        encoding=None,
        login_timeout=SESSION_START_TIMEOUT,
        keepalive_interval=60,
        keepalive_count_max=3,
        config=None,
    )
