"""The key bar: the footer of every screen, with binding descriptions in the current language."""

from __future__ import annotations

from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static

from gckey_tui.i18n import _, catalogue

#: Textual's own binding descriptions that reach the console's key bar or key list, as i18n keys
TEXTUAL_DESCRIPTIONS = {
    "palette": "console.key.palette",
    "Dismiss menu": "console.key.dismiss_menu",
}


def known(description: str) -> bool:
    """Whether the console has words for this binding description (its own, or one of Textual's it translates)."""
    return description in catalogue() or description in TEXTUAL_DESCRIPTIONS


def describe(description: str) -> str:
    """A binding description: an i18n key (or a Textual description the console knows) is translated, anything
    else is shown as written."""
    description = TEXTUAL_DESCRIPTIONS.get(description, description)
    return _(description) if description in catalogue() else description


class KeyBar(Static):
    """``key description`` pairs for the screen's shown bindings (remapped keys included), on as many lines as
    the terminal's width needs: no key is cut off at 80 columns."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.refresh_keys()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self) -> None:
        self.refresh_keys()

    def _bindings_changed(self, _screen: Screen) -> None:
        self.refresh_keys()

    def refresh_keys(self) -> None:
        """Redraw from the screen's active bindings, wrapping between pairs (never inside one)."""
        width = self.size.width or self.app.size.width
        lines = [Text(no_wrap=True, overflow="ellipsis")]
        seen: set[str] = set()
        for _key, (_node, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            pair = Text(no_wrap=True)
            pair.append(f" {self.app.get_key_display(binding)} ", style="reverse" if enabled else "dim reverse")
            pair.append(f" {describe(binding.description)}  ", style="" if enabled else "dim")
            if lines[-1].cell_len and lines[-1].cell_len + pair.cell_len > width + 2:  # the trailing gap may go
                lines.append(Text(no_wrap=True, overflow="ellipsis"))
            lines[-1].append_text(pair)
        self.update(Text("\n").join(lines))
