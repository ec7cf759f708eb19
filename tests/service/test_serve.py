"""``gckey-tui serve`` answers over real HTTP, and refuses the test hash profile unless told."""

import asyncio
import os
import socket
import subprocess
import sys
import time

import httpx
import pytest

from gckey_tui.api import ApiError, ServiceClient


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
