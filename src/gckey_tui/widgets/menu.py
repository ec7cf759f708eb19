"""A menu of destinations: arrows and Enter, or the destination's own key."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from gckey_tui.i18n import _
from gckey_tui.navigation import Destination


class DestinationMenu(OptionList):
    """Lists destinations by title; Enter or a destination's key opens it through ``app.open``.

    The highlighted row is marked by a glyph (``›``, ``>`` with plain glyphs) as well as by colour."""

    def __init__(self, entries: list[Destination], **kwargs: object) -> None:
        self.entries = entries
        self._marked: int | None = None
        super().__init__(*(self._option(dest) for dest in entries), **kwargs)  # type: ignore[arg-type]

    def _marker(self) -> str:
        access = getattr(self.app, "access", None)
        return access.marker if access is not None else "›"

    def _option(self, dest: Destination, mark: str = " ") -> Option:
        return Option(self._prompt(dest, mark), id=dest.id)

    @staticmethod
    def _prompt(dest: Destination, mark: str) -> Text:
        label = Text()
        label.append(f"{mark} ", style="bold")
        label.append(f"{dest.key or ' '} ", style="bold")
        label.append(_(dest.title_key))
        return label

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if self._marked is not None and self._marked < len(self.entries):
            self.replace_option_prompt_at_index(self._marked, self._prompt(self.entries[self._marked], " "))
        if highlighted is not None and highlighted < len(self.entries):
            self.replace_option_prompt_at_index(highlighted, self._prompt(self.entries[highlighted], self._marker()))
        self._marked = highlighted

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.app.open(event.option.id)  # type: ignore[attr-defined]

    def on_key(self, event: events.Key) -> None:
        for dest in self.entries:
            if dest.key and event.key == dest.key:
                event.stop()
                self.app.open(dest.id)  # type: ignore[attr-defined]
                return
