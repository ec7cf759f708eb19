"""A set of radio buttons where moving is choosing: the arrows select the option they land on, as a person
expects of a form's choice (Textual's RadioSet only highlights it until Enter or Space)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import RadioSet


class ChoiceSet(RadioSet):
    """Radio buttons whose arrows select."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,right", "choose(1)", show=False),
        Binding("up,left", "choose(-1)", show=False),
    ]

    def action_choose(self, step: int) -> None:
        """Move to the next (1) or previous (-1) option and select it."""
        if step > 0:
            self.action_next_button()
        else:
            self.action_previous_button()
        self.action_toggle_button()
