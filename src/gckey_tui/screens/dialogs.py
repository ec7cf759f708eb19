"""Small dialogs over any screen: a yes-or-no question, and the list of the screen's keys (``?``)."""

from __future__ import annotations

from typing import ClassVar

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from gckey_tui.i18n import _
from gckey_tui.widgets.keybar import describe, known

DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{ width: 60; height: auto; max-height: 22; border: thick $primary; background: $surface;
    padding: 1 2; }}
{name} OptionList {{ height: auto; max-height: 13; }}
{name} Horizontal {{ height: auto; margin: 1 0 0 0; }}
"""


class Confirm(ModalScreen[bool]):
    """A question answered yes (True) or no (False; Escape too). ``No`` has focus: Enter alone changes nothing."""

    DEFAULT_CSS = DIALOG_CSS.format(name="Confirm")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "console.key.back", id="cancel-confirm")]

    def __init__(self, question: str, yes: str, no: str) -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question)
            with Horizontal():
                yield Button(self.yes, id="yes", variant="primary")
                yield Button(self.no, id="no")

    def on_mount(self) -> None:
        self.query_one("#no").focus()

    @on(Button.Pressed)
    def _answered(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_cancel(self) -> None:
        self.dismiss(False)


class KeysDialog(ModalScreen[None]):
    """The keys of the screen underneath (its bindings, the app's and those of the focused field)."""

    DEFAULT_CSS = DIALOG_CSS.format(name="KeysDialog")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,enter", "close", "console.key.back", id="close-keys")
    ]

    def __init__(self, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.keys = keys

    def compose(self) -> ComposeResult:
        width = max((len(key) for key, _text in self.keys), default=0)
        with Vertical():
            yield Static(f"[b]{escape(_('console.keys.title'))}[/b]")
            yield Static("\n".join(f"{escape(key):>{width}}  {escape(text)}" for key, text in self.keys))
            yield Static(_("console.keys.close"), classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)


def screen_keys(screen: object) -> list[tuple[str, str]]:
    """(key, what it does) for every key active on ``screen``, once each, shown or not in the key bar."""
    from textual.screen import Screen

    assert isinstance(screen, Screen)
    keys: list[tuple[str, str]] = []
    seen: set[str] = set()
    for _key, (_node, binding, enabled, _tooltip) in screen.active_bindings.items():
        if not enabled or not known(binding.description) or binding.action in seen:
            continue  # a field's own editing keys (Textual's, in English) are left out
        seen.add(binding.action)
        keys.append((screen.app.get_key_display(binding), describe(binding.description)))
    return keys
