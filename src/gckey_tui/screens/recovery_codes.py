"""The ten new recovery codes: copy, save to a 0600 file, and confirm they are stored before going on."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual import on
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Static

from gckey_tui.i18n import _
from gckey_tui.private_files import write_private_text
from gckey_tui.screens.base import GCKeyScreen


def save_codes(codes: list[str], path: Path) -> Path:
    """Write the codes to ``path`` readable by the user only (0600), refusing to overwrite a file."""
    return write_private_text(path, "\n".join(codes) + "\n", replace=False)


class RecoveryCodesScreen(GCKeyScreen):
    """Shown once, right after a setup; escape does not skip it."""

    TITLE_KEY = "console.codes.title"
    BINDINGS = [
        Binding("escape", "noop", show=False, id="back"),
        Binding("ctrl+y", "copy", "console.key.copy", id="copy-codes"),
        Binding("ctrl+s", "save", "console.key.save", id="save-codes"),
    ]

    def __init__(self, codes: list[str]) -> None:
        super().__init__()
        self.codes = codes

    def compose_body(self) -> Iterable[Widget]:
        yield Static(_("console.codes.intro"), classes="intro")
        with Grid(id="codes"):
            for code in self.codes:
                yield Static(code, classes="code sensitive")
        with Vertical(classes="form"):
            yield Checkbox(_("console.codes.stored"), id="stored")
            with Horizontal(classes="buttons"):
                yield Button(_("console.key.submit"), id="continue", variant="primary", disabled=True)
                # why Continue does nothing yet (shown while it is disabled)
                yield Static(_("console.codes.tick_first"), id="continue-hint", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#stored").focus()

    def action_noop(self) -> None:
        """The codes are never shown again: escape must not skip them."""

    @on(Checkbox.Changed, "#stored")
    def _stored(self, event: Checkbox.Changed) -> None:
        self.query_one("#continue", Button).disabled = not event.value
        self.query_one("#continue-hint").display = not event.value

    @on(Button.Pressed, "#copy")
    def action_copy(self) -> None:
        """Copy every code (OSC 52)."""
        self.app.copy_to_clipboard("\n".join(self.codes))
        self.notify(_("console.copied"))

    def action_save(self) -> None:
        """Save the codes in the working directory (where the user is, not a hidden data folder), mode 0600."""
        directory = Path.cwd()
        path = directory / "gckey-recovery-codes.txt"
        number = 1
        while path.exists():
            number += 1
            path = directory / f"gckey-recovery-codes-{number}.txt"
        try:
            saved = save_codes(self.codes, path)
        except OSError as error:
            self.say(_("console.codes.save_failed", error=error.strerror or str(error)), error=True)
            return
        self.say(_("console.codes.saved", path=str(saved)))

    @on(Button.Pressed, "#continue")
    def _continue(self) -> None:
        if self.query_one("#stored", Checkbox).value:
            self.gckey.go_home()
