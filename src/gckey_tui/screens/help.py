"""Help: the GCKey Service Desk, and what GCKey, the portals and CRA sign-in each are (DESIGN §3 Support)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Static

from gckey_tui.i18n import _
from gckey_tui.i18n.labels import DESK_LINES as DESK_LINE_KEYS
from gckey_tui.i18n.labels import HELP_PARTS
from gckey_tui.screens.base import GCKeyScreen

#: the desk's lines, as in the ``desk.*`` texts (the same ones GET /api/v1/meta returns)
DESK_LINES = ("canada_us", "tty", "outside")


class HelpScreen(GCKeyScreen):
    """Static help: needs no network, so it opens at once and works when the service is down."""

    TITLE_KEY = "lifecycle.help.title"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "report", "lifecycle.help.report", id="report-problem"),
    ]

    def compose_body(self) -> Iterable[Widget]:
        yield Static(f"[b]{_('lifecycle.help.desk')}[/b]", classes="subtitle")
        for line in DESK_LINES:
            label, number = _(DESK_LINE_KEYS[line][0]), f"[b]{_(DESK_LINE_KEYS[line][1])}[/b]"
            yield Static("  " + _("lifecycle.help.desk_line", label=label, number=number), classes="desk-line")
        yield Static(f"  {_('desk.hours')}", classes="desk-hours")
        yield Static(_("lifecycle.help.desk_scope"), classes="note")
        yield Static(f"[b]{_('lifecycle.help.which')}[/b]", classes="subtitle")
        for part in ("gckey", "portals", "cra"):
            yield Static(f"• {_(HELP_PARTS[part])}", classes="bullet")

    def action_report(self) -> None:
        """Open "report a problem" (its screenshot is of this screen)."""
        from gckey_tui.screens.support import SupportScreen

        self.app.push_screen(SupportScreen())
