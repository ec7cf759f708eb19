"""``gckey-tui serve`` answers over real HTTP, and refuses the test hash profile unless told."""

import asyncio
import json
import os
import socket
import subprocess
import sys
import time

import httpx
import pytest
from support import SmtpServer, free_port, registration

from gckey_tui.api import ApiError, ServiceClient
from gckey_tui.service.schema_version import HEAD


async def fetch_meta(base_url: str):
    async with ServiceClient(base_url, language="fr") as client:
        return await client.meta()


async def test_an_unreachable_service_is_a_network_error():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with ServiceClient(f"http://127.0.0.1:{port}", timeout=2) as client:
        with pytest.raises(ApiError) as failed:
            await client.meta()
    assert failed.value.code == "network_error" and failed.value.status == 0


def test_serve_refuses_fast_hashing(tmp_path):
    environment = {**os.environ, "GCKEY_HASH_PROFILE": "fast", "GCKEY_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "gckey_tui", "serve", "--port", "1"], env=environment, capture_output=True, text=True
    )
    assert result.returncode == 2 and "--insecure-fast-hash" in result.stderr


def test_serve_answers_health_over_http(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environment = {**os.environ, "GCKEY_HASH_PROFILE": "standard", "GCKEY_DATA_DIR": str(tmp_path)}
    server = subprocess.Popen(
        [sys.executable, "-m", "gckey_tui", "serve", "--port", str(port), "--workers", "2"], env=environment
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/health", timeout=1)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline, "serve did not start"
                time.sleep(0.2)
        assert answer.json()["status"] == "ok"
        meta = asyncio.run(fetch_meta(f"http://127.0.0.1:{port}"))
        assert meta.service_desk.lines[0].number == "1-855-438-1102"
        assert meta.recovery_questions[0].text == "Quel est votre souvenir d'enfance préféré\u00a0?"  # French spacing
    finally:
        server.terminate()
        server.wait(timeout=30)


def start_serve(arguments: list[str], environment: dict[str, str], port: int) -> subprocess.Popen:
    """``gckey-tui … serve`` in a child process, once it answers ready (output kept for the test to read)."""
    server = subprocess.Popen(
        [sys.executable, "-m", "gckey_tui", *arguments],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health/ready", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            output, errors = server.communicate(timeout=10)
            raise AssertionError(f"serve did not start:\n{output}\n{errors}")
        time.sleep(0.2)


def stop_serve(server: subprocess.Popen) -> tuple[str, str]:
    """Stop it (as systemd would: SIGTERM) and return what it printed."""
    server.terminate()
    return server.communicate(timeout=30)


def wait_until(check, seconds: float = 30.0):
    deadline = time.monotonic() + seconds
    while not (result := check()):
        assert time.monotonic() < deadline, "gave up waiting"
        time.sleep(0.1)
    return result


def test_serve_honours_config_toml_and_mail_waits_out_a_mail_server_that_is_down(tmp_path):
    port, smtp_port = free_port(), free_port()
    config = tmp_path / "served.toml"
    config.write_text(
        'mail_from = "Clé GC <no-reply@gckey.example>"\n'
        "dev_partner = true\n"
        f'smtp_url = "smtp://127.0.0.1:{smtp_port}"\n'
        "[partners.td]\n"
        'issuer = "https://login.td.example"\n'
        'client_id = "gckey"\n'
        'client_secret = "partner-client-secret"\n'
    )
    runtime = tmp_path / "run"
    runtime.mkdir()
    environment = {
        **os.environ,
        "GCKEY_HASH_PROFILE": "fast",
        "GCKEY_DATA_DIR": str(tmp_path / "data"),
        "XDG_RUNTIME_DIR": str(runtime),
    }
    arguments = ["--config", str(config), "serve", "--port", str(port), "--workers", "2", "--insecure-fast-hash"]
    server = start_serve([*arguments, "--log-format", "json"], environment, port)
    base = f"http://127.0.0.1:{port}"
    try:
        partners = {p["id"]: p["available"] for p in httpx.get(f"{base}/api/v1/partners").json()["partners"]}
        assert partners["td"] is True and partners["dev"] is True and partners["rbc"] is False
        # the mail server is down: registering answers at once all the same
        began = time.monotonic()
        started = httpx.post(
            f"{base}/api/v1/registrations",
            json=registration("served2026", "served2026@example.com").model_dump(),
            timeout=10,
        )
        assert started.status_code == 201 and time.monotonic() - began < 5
        request_id = started.headers["x-request-id"]
        with SmtpServer(smtp_port) as smtp:
            wait_until(lambda: smtp.received)
            # every worker's sender has looked again by now: still exactly one message
            wait_until(lambda: httpx.get(f"{base}/health/ready").json()["outbox_messages"] == 0)
            time.sleep(2.5)
        assert len(smtp.received) == 1
        message = smtp.received[0]
        assert message["From"] == "Clé GC <no-reply@gckey.example>" and smtp.senders == ["no-reply@gckey.example"]
        code = next(word for word in message.get_content().split() if word.isdigit() and len(word) == 6)
        verified = httpx.post(
            f"{base}/api/v1/registrations/{started.json()['registration_id']}/verify", json={"code": code}
        )
        assert verified.status_code == 201
        token = verified.json()["token"]
        # both workers' counts, whichever answers the scrape
        scrape = httpx.get(f"{base}/metrics").text
        assert 'gckey_email_codes_total{purpose="registration"} 1.0' in scrape
        assert 'gckey_http_requests_total{method="POST",route="/api/v1/registrations",status="201"} 1.0' in scrape
        assert "gckey_outbox_messages 0.0" in scrape
    finally:
        output, errors = stop_serve(server)
    assert list(runtime.iterdir()) == []  # the private directory with the workers' settings is gone
    assert "partners: td (https://login.td.example), dev (development partner" in output
    assert f"mail: SMTP smtp://127.0.0.1:{smtp_port}, from Clé GC <no-reply@gckey.example>" in output
    lines = [json.loads(line) for line in errors.splitlines() if line.strip()]
    assert any(line.get("request_id") == request_id and line.get("route") == "/api/v1/registrations" for line in lines)
    for secret in ("Maple7Syrup", code, token, "partner-client-secret", "test-secret-key"):
        assert secret not in errors and secret not in output


def test_demo_serve_offers_the_development_partner_and_the_demo_account(tmp_path):
    port = free_port()
    runtime = tmp_path / "run"
    runtime.mkdir()
    environment = {
        **os.environ,
        "GCKEY_HASH_PROFILE": "fast",
        "GCKEY_DATA_DIR": str(tmp_path / "data"),
        "XDG_RUNTIME_DIR": str(runtime),
    }
    server = start_serve(["--demo", "serve", "--port", str(port), "--insecure-fast-hash"], environment, port)
    base = f"http://127.0.0.1:{port}"
    try:
        partners = {p["id"]: p["available"] for p in httpx.get(f"{base}/api/v1/partners").json()["partners"]}
        signed_in = httpx.post(f"{base}/api/v1/sessions", json={"username": "demouser2026", "password": "Maple7Syrup!"})
    finally:
        output, _errors = stop_serve(server)
    assert list(runtime.iterdir()) == []  # one worker: removed on SIGTERM all the same
    assert partners["dev"] is True
    assert signed_in.status_code == 201
    assert "demo.sqlite3" in output


def test_serve_told_not_to_migrate_refuses_a_store_behind(tmp_path):
    from alembic import command

    from gckey_tui.service.db import make_engine
    from gckey_tui.service.migrate import alembic_config

    engine = make_engine(f"sqlite:///{tmp_path / 'data' / 'gckey.sqlite3'}")
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0001_baseline")
    engine.dispose()
    environment = {**os.environ, "GCKEY_HASH_PROFILE": "standard", "GCKEY_DATA_DIR": str(tmp_path / "data")}
    refused = subprocess.run(
        [sys.executable, "-m", "gckey_tui", "serve", "--port", "1", "--no-migrate"],
        env=environment,
        capture_output=True,
        text=True,
    )
    assert refused.returncode == 2
    assert "revision 0001_baseline" in refused.stderr and "gckey-tui admin migrate" in refused.stderr
    assert "Traceback" not in refused.stderr
    migrated = subprocess.run(
        [sys.executable, "-m", "gckey_tui", "admin", "migrate"], env=environment, capture_output=True, text=True
    )
    assert migrated.returncode == 0 and f"upgraded from 0001_baseline to revision {HEAD}" in migrated.stdout


def test_an_explicit_config_file_must_exist(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "gckey_tui", "--config", str(tmp_path / "missing.toml"), "admin", "migrate"],
        env={**os.environ, "GCKEY_DATA_DIR": str(tmp_path / "data")},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and "no settings file at" in result.stderr
