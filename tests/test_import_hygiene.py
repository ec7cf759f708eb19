"""The core (api, service) never loads Textual: checked in a fresh interpreter."""

import subprocess
import sys

import pytest


@pytest.mark.parametrize("module", ["gckey_tui.api", "gckey_tui.service", "gckey_tui.service.app"])
def test_core_imports_without_textual(module):
    code = (
        f"import sys, {module}\n"
        "loaded = sorted(name for name in sys.modules if name == 'textual' or name.startswith('textual.'))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"{module} loaded {result.stdout.strip()}"


#: the first screen of the console, plain or ``--demo``, is painted before any of these is loaded
HEAVY = ("gckey_tui.service", "gckey_tui.admin", "sqlalchemy", "fastapi", "argon2", "cryptography", "authlib")

FIRST_SCREEN = """
import json, sys
from gckey_tui.config import load_settings
import gckey_tui.app as console

class Measured(console.GCKeyApp):
    def on_mount(self):
        self.call_after_refresh(self.first_paint)  # queued before the app's own after-first-paint work
        super().on_mount()

    def first_paint(self):
        shown = {"screen": type(self.screen).__name__, "demo": self.demo_credentials, "modules": list(sys.modules)}
        with open(sys.argv[3], "w") as out:  # the app owns stdout while it runs
            json.dump(shown, out)
        self.exit()

console.GCKeyApp = Measured
console.run_console(load_settings({"data_dir": sys.argv[1], "demo": sys.argv[2] == "demo"}), headless=True)
"""


@pytest.mark.parametrize("mode", ["plain", "demo"])
def test_the_first_screen_loads_neither_the_service_nor_its_libraries(tmp_path, mode):
    import json

    out = tmp_path / "shown.json"
    subprocess.run([sys.executable, "-c", FIRST_SCREEN, str(tmp_path), mode, str(out)], capture_output=True, check=True)
    shown = json.loads(out.read_text())
    assert shown["screen"] == "WelcomeScreen"
    assert (shown["demo"] is not None) == (mode == "demo")  # the demo credentials are on that first screen
    loaded = sorted(
        {name for name in shown["modules"] for heavy in HEAVY if name == heavy or name.startswith(heavy + ".")}
    )
    assert loaded == [], f"loaded before the first screen: {loaded[:10]}"
