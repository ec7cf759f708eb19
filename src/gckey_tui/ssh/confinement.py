"""Confining what a served console can write to its private home, with Linux Landlock.

Over SSH the console's "save to a file" features (recovery codes, account export, report CSV) would write
wherever a visitor types, on the server, as the server's user: a signed-in stranger could overwrite the
host key or the user's own files. Landlock (Linux ≥ 5.13, unprivileged) lets the console process give up,
for itself and all it starts, every right to create, change or delete files outside its home — its pty and
``/dev/null`` excepted. Reading is not restricted (Python must import itself; the report import, which reads
a file, needs staff rights in the service).

The calls are prepared in the server (:func:`prepare`) and made in the console's process between fork and
exec (:func:`confine_writes`), so that the console itself starts already confined.
"""

from __future__ import annotations

import ctypes
import os
import struct
from dataclasses import dataclass
from pathlib import Path

# linux/landlock.h; the system call numbers are the same on every architecture that has them
_CREATE_RULESET, _ADD_RULE, _RESTRICT_SELF = 444, 445, 446
_CREATE_RULESET_VERSION = 1
_RULE_PATH_BENEATH = 1
_PR_SET_NO_NEW_PRIVS = 38
WRITE_FILE = 1 << 1
_CHANGES = sum(1 << bit for bit in (4, 5, 6, 7, 8, 9, 10, 11, 12))  # remove dir/file, make char…symlink
REFER = 1 << 13  # ABI 2: link or rename across directories
TRUNCATE = 1 << 14  # ABI 3


@dataclass(frozen=True)
class Confinement:
    """What a console may still write: everything beneath its home, and writing to devices it opens."""

    abi: int

    @property
    def handled(self) -> int:
        """The rights Landlock takes away unless a rule gives them back."""
        rights = WRITE_FILE | _CHANGES
        if self.abi >= 2:
            rights |= REFER
        if self.abi >= 3:
            rights |= TRUNCATE
        return rights

    @property
    def devices(self) -> int:
        """Rights kept on /dev: writing (and truncating, as opening /dev/null for writing does)."""
        return WRITE_FILE | (TRUNCATE if self.abi >= 3 else 0)


_libc = ctypes.CDLL(None, use_errno=True)
_syscall = _libc.syscall
_syscall.restype = ctypes.c_long
_prctl = _libc.prctl


def landlock_abi() -> int:
    """The kernel's Landlock ABI version; 0 when Landlock is absent or disabled."""
    version = _syscall(_CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(_CREATE_RULESET_VERSION))
    return max(0, version)


def prepare() -> Confinement | None:
    """The confinement this kernel can enforce, or ``None`` when it cannot (then say so at start)."""
    abi = landlock_abi()
    return Confinement(abi) if abi else None


def _check(result: int, what: str) -> int:
    if result < 0:
        error = ctypes.get_errno()
        raise OSError(error, f"Landlock {what}: {os.strerror(error)}")
    return result


def confine_writes(confinement: Confinement, home: Path) -> None:
    """In the console's process: from now on, writes only beneath ``home`` and to devices. Irrevocable."""
    attributes = struct.pack("=Q", confinement.handled)
    ruleset = _check(
        _syscall(_CREATE_RULESET, attributes, ctypes.c_size_t(len(attributes)), ctypes.c_uint32(0)), "ruleset"
    )
    try:
        for path, rights in ((home, confinement.handled), (Path("/dev"), confinement.devices)):
            directory = os.open(path, os.O_PATH | os.O_CLOEXEC)
            try:
                rule = struct.pack("=Qi", rights, directory)  # struct landlock_path_beneath_attr, packed
                _check(_syscall(_ADD_RULE, ruleset, _RULE_PATH_BENEATH, rule, ctypes.c_uint32(0)), "rule")
            finally:
                os.close(directory)
        _check(_prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
        _check(_syscall(_RESTRICT_SELF, ruleset, ctypes.c_uint32(0)), "restrict")
    finally:
        os.close(ruleset)
