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
