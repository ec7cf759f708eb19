"""What a session's console process is started with: its command line and a sanitised environment.

The client chooses only its terminal type and language; every value is checked, so nothing it sends can
reach the console as anything but a plain word. In remote mode the console inherits nothing of the server's
environment (no GCKEY_* secret, database URL or token) and gets a private, throw-away home, so preferences
one visitor saves never reach the next.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from pathlib import Path

from gckey_tui.config import language_from_locale
from gckey_tui.i18n import normalise_language

#: terminal types are words such as xterm-256color, screen.xterm-new, rxvt-unicode
TERM_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")
#: locale names such as fr_CA.UTF-8, en_US.utf8, C.UTF-8, sr_RS@latin
LOCALE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}")
DEFAULT_TERM = "xterm-256color"
#: variables a client may send (OpenSSH: SendEnv / SetEnv), with the pattern their value must match
CLIENT_VARIABLES = {
    "LANG": LOCALE_PATTERN,
    "LC_ALL": LOCALE_PATTERN,
    "LC_MESSAGES": LOCALE_PATTERN,
    "GCKEY_LANG": LOCALE_PATTERN,
    "COLORTERM": TERM_PATTERN,
    "NO_COLOR": re.compile(r"[^\x00-\x1f\x7f]{0,16}"),
}
#: what the server passes on in remote mode: enough to start Python and find the package
SERVER_VARIABLES = ("PATH", "PYTHONPATH", "VIRTUAL_ENV", "TZ")


def terminal_type(requested: str | None) -> str:
    """The client's TERM when it is a plain terminal name, else a common default."""
    if requested and TERM_PATTERN.fullmatch(requested):
        return requested
    return DEFAULT_TERM


def client_variables(sent: Mapping[str, str]) -> dict[str, str]:
    """The language and colour variables the client sent, those that are well formed."""
    accepted = {}
    for name, pattern in CLIENT_VARIABLES.items():
        value = sent.get(name)
        if value is not None and pattern.fullmatch(value):
            accepted[name] = value
    if "GCKEY_LANG" in accepted:  # the console refuses anything but en or fr: fr-CA, fr_CA.UTF-8 mean fr
        accepted["GCKEY_LANG"] = normalise_language(accepted["GCKEY_LANG"])
    return accepted


def session_language(sent: Mapping[str, str], default: str | None) -> str:
    """The language the client asked for (GCKEY_LANG, then its locale), else the server's default."""
    accepted = client_variables(sent)
    if "GCKEY_LANG" in accepted:
        return accepted["GCKEY_LANG"]
    return normalise_language(language_from_locale(accepted) or default)


def console_command(server_url: str | None) -> list[str]:
    """``python -m gckey_tui --server URL`` (remote), or the embedded console when no server is given."""
    command = [sys.executable, "-m", "gckey_tui"]
    return [*command, "--server", server_url] if server_url else command


def console_environment(
    server_environment: Mapping[str, str],
    sent: Mapping[str, str],
    requested_term: str | None,
    home: Path,
    *,
    remote: bool,
    connection: str = "",
) -> dict[str, str]:
    """The console's environment: the client's checked TERM and language over a minimal base.

    Remote: only what Python needs from the server, and a private home (``HOME``, XDG directories, TMPDIR)
    for everything the console writes. Embedded (a single-user local try): the server's whole environment,
    so that the console finds the same local store.
    """
    if remote:
        base = {name: server_environment[name] for name in SERVER_VARIABLES if name in server_environment}
        base.update(
            HOME=str(home),
            XDG_CONFIG_HOME=str(home / "config"),
            XDG_DATA_HOME=str(home / "data"),
            XDG_CACHE_HOME=str(home / "cache"),
            XDG_STATE_HOME=str(home / "state"),
            TMPDIR=str(home),
        )
    else:
        base = {name: value for name, value in server_environment.items() if name not in CLIENT_VARIABLES}
    return {
        **base,
        **client_variables(sent),
        "TERM": terminal_type(requested_term),
        "PYTHONUTF8": "1",  # the terminal is spoken to in UTF-8 whatever locale the server has
        # as OpenSSH sets it: the console names itself "over SSH" and forwards the client's address
        **({"SSH_CONNECTION": connection} if connection else {}),
    }
