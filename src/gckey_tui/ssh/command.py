"""``gckey-tui serve-ssh``: its command-line options, and running the server until interrupted.

Registering the sub-command imports nothing heavy; asyncssh is imported only when it runs.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from gckey_tui.config import Settings
from gckey_tui.i18n import normalise_language
from gckey_tui.ssh.options import ServeOptions

HOST_KEY_NAME = "ssh_host_ed25519_key"


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def _minutes(value: str) -> float:
    number = float(value)
    if not 0 < number <= 24 * 60:
        raise argparse.ArgumentTypeError(f"must be more than 0 and at most 1440 minutes, not {value}")
    return number


def register(subparsers: argparse._SubParsersAction) -> None:
    """``serve-ssh [--host H] [--port P] [--server URL] [--host-key PATH] [--authorized-keys FILE] [limits]``."""
    parser = subparsers.add_parser(
        "serve-ssh",
        help="serve the console over SSH: each session gets its own console (asyncssh)",
        description="Any SSH client gets a console on its own pseudo-terminal. SSH authenticates nobody "
        "(unless --authorized-keys): the GCKey sign-in inside the console does.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=2222, help="port to listen on (default 2222; 0: any free port)")
    parser.add_argument(
        "--server",
        dest="ssh_server",
        metavar="URL",
        help="the served instance consoles talk to (default: GCKEY_SERVER; none: embedded, a single-user try)",
    )
    parser.add_argument("--host-key", type=Path, help=f"host key file (default: {HOST_KEY_NAME} in the data dir)")
    parser.add_argument(
        "--authorized-keys", type=Path, metavar="FILE", help="only let these public keys connect (OpenSSH format)"
    )
    parser.add_argument("--max-sessions", type=_positive, default=50, help="sessions at once (default 50)")
    parser.add_argument(
        "--max-per-address", type=_positive, default=3, help="sessions at once from one address (default 3)"
    )
    parser.add_argument(
        "--idle-timeout", type=_minutes, default=30, metavar="MIN", help="end a session after MIN minutes without a key"
    )
    parser.set_defaults(handler=run)


def options_from(args: argparse.Namespace, settings: Settings) -> ServeOptions:
    """The server's options from the command line, over the settings (server URL, data dir, language)."""
    return ServeOptions(
        host=args.host,
        port=args.port,
        server_url=args.ssh_server or settings.server,
        host_key=args.host_key or settings.data_dir / HOST_KEY_NAME,
        authorized_keys=args.authorized_keys,
        max_sessions=args.max_sessions,
        max_per_address=args.max_per_address,
        idle_timeout_minutes=args.idle_timeout,
        language=settings.language,
    )


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Serve until interrupted (Ctrl+C or SIGTERM); 2 when the host key or address cannot be used."""
    import asyncio

    from gckey_tui.ssh.runner import serve_forever

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stderr)
    logging.getLogger("asyncssh").setLevel(logging.WARNING)
    options = options_from(args, settings)
    language = normalise_language(settings.language)
    try:
        return asyncio.run(serve_forever(options, language))
    except KeyboardInterrupt:
        return 0
