"""Resolved settings in a private file: how ``serve`` hands its workers exactly the settings it resolved."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from gckey_tui.config import Settings
from gckey_tui.private_files import write_private_text

#: names the file in a served worker's environment
SETTINGS_FILE_VARIABLE = "GCKEY_SETTINGS_FILE"


def write_settings_file(settings: Settings, directory: Path) -> Path:
    """Write ``settings`` as JSON to a new file only its owner can read (it holds the secret key)."""
    values = {name: str(value) if isinstance(value, Path) else value for name, value in asdict(settings).items()}
    return write_private_text(directory / "settings.json", json.dumps(values), replace=False)


def read_settings_file(path: Path) -> Settings:
    """The settings written by ``write_settings_file``."""
    return Settings(**json.loads(path.read_text(encoding="utf-8")))
