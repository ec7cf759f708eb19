"""The destination catalogue: every entry opens a real screen, ids and menu keys are unambiguous, and the
welcome screen appears without loading the HTTP stack, the wire models or the service."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from textual.screen import Screen

from gckey_tui.i18n import catalogue
from gckey_tui.navigation import DESTINATIONS, HOME_CARDS, destinations, load


def test_every_destination_names_a_screen_with_translated_labels() -> None:
    for dest in DESTINATIONS:
        assert issubclass(load(dest.screen), Screen), dest.id
        assert dest.title_key in catalogue() and dest.help_key in catalogue(), dest.id
    for card in HOME_CARDS:
        assert callable(load(card))


def test_ids_and_menu_keys_are_unambiguous() -> None:
    ids = [dest.id for dest in DESTINATIONS]
    assert len(ids) == len(set(ids))
    for signed_in in (False, True):
        keys = [dest.key for dest in destinations(signed_in) if dest.key]
        assert len(keys) == len(set(keys)), (signed_in, keys)


def test_welcome_appears_before_anything_heavy_is_imported(tmp_path) -> None:
    probe = textwrap.dedent(
        """
        import json, sys
        from gckey_tui.config import load_settings
        import gckey_tui.app as console

        class Probe(console.GCKeyApp):
            def on_mount(self):
                self.call_after_refresh(self.report)  # before the app's own after-first-paint work
                super().on_mount()

            def report(self):
                roots = sorted({name.split(".")[0] for name in sys.modules})
                print(json.dumps({"screen": type(self.screen).__name__, "roots": roots}), file=sys.stderr)
                self.exit()

        console.GCKeyApp = Probe
        console.run_console(load_settings({"data_dir": sys.argv[1]}), headless=True)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path)], capture_output=True, text=True, timeout=60, check=True
    )
    seen = json.loads(done.stderr.strip().splitlines()[-1])
    assert seen["screen"] == "WelcomeScreen"
    heavy = {"pydantic", "httpx", "sqlalchemy", "fastapi", "starlette", "argon2", "segno", "uvicorn"}
    assert heavy.isdisjoint(seen["roots"]), heavy & set(seen["roots"])
