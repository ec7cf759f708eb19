"""Passkeys and security keys: the account's list; add (a browser hand-off), rename, remove."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import DataTable, Static

from gckey_tui.api.errors import ApiError
from gckey_tui.i18n import _
from gckey_tui.screens.base import GCKeyScreen
from gckey_tui.widgets.local_time import local_time, local_zone

if TYPE_CHECKING:
    from gckey_tui.api import models_passkeys as pm


class PasskeysScreen(GCKeyScreen):
    """The account's passkeys: ``a`` adds one, ``n`` renames and ``x`` removes the selected one."""

    TITLE_KEY = "passkeys.nav"
    DEFAULT_CSS = """
    PasskeysScreen #passkeys { height: auto; max-height: 12; }
    PasskeysScreen #passkeys-summary { margin: 1 0; }
    """
    AUTO_FOCUS = "#passkeys"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "passkeys.console.key.add", id="add-passkey"),
        Binding("n", "rename", "passkeys.console.key.rename", id="rename-passkey"),
        Binding("x", "remove", "passkeys.console.key.remove", id="remove-passkey"),
        Binding("r", "reload", "passkeys.console.key.reload", id="reload-passkeys"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.passkeys: list[pm.Passkey] = []

    def compose_body(self) -> Iterable[Widget]:
        yield Static(_("passkeys.console.intro"), classes="intro")
        yield Static("", id="passkeys-summary")
        yield DataTable(id="passkeys", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.load()

    def on_screen_resume(self) -> None:
        # back from adding, renaming or removing one
        if self.is_mounted:
            self.load()

    async def refresh_language(self) -> None:
        await super().refresh_language()
        self.load()

    def action_reload(self) -> None:
        self.load()

    @work(exclusive=True)
    async def load(self) -> None:
        """Fetch the list."""
        try:
            self.passkeys = (await self.client.passkeys()).passkeys
        except ApiError as error:
            self.show_error(error)
            return
        summary = _("passkeys.console.count", count=len(self.passkeys)) if self.passkeys else _("passkeys.console.none")
        self.query_one("#passkeys-summary", Static).update(summary)
        table = self.query_one("#passkeys", DataTable)
        table.clear(columns=True)
        table.add_column(_("passkeys.console.column.name"), key="name")
        table.add_column(f"{_('passkeys.console.column.added')} ({local_zone()})", key="added")
        table.add_column(_("passkeys.console.column.used"), key="used")
        for passkey in self.passkeys:
            used = local_time(passkey.last_used_at, zone=False) if passkey.last_used_at else _("passkeys.console.never")
            table.add_row(passkey.name, local_time(passkey.created_at, zone=False), used, key=str(passkey.id))

    def selected(self) -> pm.Passkey | None:
        """The passkey under the cursor (a message when there is none)."""
        table = self.query_one("#passkeys", DataTable)
        if not table.row_count:
            self.say(_("passkeys.console.pick_first"), error=True)
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next(p for p in self.passkeys if str(p.id) == key)

    def action_add(self) -> None:
        from gckey_tui.screens.passkey_change import PasskeyAddScreen

        self.app.push_screen(PasskeyAddScreen())

    def action_rename(self) -> None:
        from gckey_tui.screens.passkey_change import PasskeyRenameScreen

        if (passkey := self.selected()) is not None:
            self.app.push_screen(PasskeyRenameScreen(passkey))

    def action_remove(self) -> None:
        from gckey_tui.screens.passkey_change import PasskeyRemoveScreen

        if (passkey := self.selected()) is not None:
            self.app.push_screen(PasskeyRemoveScreen(passkey))
