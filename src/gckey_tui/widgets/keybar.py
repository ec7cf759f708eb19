"""The key bar: the footer of every screen, with binding descriptions in the current language."""

from __future__ import annotations

from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static

from gckey_tui.i18n import _, catalogue


def describe(description: str) -> str:
    """A binding description: an i18n key is translated, anything else is shown as written."""
    return _(description) if description in catalogue() else description


class KeyBar(Static):
    """One line of ``key description`` pairs for the screen's shown bindings (remapped keys included)."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.refresh_keys()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: Screen) -> None:
        self.refresh_keys()

    def refresh_keys(self) -> None:
        """Redraw from the screen's active bindings."""
        line = Text(no_wrap=True, overflow="ellipsis")
        seen: set[str] = set()
        for _key, (_node, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            line.append(f" {self.app.get_key_display(binding)} ", style="reverse" if enabled else "dim reverse")
            line.append(f" {describe(binding.description)}  ", style="" if enabled else "dim")
        self.update(line)
