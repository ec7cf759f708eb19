"""Headless Debian Chromium driven over the Chrome DevTools Protocol (websockets), localhost only."""

from __future__ import annotations

import asyncio
import itertools
import json
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import httpx
from websockets.asyncio.client import connect

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Chromium:
    """One headless browser with one page; ``async with Chromium(lang) as page``."""

    def __init__(self, language: str = "en-CA") -> None:
        self.language = language
        self._ids = itertools.count(1)

    async def __aenter__(self) -> Chromium:
        self._profile = tempfile.mkdtemp(prefix="gckey-chromium-")
        port = _free_port()
        self._process = subprocess.Popen(
            [
                str(CHROMIUM),
                *FLAGS,
                f"--user-data-dir={self._profile}",
                f"--remote-debugging-port={port}",
                f"--lang={self.language}",
                f"--accept-lang={self.language}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        async with httpx.AsyncClient() as http:
            for _ in range(200):
                try:
                    targets = (await http.get(f"http://127.0.0.1:{port}/json/list")).json()
                    pages = [t for t in targets if t.get("type") == "page"]
                    if pages:
                        break
                except (httpx.HTTPError, ValueError):
                    pass
                await asyncio.sleep(0.1)
            else:
                raise RuntimeError("Chromium did not open its DevTools port")
        self._socket = await connect(pages[0]["webSocketDebuggerUrl"], max_size=None)
        await self.send("Page.enable")
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self._socket.close()
        self._process.terminate()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
        shutil.rmtree(self._profile, ignore_errors=True)

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        """One CDP command; events arriving meanwhile are skipped."""
        message_id = next(self._ids)
        await self._socket.send(json.dumps({"id": message_id, "method": method, "params": params}))
        while True:
            answer = json.loads(await self._socket.recv())
            if answer.get("id") == message_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})

    async def evaluate(self, expression: str) -> Any:
        """A JavaScript expression's value in the page."""
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    async def goto(self, url: str) -> None:
        await self.send("Page.navigate", url=url)

    async def wait_for(self, expression: str, timeout: float = 15.0) -> Any:
        """Poll until ``expression`` is truthy (pages load and redirect meanwhile)."""
        async with asyncio.timeout(timeout):
            while True:
                try:
                    value = await self.evaluate(expression)
                except RuntimeError:
                    value = None  # the page is navigating
                if value:
                    return value
                await asyncio.sleep(0.1)
