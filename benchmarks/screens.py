"""Screen changes that need no network, against the one-frame budget (DESIGN §6: 16 ms).

Runs the real console headless at 80×24 and times each change, repeated ``--repeat`` times, from the moment
it is asked for until the changed screen has been composed, laid out and painted:

- opening sign-in, help, settings and the registration form (the largest), and going back (Esc);
- F2: every screen in the stack re-rendered in the other language;
- the command palette opened (Ctrl+P) and closed.

A bare Textual screen (a label, two inputs, a button) is timed first: the framework's own floor on this
machine, to read the console's figures against. Two figures per change: the CPU time the console spent on
it (the work that must fit in one 16 ms frame) and the wall time to the paint, which also includes waiting
for Textual's next 60 Hz refresh tick (up to 16.7 ms by design). The first opening of a screen also imports
its module (screens load lazily to keep start-up fast) and is printed apart.

    python benchmarks/screens.py [--repeat 30]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.app import ComposeResult
from textual.command import CommandPalette
from textual.screen import Screen
from textual.widgets import Button, Input, Static

from gckey_tui.api import ServiceClient
from gckey_tui.app import GCKeyApp, tune_gc_for_interaction
from gckey_tui.config import Settings
from gckey_tui.navigation import destination
from gckey_tui.service import create_app

FRAME_MS = 16.0


class BareForm(Screen):
    """The framework's floor: a plain Textual screen with a label, two inputs and a button, no app CSS of ours."""

    def compose(self) -> ComposeResult:
        yield Static("Sign in")
        yield Input(placeholder="username")
        yield Input(placeholder="password", password=True)
        yield Button("Sign in")


Change = Callable[[], Awaitable[object]]


def figures(label: str, cpu: list[float], wall: list[float]) -> None:
    """Median and p95 of CPU and wall times (ms), judged on CPU p95 against one frame."""

    def p95(values: list[float]) -> float:
        ordered = sorted(values)
        return ordered[max(int(len(ordered) * 0.95) - 1, 0)]

    verdict = "within one frame" if p95(cpu) <= FRAME_MS else f"OVER {FRAME_MS:.0f} ms"
    print(
        f"  {label:<30} CPU median {statistics.median(cpu):6.2f} p95 {p95(cpu):6.2f}   "
        f"to paint median {statistics.median(wall):6.2f} p95 {p95(wall):6.2f} ms   {verdict}"
    )


async def painted(app: GCKeyApp) -> None:
    """Until the current screen's next refresh has been drawn."""
    done = asyncio.Event()
    app.screen.call_after_refresh(done.set)
    await asyncio.wait_for(done.wait(), 5)


async def timed(app: GCKeyApp, change: Change) -> tuple[float, float]:
    """(CPU ms, wall ms) of ``change`` until painted."""
    wall, cpu = time.perf_counter(), time.process_time()
    await change()
    await painted(app)
    return (time.process_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000


async def measure(app: GCKeyApp, repeat: int) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await asyncio.sleep(1.5)  # let the embedded service finish warming up in its thread
        tune_gc_for_interaction()  # as ``run_console`` does once its warm-up is over

        def open_screen(destination_id: str) -> Change:
            return lambda: app.push_screen(destination(destination_id).make())

        async def back() -> None:
            await app.pop_screen()

        async def palette() -> None:
            app.action_command_palette()
            while not (isinstance(app.screen, CommandPalette) and app.screen.is_mounted):
                await asyncio.sleep(0)

        async def other_language() -> None:
            await app.switch_language("fr" if app.settings.language == "en" else "en")

        changes: list[tuple[str, Change, Change | None]] = [
            ("bare Textual form (floor)", lambda: app.push_screen(BareForm()), back),
            ("sign-in", open_screen("sign-in"), back),
            ("help", open_screen("help"), back),
            ("settings", open_screen("settings"), back),
            ("registration form", open_screen("register"), back),
            ("command palette", palette, back),
            ("F2 language switch", other_language, None),
        ]
        firsts = []
        print(f"{repeat} runs each, after a first opening:")
        for label, there, back_again in changes:
            firsts.append((label, (await timed(app, there))[0]))
            if back_again:
                await timed(app, back_again)
            forward: list[tuple[float, float]] = []
            backward: list[tuple[float, float]] = []
            for _ in range(repeat):
                forward.append(await timed(app, there))
                if back_again:
                    backward.append(await timed(app, back_again))
            figures(f"open {label}" if back_again else label, *map(list, zip(*forward, strict=True)))
            if backward:
                figures("  and back (Esc)", *map(list, zip(*backward, strict=True)))
        print("first opening, CPU (includes importing the screen's module):")
        for label, cpu in firsts:
            print(f"  {label:<30} {cpu:6.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            data_dir=Path(tmp),
            mail_dir=Path(tmp) / "mail",
            secret_key="bench-0123456789abcdef0123456789abcdef",
            hash_profile="fast",
            language="en",
        )
        service = create_app(settings, embedded=True)
        app = GCKeyApp(settings, ServiceClient.in_process(service), embedded=True)
        asyncio.run(measure(app, args.repeat))
        service.state.context.engine.dispose()


if __name__ == "__main__":
    main()
