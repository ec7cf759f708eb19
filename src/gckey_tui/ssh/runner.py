"""Running ``serve-ssh``: host key, start-up lines for the operator, serving until SIGINT/SIGTERM, then ending
every console before exiting."""

from __future__ import annotations

import asyncio
import signal
import sys

import asyncssh

from gckey_tui.i18n import translate
from gckey_tui.ssh.console_process import HANGUP_GRACE
from gckey_tui.ssh.host_key import HostKeyError, load_or_create_host_key
from gckey_tui.ssh.options import ServeOptions
from gckey_tui.ssh.server import ServerState, start_server

EXIT_CANNOT_START = 2


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_CANNOT_START


async def serve_forever(options: ServeOptions, language: str) -> int:
    """Serve until SIGINT or SIGTERM; 2 (and one line why) when the key, the keys file or the address fails."""
    try:
        host_key, created = load_or_create_host_key(options.host_key)
    except (HostKeyError, OSError) as error:
        return _fail(f"gckey-tui serve-ssh: {error}")
    if options.authorized_keys is not None:
        try:
            asyncssh.read_authorized_keys(str(options.authorized_keys))
        except (OSError, ValueError, asyncssh.KeyImportError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            return _fail(translate("ssh.serve.bad_keys", language, path=options.authorized_keys, reason=reason))
    state = ServerState.from_options(options)
    try:
        acceptor = await start_server(state, host_key)
    except OSError as error:
        address = f"{options.host}:{options.port}"
        return _fail(translate("ssh.serve.cannot_listen", language, address=address, reason=error.strerror))
    address = f"{options.host}:{acceptor.get_port()}"
    if options.server_url:
        print(translate("ssh.serve.listening", language, address=address, server=options.server_url))
    else:
        print(translate("ssh.serve.embedded", language, address=address))
    state_key = "ssh.serve.host_key_created" if created else "ssh.serve.host_key_kept"
    print(
        translate(
            "ssh.serve.host_key",
            language,
            path=options.host_key,
            state=translate(state_key, language),
            fingerprint=host_key.get_fingerprint(),
        )
    )
    if options.server_url and state.confinement is not None:
        print(translate("ssh.serve.confined", language))
    elif options.server_url:
        print(translate("ssh.serve.unconfined", language))
    if options.authorized_keys is None:
        print(translate("ssh.serve.open", language))
    else:
        print(translate("ssh.serve.keys", language, path=options.authorized_keys))
    sys.stdout.flush()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await stop.wait()
    acceptor.close()
    await state.shutdown(grace=HANGUP_GRACE + 1)
    return 0
