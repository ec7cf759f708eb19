"""Files only their owner can read: recovery codes, account exports, report exports, the secret key."""

from __future__ import annotations

import os
from pathlib import Path


def write_private_text(path: Path, text: str, *, replace: bool) -> Path:
    """Write ``text`` to ``path`` with mode 0600 (parent folders made as needed) and return the path.

    ``replace=False`` refuses an existing file (``FileExistsError``), atomically: two writers cannot both win.
    ``replace=True`` overwrites, and tightens an existing file's mode to 0600 too.
    """
    path = path.expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if replace else os.O_EXCL)
    fd = os.open(path, flags, 0o600)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path
