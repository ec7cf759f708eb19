"""Sessions and devices: every live session of the account (how, from where, when), ending one or all others."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import DataTable, Static

from gckey_tui.api.errors import ApiError
from gckey_tui.i18n import _
from gckey_tui.i18n.labels import ACCOUNT_COLUMNS, CLIENTS, SIGN_IN_METHODS, label
from gckey_tui.screens.base import GCKeyScreen
from gckey_tui.widgets.local_time import local_time, local_zone


def session_row(session) -> tuple[str, ...]:
    """One table row (fits 80 columns): this one?, how it signed in, client, address, last seen."""
    method = label(SIGN_IN_METHODS, session.method) if session.method else _("account_centre.pending")
    client = label(CLIENTS, session.client) if session.client else "—"
    seen = local_time(session.last_seen_at, zone=False)
    # a star, not ›: › marks the selected row wherever the console draws a selection
    return ("*" if session.current else "", method, client, session.address or "—", seen)


class SessionsScreen(GCKeyScreen):
    """The account's live sessions; ``d`` ends the selected one, ``o`` every other one."""

    TITLE_KEY = "account_centre.sessions.title"
    DEFAULT_CSS = "SessionsScreen #sessions { height: auto; max-height: 14; }"
    AUTO_FOCUS = "#sessions"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "end_selected", "account_centre.key.end", id="end-session"),
        Binding("o", "end_others", "account_centre.key.end_others", id="end-other-sessions"),
        Binding("r", "reload", "account_centre.key.reload", id="reload-sessions"),
    ]

    def compose_body(self) -> Iterable[Widget]:
        yield Static(_("account_centre.sessions.intro_star"), classes="intro")
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.load()

    async def refresh_language(self) -> None:
        await super().refresh_language()
        self.load()

    def action_reload(self) -> None:
        self.load()

    @work(exclusive=True)
    async def load(self) -> None:
        """Fetch the live sessions."""
        try:
            found = (await self.client.live_sessions()).sessions
        except ApiError as error:
            self.show_error(error)
            return
        table = self.query_one("#sessions", DataTable)
        table.clear(columns=True)
        for key in ("current", "method", "client", "address"):
            table.add_column(label(ACCOUNT_COLUMNS, key), key=key)
        table.add_column(f"{_('account_centre.column.seen')} ({local_zone()})", key="seen")
        for session in found:
            table.add_row(*session_row(session), key=str(session.id))

    def selected(self) -> str | None:
        """The id of the session under the cursor."""
        table = self.query_one("#sessions", DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def action_end_selected(self) -> None:
        if (session_id := self.selected()) is not None:
            self.end(int(session_id))

    def action_end_others(self) -> None:
        self.end(None)

    @work(exclusive=True, group="write")
    async def end(self, session_id: int | None) -> None:
        """End one session (``None``: every other one); ending this one signs out."""
        self.clear_errors()
        try:
            if session_id is None:
                await self.client.end_other_sessions()
            else:
                current = self.query_one("#sessions", DataTable).get_cell(str(session_id), "current")
                await self.client.end_session(session_id)
                if current:
                    self.gckey.session_ended(_("account_centre.sessions.ended_this"))
                    return
        except ApiError as error:
            self.show_error(error)
            return
        self.say(_("account_centre.sessions.ended"))
        self.load()
