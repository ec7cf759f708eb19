"""Activity: the account's security events of the last 2 years, newest first, in local time."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import DataTable, Static

from gckey_tui.api.errors import ApiError
from gckey_tui.i18n import _
from gckey_tui.i18n.labels import ACCOUNT_COLUMNS, CLIENTS, EVENTS, SIGN_IN_METHODS, label
from gckey_tui.screens.base import GCKeyScreen
from gckey_tui.widgets.local_time import local_time, local_zone

PAGE = 50
#: events whose detail is a sign-in method
METHOD_EVENTS = ("sign_in", "two_factor_set_up", "two_factor_changed")


def event_row(event) -> tuple[str, ...]:
    """One table row: when (the zone is in the header), what (with its detail and count), client, address."""
    what = label(EVENTS, event.kind)
    if detail := event_detail(event):
        what = f"{what} ({detail})"
    if event.count > 1:
        what = f"{what} ×{event.count}"
    client = label(CLIENTS, event.client) if event.client else "—"
    return (local_time(event.occurred_at, zone=False), what, client, event.address or "—")


def event_detail(event) -> str:
    """The event's detail as a person reads it: a sign-in method by name; names and numbers as they are."""
    if event.kind in METHOD_EVENTS and event.detail:
        return label(SIGN_IN_METHODS, event.detail)
    return event.detail or ""


class ActivityScreen(GCKeyScreen):
    """The events, a page at a time (``n`` loads older ones)."""

    TITLE_KEY = "account_centre.activity.title"
    DEFAULT_CSS = "ActivityScreen #events { height: 1fr; }"
    AUTO_FOCUS = "#events"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "older", "account_centre.key.older", id="older-events"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.oldest: int | None = None
        self.exhausted = False

    def compose_body(self) -> Iterable[Widget]:
        yield Static(_("account_centre.activity.intro"), classes="intro")
        yield DataTable(id="events", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#events", DataTable)
        table.add_column(f"{_('account_centre.column.when')} ({local_zone()})", key="when")
        for key in ("what", "client", "address"):
            table.add_column(label(ACCOUNT_COLUMNS, key), key=key)
        self.load()

    async def refresh_language(self) -> None:
        self.oldest, self.exhausted = None, False
        await super().refresh_language()
        self.on_mount()

    def action_older(self) -> None:
        if not self.exhausted:
            self.load()

    @work(exclusive=True)
    async def load(self) -> None:
        """Fetch the next page of events (older than those shown)."""
        try:
            found = (await self.client.activity(limit=PAGE, before=self.oldest)).events
        except ApiError as error:
            self.show_error(error)
            return
        table = self.query_one("#events", DataTable)
        for event in found:
            table.add_row(*event_row(event), key=str(event.id))
        if found:
            self.oldest = found[-1].id
        self.exhausted = len(found) < PAGE
        if self.exhausted:
            self.say(_("account_centre.activity.all_shown", count=table.row_count))
