"""A support screenshot opened in headless Chromium and clicked: the raw attack runs, the sanitised one does not,
and a real console screenshot still draws its text."""

from __future__ import annotations

import asyncio

import pytest
from cdp import CHROMIUM, Chromium

from gckey_tui.service.svg_sanitiser import sanitise_svg

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")

#: each link covers the whole picture, so a click anywhere follows it
ATTACK = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200">'
    '<a><set attributeName="href" to="javascript:void(window.name=\'set-ran\')"/>'
    '<rect width="400" height="100" fill="#00f"/></a>'
    '<a><animate attributeName="href" values="javascript:void(window.name=\'animate-ran\')" dur="1s" fill="freeze"/>'
    '<rect y="100" width="400" height="100" fill="#0f0"/></a>'
    "</svg>"
)


async def click(page: Chromium, x: int, y: int) -> None:
    for kind in ("mousePressed", "mouseReleased"):
        await page.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)


async def open_and_click(page: Chromium, path, y: int) -> None:
    await page.goto(path.as_uri())
    await page.wait_for("document.readyState === 'complete'")
    await page.evaluate("window.name = 'untouched'")
    await click(page, 200, y)


async def test_clicking_a_sanitised_screenshot_runs_nothing(tmp_path):
    raw, clean = tmp_path / "raw.svg", tmp_path / "clean.svg"
    raw.write_text(ATTACK)
    clean.write_bytes(sanitise_svg(ATTACK))
    async with Chromium() as page:
        for y, ran in ((50, "set-ran"), (150, "animate-ran")):
            await open_and_click(page, raw, y)
            await page.wait_for(f"window.name === '{ran}'")  # the attack is real: the browser runs it
            await open_and_click(page, clean, y)
            await asyncio.sleep(0.5)  # what the raw document took to run it, and more
            assert await page.evaluate("window.name") == "untouched"
            assert await page.evaluate("location.protocol") == "file:"


async def test_a_sanitised_rich_screenshot_still_draws_its_text(tmp_path):
    from rich.console import Console

    console = Console(record=True, width=40, force_terminal=True, color_system="truecolor", file=open("/dev/null", "w"))
    console.print("[bold]Sign in with GCKey[/]")
    clean = tmp_path / "shot.svg"
    clean.write_bytes(sanitise_svg(console.export_svg(title="GCKey")))
    async with Chromium() as page:
        await page.goto(clean.as_uri())
        text = await page.wait_for("document.documentElement.textContent.replace(/\\s+/g, ' ')")
        assert "Sign in with GCKey" in text.replace("\xa0", " ")
        width = await page.evaluate("document.querySelector('text').getComputedTextLength()")
        assert width > 0  # laid out, i.e. drawn
