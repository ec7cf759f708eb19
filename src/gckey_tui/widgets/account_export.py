"""Saving the account's data export to a private file: the account screen and the deletion screen offer it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gckey_tui.i18n import _
from gckey_tui.private_files import write_private_text

if TYPE_CHECKING:
    from gckey_tui.api import ServiceClient


def write_private_json(path: Path, data: Any) -> None:
    """Write ``data`` as JSON readable only by its owner (0600), even when the file already existed."""
    write_private_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n", replace=True)


def default_export_path() -> Path:
    """~/gckey-export-YYYY-MM-DD.json."""
    return Path.home() / f"gckey-export-{date.today().isoformat()}.json"


async def export_account(client: ServiceClient, path: Path) -> str:
    """Fetch the account's export and save it to ``path`` (0600); the line to show (saved, or why not).

    A failed call raises its ``ApiError`` for the screen to show.
    """
    exported = await client.export_account()
    try:
        write_private_json(path, exported.model_dump(mode="json"))
    except OSError as error:
        return _("console.file_not_written", reason=error.strerror or str(error))
    return _("lifecycle.account.exported", path=str(path))
