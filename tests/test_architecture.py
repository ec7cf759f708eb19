"""The architecture's arrows (DESIGN §2), as import-linter contracts in pyproject.toml: the suite runs them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import gckey_tui

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")


def lint_imports(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``lint-imports`` over the very package these tests import (PYTHONPATH honoured, first)."""
    source = str(Path(gckey_tui.__file__).resolve().parents[1])
    path = os.pathsep.join(p for p in (source, os.environ.get("PYTHONPATH", "")) if p)
    env = {**os.environ, "PYTHONPATH": path}
    return subprocess.run([LINT_IMPORTS, "--no-cache", *args], cwd=ROOT, env=env, capture_output=True, text=True)


def contract_names() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return [contract["name"] for contract in config["tool"]["importlinter"]["contracts"]]


@pytest.mark.skipif(not Path(LINT_IMPORTS).exists(), reason="import-linter is not installed (the [test] extra has it)")
def test_every_architecture_contract_is_kept():
    result = lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
    kept = " ".join(result.stdout.split())  # long contract names wrap in the report
    for name in contract_names():
        assert f"{name} KEPT" in kept, f"{name!r} was not checked"


@pytest.mark.skipif(not Path(LINT_IMPORTS).exists(), reason="import-linter is not installed (the [test] extra has it)")
def test_a_broken_contract_fails_the_run(tmp_path):
    # a rule the code certainly breaks (every screen speaks through i18n): the run must say so and fail
    config = tmp_path / "broken.toml"
    config.write_text(
        '[tool.importlinter]\nroot_package = "gckey_tui"\n\n'
        '[[tool.importlinter.contracts]]\nname = "screens never translate"\ntype = "forbidden"\n'
        'source_modules = ["gckey_tui.screens"]\nforbidden_modules = ["gckey_tui.i18n"]\n'
    )
    result = lint_imports("--config", str(config))
    assert result.returncode == 1
    assert "screens never translate BROKEN" in " ".join(result.stdout.split())
