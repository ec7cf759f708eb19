"""serve-ssh rules without a network: what the client's variables may set, session limits, what counts as
one address, and the host key's file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gckey_tui.ssh.environment import (
    DEFAULT_TERM,
    client_variables,
    console_command,
    console_environment,
    session_language,
    terminal_type,
)
from gckey_tui.ssh.host_key import HostKeyError, load_or_create_host_key
from gckey_tui.ssh.limits import SessionLimits
from gckey_tui.ssh.server import client_key

SERVER_ENVIRONMENT = {
    "PATH": "/usr/bin:/bin",
    "PYTHONPATH": "/srv/gckey/src",
    "HOME": "/home/gckey",
    "LANG": "en_CA.UTF-8",
    "GCKEY_SECRET_KEY": "server-secret",
    "GCKEY_DATABASE_URL": "postgresql+psycopg://gckey:pw@db/gckey",
    "GCKEY_TOKEN": "gckr_secret",
    "AWS_SECRET_ACCESS_KEY": "cloud-secret",
}


@pytest.mark.parametrize(
    "requested, expected",
    [
        ("xterm-256color", "xterm-256color"),
        ("screen.xterm-new", "screen.xterm-new"),
        ("linux", "linux"),
        (None, DEFAULT_TERM),
        ("", DEFAULT_TERM),
        ("\x1b]52;c;ZXZpbA==\x07", DEFAULT_TERM),
        ("xterm; rm -rf /", DEFAULT_TERM),
        ("x" * 65, DEFAULT_TERM),
    ],
)
def test_terminal_type_is_a_plain_name(requested, expected):
    assert terminal_type(requested) == expected


def test_only_language_and_colour_variables_are_taken_from_the_client():
    sent = {
        "LANG": "fr_CA.UTF-8",
        "LC_ALL": "fr_CA.UTF-8",
        "NO_COLOR": "1",
        "LD_PRELOAD": "/tmp/evil.so",
        "PYTHONPATH": "/tmp/evil",
        "GCKEY_SERVER": "http://evil.example",
        "GCKEY_DATABASE_URL": "sqlite:////tmp/x",
        "PATH": "/tmp/evil",
    }
    assert client_variables(sent) == {"LANG": "fr_CA.UTF-8", "LC_ALL": "fr_CA.UTF-8", "NO_COLOR": "1"}


@pytest.mark.parametrize("value", ["fr_CA.UTF-8\n", "$(reboot)", "fr CA", "", "é" * 3, "x" * 65])
def test_malformed_locales_are_dropped(value):
    assert client_variables({"LANG": value}) == {}


@pytest.mark.parametrize(
    "sent, default, expected",
    [
        ({"GCKEY_LANG": "fr-CA", "LANG": "en_US.UTF-8"}, None, "fr"),
        ({"LANG": "fr_CA.UTF-8"}, None, "fr"),
        ({"LC_ALL": "fr_FR.UTF-8", "LANG": "en_CA.UTF-8"}, None, "fr"),
        ({"LANG": "de_DE.UTF-8"}, "fr", "fr"),
        ({}, None, "en"),
        ({"GCKEY_LANG": "de"}, "fr", "en"),
    ],
)
def test_session_language(sent, default, expected):
    assert session_language(sent, default) == expected


def test_a_console_language_variable_the_console_would_refuse_is_normalised():
    assert client_variables({"GCKEY_LANG": "fr_CA.UTF-8"}) == {"GCKEY_LANG": "fr"}
    assert client_variables({"GCKEY_LANG": "de"}) == {"GCKEY_LANG": "en"}


def test_remote_consoles_inherit_no_server_secret_and_get_a_private_home(tmp_path):
    sent = {"LANG": "fr_CA.UTF-8", "LD_PRELOAD": "/tmp/evil.so"}
    environment = console_environment(SERVER_ENVIRONMENT, sent, "xterm-256color", tmp_path, remote=True)
    assert environment == {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": "/srv/gckey/src",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "TMPDIR": str(tmp_path),
        "LANG": "fr_CA.UTF-8",
        "TERM": "xterm-256color",
        "PYTHONUTF8": "1",
    }


def test_an_embedded_console_keeps_the_server_environment_but_the_client_language(tmp_path):
    environment = console_environment(SERVER_ENVIRONMENT, {"LANG": "fr_CA.UTF-8"}, None, tmp_path, remote=False)
    assert environment["GCKEY_DATABASE_URL"] == SERVER_ENVIRONMENT["GCKEY_DATABASE_URL"]  # the same local store
    assert environment["LANG"] == "fr_CA.UTF-8" and environment["TERM"] == DEFAULT_TERM


def test_console_command():
    assert console_command("https://gckey.example")[-3:] == ["gckey_tui", "--server", "https://gckey.example"]
    assert console_command(None)[-2:] == ["-m", "gckey_tui"]


def test_session_limits_total_and_per_address():
    limits = SessionLimits(max_sessions=3, max_per_address=2)
    assert limits.admit("192.0.2.1") is None
    assert limits.admit("192.0.2.1") is None
    assert limits.admit("192.0.2.1") == "address"
    assert limits.admit("192.0.2.2") is None
    assert limits.admit("192.0.2.3") == "total"
    limits.release("192.0.2.1")
    assert limits.admit("192.0.2.3") is None
    assert limits.total() == 3


@pytest.mark.parametrize(
    "address, key",
    [
        ("192.0.2.7", "192.0.2.7"),
        ("::ffff:192.0.2.7", "192.0.2.7"),
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:bbbb::9", "2001:db8:1:2::/64"),  # one host's /64: one address for the limits
        ("fe80::1%eth0", "fe80::/64"),
    ],
)
def test_what_counts_as_one_address(address, key):
    assert client_key(address) == key


def test_the_host_key_is_made_once_private_and_then_kept(tmp_path):
    path = tmp_path / "keys" / "ssh_host_ed25519_key"
    key, created = load_or_create_host_key(path)
    assert created and path.stat().st_mode & 0o777 == 0o600
    again, created_again = load_or_create_host_key(path)
    assert not created_again and again.get_fingerprint() == key.get_fingerprint()
    assert key.get_fingerprint().startswith("SHA256:")


def test_a_host_key_others_may_read_is_refused(tmp_path):
    path = tmp_path / "ssh_host_ed25519_key"
    load_or_create_host_key(path)
    os.chmod(path, 0o644)
    with pytest.raises(HostKeyError, match="chmod 600"):
        load_or_create_host_key(path)


def test_a_host_key_file_that_is_not_a_key_is_refused(tmp_path):
    path = Path(tmp_path / "ssh_host_ed25519_key")
    path.write_text("not a key")
    path.chmod(0o600)
    with pytest.raises(HostKeyError, match="not a usable private key"):
        load_or_create_host_key(path)
