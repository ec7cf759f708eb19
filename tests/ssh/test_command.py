"""``gckey-tui serve-ssh`` as a command: nothing of it loads with the console, start-up lines for the
operator, and a clear line (exit 2) when it cannot start."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import asyncssh
from ssh_support import SSHServer


def run_serve_ssh(tmp_path, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "GCKEY_DATA_DIR": str(tmp_path / "data"), "LANG": "C.UTF-8"}
    return subprocess.run(
        [sys.executable, "-m", "gckey_tui", "serve-ssh", "--port", "0", *arguments],
        env=environment,
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_the_console_loads_nothing_of_serve_ssh():
    code = (
        "import sys\n"
        "from gckey_tui.cli import build_parser, settings_from\n"
        "import gckey_tui.app\n"
        "settings_from(build_parser([]).parse_args([]))\n"
        "print(sorted(name for name in sys.modules if name.startswith(('asyncssh', 'gckey_tui.ssh'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_start_up_lines_name_the_address_and_the_host_key_fingerprint(tmp_path, served):
    server = SSHServer(tmp_path, served.url)
    try:
        key = asyncssh.read_private_key(server.host_key)
        assert f"talking to {served.url}" in server.banner[0]
        assert key.get_fingerprint() in server.banner[1] and "(created)" in server.banner[1]
        assert "Landlock" in server.banner[2]  # consoles confined, or the warning that they cannot be
        assert "Any SSH user name is accepted without a password" in server.banner[3]
        assert server.host_key.stat().st_mode & 0o777 == 0o600
    finally:
        server.stop()


def test_a_host_key_others_may_read_stops_it(tmp_path):
    key = tmp_path / "key"
    key.write_bytes(asyncssh.generate_private_key("ssh-ed25519").export_private_key())
    key.chmod(0o640)
    result = run_serve_ssh(tmp_path, "--host-key", str(key))
    assert result.returncode == 2
    assert "may be read by others (mode 0640): chmod 600 it" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unreadable_authorized_keys_file_stops_it(tmp_path):
    result = run_serve_ssh(tmp_path, "--authorized-keys", str(tmp_path / "missing"))
    assert result.returncode == 2
    assert "cannot read the authorized keys" in result.stderr and "Traceback" not in result.stderr


def test_an_address_in_use_stops_it(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        environment = {**os.environ, "GCKEY_DATA_DIR": str(tmp_path / "data"), "LANG": "fr_CA.UTF-8"}
        result = subprocess.run(
            [sys.executable, "-m", "gckey_tui", "serve-ssh", "--port", str(port)],
            env=environment,
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert result.returncode == 2
    assert f"impossible d'écouter sur 127.0.0.1:{port}" in result.stderr and "Traceback" not in result.stderr
