"""A menu of destinations: arrows and Enter, or the destination's own key."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from gckey_tui.i18n import _
from gckey_tui.navigation import Destination


class DestinationMenu(OptionList):
    """Lists destinations by title; Enter or a destination's key opens it through ``app.open``."""

    def __init__(self, entries: list[Destination], **kwargs: object) -> None:
        self.entries = entries
        super().__init__(*(self._option(dest) for dest in entries), **kwargs)  # type: ignore[arg-type]

    @staticmethod
    def _option(dest: Destination) -> Option:
        label = Text()
        label.append(f"{dest.key or ' '} ", style="bold")
        label.append(_(dest.title_key))
        return Option(label, id=dest.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.app.open(event.option.id)  # type: ignore[attr-defined]

    def on_key(self, event: events.Key) -> None:
        for dest in self.entries:
            if dest.key and event.key == dest.key:
                event.stop()
                self.app.open(dest.id)  # type: ignore[attr-defined]
                return
