"""The kit's plugin: declared as the pytest11 entry point, loaded once however it is named, light to load (every
pytest run where gckey-tui is installed loads it), and the kit usable without pytest."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PLUGIN = "gckey_tui.testing.plugin"


def test_the_entry_point_names_the_plugin_module():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["entry-points"]["pytest11"]
    # pytest finds a plugin loaded by its entry point again only under the entry point's name: the module's
    assert declared == {PLUGIN: PLUGIN}


def test_loaded_by_entry_point_and_by_name_the_plugin_is_registered_once_and_isolates_the_console(
    pytester, monkeypatch
):
    # a distribution declaring the entry point as pyproject.toml does (an installed gckey-tui declares it too)
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["entry-points"]["pytest11"]
    site = pytester.path / "site"
    info = site / "gckey_kit_probe-0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: gckey-kit-probe\nVersion: 0\n")
    (info / "entry_points.txt").write_text("[pytest11]\n" + "".join(f"{k} = {v}\n" for k, v in declared.items()))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")])))
    pytester.makeconftest(f"pytest_plugins = [{PLUGIN!r}]")
    pytester.makepyfile(
        f"""
        import {PLUGIN} as plugin
        from gckey_tui.config import default_config_path

        def test_once(request, gckey_service):
            manager = request.config.pluginmanager
            assert [name for name, loaded in manager.list_name_plugin() if loaded is plugin] == [{PLUGIN!r}]
            assert any(loaded is plugin for loaded, _dist in manager.list_plugin_distinfo())  # by the entry point
            # a console saving its preferences writes them in the test's directory, not the user's
            assert default_config_path().is_relative_to(gckey_service.directory)
        """
    )
    result = pytester.runpytest_subprocess("-p", PLUGIN, "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


def test_loading_the_plugin_loads_neither_textual_nor_the_service():
    code = (
        f"import sys, {PLUGIN}\n"
        "heavy = ('textual', 'fastapi', 'sqlalchemy', 'gckey_tui.service', 'gckey_tui.app')\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] in heavy or name in heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


WITHOUT_PYTEST = """
import asyncio, sys

sys.modules["pytest"] = None  # a runner without pytest: importing it fails

from gckey_tui.testing import EmbeddedService, register, sign_in


async def main():
    with EmbeddedService() as service:
        async with service.run_console() as pilot:
            account = await register(pilot, "plainrun26")
            seen = await sign_in(pilot, account)
    print(seen.screen, len(account.recovery_codes))


asyncio.run(main())
"""


def test_the_kit_runs_without_pytest(tmp_path):
    environment = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = subprocess.run([sys.executable, "-c", WITHOUT_PYTEST], capture_output=True, text=True, env=environment)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["HomeScreen", "10"]
