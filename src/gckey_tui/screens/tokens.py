"""Read-only API tokens for scripts (``gckey-tui reports status``): create (shown once), list, revoke."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual import on, work
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Button, DataTable, Input, Static

from gckey_tui.api.errors import ApiError
from gckey_tui.i18n import _
from gckey_tui.i18n.labels import REPORT_COLUMNS, TOKEN_FIELD_ERRORS, label
from gckey_tui.screens.base import GCKeyScreen
from gckey_tui.widgets.form_input import FormInput


class TokensScreen(GCKeyScreen):
    """The account's tokens; a new one is shown once, with a copy key."""

    TITLE_KEY = "reports.tokens.title"
    DEFAULT_CSS = """
    TokensScreen #token-form { height: auto; }
    TokensScreen #token-name { width: 1fr; }
    TokensScreen #token-days { width: 12; }
    TokensScreen #tokens-table { height: auto; max-height: 10; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "revoke", "reports.key.revoke", id="revoke-token"),
        Binding("y", "copy", "reports.key.copy", id="copy-token"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.new_token: str | None = None

    def compose_body(self) -> Iterable[Widget]:
        yield Static(_("reports.tokens.help"))
        with Horizontal(id="token-form"):
            yield FormInput(placeholder=_("reports.tokens.name"), id="token-name")
            yield FormInput("30", placeholder=_("reports.tokens.days"), id="token-days", type="integer")
            yield Button(_("reports.tokens.create"), id="token-create", variant="primary")
        yield self.field_error("name")
        yield self.field_error("expires_in_days")
        yield Static("", id="token-value", classes="sensitive")
        yield DataTable(id="tokens-table", cursor_type="row")

    def on_mount(self) -> None:
        self.load()

    @work(exclusive=True)
    async def load(self) -> None:
        """Fetch the tokens."""
        try:
            found = (await self.client.tokens()).tokens
        except ApiError as error:
            self.show_error(error)
            return
        table = self.query_one("#tokens-table", DataTable)
        table.clear(columns=True)
        for key in ("name", "scope", "expires", "last_used"):
            table.add_column(label(REPORT_COLUMNS, key), key=key)
        for token in found:
            used = token.last_used_at.date().isoformat() if token.last_used_at else "—"
            table.add_row(token.name, token.scope, token.expires_at.date().isoformat(), used, key=token.id)

    @on(Button.Pressed, "#token-create")
    @on(Input.Submitted)
    def _create(self) -> None:
        self.create()

    @work(exclusive=True, group="write")
    async def create(self) -> None:
        """Create a token from the form; its value is shown this once."""
        from gckey_tui.api import models_reports

        self.clear_errors()
        name = self.query_one("#token-name", Input).value.strip()
        days_text = self.query_one("#token-days", Input).value.strip()
        if not name or not days_text.isdigit() or not 1 <= int(days_text) <= 90:
            field = "name" if not name else "expires_in_days"
            self.field_says(field, label(TOKEN_FIELD_ERRORS, field))
            return
        try:
            created = await self.client.create_token(
                models_reports.TokenRequest(name=name, expires_in_days=int(days_text))
            )
        except ApiError as error:
            self.show_error(error)
            return
        self.new_token = created.token
        self.query_one("#token-value", Static).update(_("reports.tokens.shown_once", token=created.token))
        self.query_one("#token-name", Input).value = ""
        self.load()

    def action_copy(self) -> None:
        """Copy the new token (OSC 52: works over SSH)."""
        if self.new_token:
            self.app.copy_to_clipboard(self.new_token)
            self.say(_("reports.tokens.copied"))

    def action_revoke(self) -> None:
        """Revoke the token under the cursor, once the user confirms (a script using it stops working)."""
        from gckey_tui.screens.dialogs import Confirm

        table = self.query_one("#tokens-table", DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
            name = str(table.get_row(key)[0])
            question = Confirm(
                _("reports.tokens.revoke_confirm", name=name), _("reports.tokens.revoke_yes"), _("reports.submit.no")
            )
            self.app.push_screen(question, lambda yes: self.revoke(str(key.value)) if yes else None)

    @work(exclusive=True, group="write")
    async def revoke(self, token_id: str) -> None:
        """Revoke, then reload."""
        try:
            await self.client.revoke_token(token_id)
        except ApiError as error:
            self.show_error(error)
            return
        self.say(_("reports.tokens.revoked"))
        self.load()
