"""Time to first screen: gckey-tui's welcome (plain and ``--demo``) beside a hello-world Textual app, and
resident memory of each.

Each run is a fresh headless process that exits as soon as its first screen is mounted and painted; it
prints the seconds since the interpreter started (process creation to first screen) and its peak RSS.
The median of several runs of each is compared (budget, DESIGN §6: ratio ≤ 1.3 for both rows).

    python benchmarks/startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time

COMMON = textwrap.dedent(
    """
    import json, resource, sys, time

    def stamp():
        return {"seconds": time.time() - START, "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}

    def report(first_screen, **extra):
        with open(sys.argv[2], "w") as out:  # the app owns stdout while it runs
            json.dump({**first_screen, **extra}, out)
    """
)

HELLO = COMMON + textwrap.dedent(
    """
    from textual.app import App
    from textual.widgets import Static

    class Hello(App):
        def compose(self):
            yield Static("Hello, world")

        def on_mount(self):
            self.call_after_refresh(self.finish)

        def finish(self):
            report(stamp())
            self.exit()

    Hello().run(headless=True)
    """
)

GCKEY = COMMON + textwrap.dedent(
    """
    from gckey_tui.config import load_settings
    import gckey_tui.app as console

    settings = load_settings({"data_dir": sys.argv[1], "demo": sys.argv[3] == "demo"})

    class Measured(console.GCKeyApp):
        def on_mount(self):
            # queued before the app's own after-first-paint work: this stamps the moment welcome is on screen
            self.call_after_refresh(self.finish)
            super().on_mount()

        def finish(self):
            assert type(self.screen).__name__ == "WelcomeScreen"
            self.first_screen = stamp()
            self.run_worker(self.first_answer())

        async def first_answer(self):
            await self.client.meta()  # the embedded service, built in the background, answers a request
            report(self.first_screen, service=stamp())
            self.exit()

    console.GCKeyApp = Measured  # run_console builds the app exactly as the gckey-tui command does
    console.run_console(settings, headless=True)
    """
)


#: what is measured: label, program, mode (the console's ``--demo`` flag or not)
ROWS = (
    ("hello", "hello-world Textual", HELLO, "plain"),
    ("gckey", "gckey-tui welcome", GCKEY, "plain"),
    ("demo", "gckey-tui --demo", GCKEY, "demo"),
)


def run_once(source: str, data_dir: str, mode: str) -> dict[str, float]:
    """One fresh process; START is stamped before the interpreter is created."""
    with tempfile.NamedTemporaryFile("r", suffix=".json") as out:
        start = time.time()
        stamped = f"START = {start!r}\n" + source
        subprocess.run([sys.executable, "-c", stamped, data_dir, out.name, mode], capture_output=True, check=True)
        return json.loads(open(out.name).read())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    results: dict[str, list[dict[str, float]]] = {name: [] for name, *_rest in ROWS}
    with tempfile.TemporaryDirectory() as data_dir:
        for _name, _label, source, mode in ROWS:  # warm the file cache, create the data directory, seed the demo
            run_once(source, data_dir, mode)
        for _run in range(args.runs):  # interleaved, so machine load affects every row alike
            for name, _label, source, mode in ROWS:
                results[name].append(run_once(source, data_dir, mode))
    medians = {
        name: {key: statistics.median(run[key] for run in runs) for key in ("seconds", "rss_mib")}
        for name, runs in results.items()
    }
    hello = medians["hello"]["seconds"]
    for name, label, _source, _mode in ROWS:
        ratio = "" if name == "hello" else f", ratio {medians[name]['seconds'] / hello:.2f} (budget 1.30)"
        print(f"{label:>20}: {medians[name]['seconds'] * 1000:7.1f} ms, {medians[name]['rss_mib']:6.1f} MiB RSS{ratio}")
    print(f"{'':>20}  (median of {args.runs} runs each)")
    service = {
        key: statistics.median(run["service"][key] for run in results["gckey"]) for key in ("seconds", "rss_mib")
    }
    print(
        f"{'then, in background':>20}: embedded service answering at {service['seconds'] * 1000:.1f} ms, "
        f"{service['rss_mib']:.1f} MiB RSS (not part of the budget: welcome is already usable)"
    )


if __name__ == "__main__":
    main()
