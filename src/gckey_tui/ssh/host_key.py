"""The server's SSH host key: generated once (Ed25519), kept 0600, refused if others may read it."""

from __future__ import annotations

import stat
from pathlib import Path

import asyncssh

from gckey_tui.private_files import write_private_text

HOST_KEY_NAME = "ssh_host_ed25519_key"


class HostKeyError(Exception):
    """The host key file cannot be used (readable by others, unreadable, not a private key)."""


def load_or_create_host_key(path: Path) -> tuple[asyncssh.SSHKey, bool]:
    """The private key at ``path`` and whether it was just created.

    A key readable by anyone but its owner is refused, as OpenSSH refuses it: whoever can read it can
    impersonate this server.
    """
    path = path.expanduser()
    if not path.exists():
        key = asyncssh.generate_private_key("ssh-ed25519", comment="gckey-tui serve-ssh")
        try:
            write_private_text(path, key.export_private_key().decode(), replace=False)
            return key, True
        except FileExistsError:  # another server started at the same moment and wrote it first
            pass
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise HostKeyError(f"{path} may be read by others (mode {stat.S_IMODE(mode):04o}): chmod 600 it")
    try:
        return asyncssh.read_private_key(path), False
    except (OSError, asyncssh.KeyImportError) as error:
        raise HostKeyError(f"{path} is not a usable private key: {error}") from None
