"""The console's text field: keys typed ahead land where the user meant them.

Textual hands each key to the widget that has focus when the key is read from the terminal. Keys typed in one
burst (``user⏎password`` pasted, sent by a script, or typed quickly over SSH) are therefore all queued for the
field focused at the start, before its Enter has been acted on: a focus change made by a handler of the Enter
comes too late, and the password would be typed, in clear, into the username field. So:

- Enter in a field that moves on (``advance=True``) moves focus to the next field *while the Enter key is
  processed*, before the keys queued behind it; Tab and Shift+Tab likewise move focus at once (Textual's own
  Tab binding acts only after the keys already queued for this field);
- a key that reaches a field which no longer has focus is handed back to the app, which gives it to the
  widget that does (as it would have, had the key arrived a moment later);
- a field that gets focus back (after F2 redraws the screen, or on returning to a screen) keeps its text
  unselected, so that typing adds to it instead of replacing it.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import Input

#: where Enter moves on to: the next field to fill (buttons are skipped: Enter in the last field submits, even
#: when the field advances: a form that adds no fields after shared ones, such as re-authentication, submits)
FIELDS = "Input, Select, TextArea"


class FormInput(Input):
    """A text field of a console form (see the module's docstring)."""

    def __init__(self, value: str | None = None, *, advance: bool = False, **kwargs: Any) -> None:
        super().__init__(value, select_on_focus=False, **kwargs)
        #: Enter moves to the next field (instead of submitting)
        self.advance = advance

    async def on_key(self, event: events.Key) -> None:
        """Pass on keys typed ahead of a focus change; move on at once on Tab, Shift+Tab, and Enter when the field
        advances."""
        if self.app.focused is not self:
            event.prevent_default()
            event.stop()
            self.app.post_message(events.Key(event.key, event.character))
        elif event.key == "enter" and self.advance and self.field_follows():
            event.prevent_default()
            event.stop()
            self.screen.focus_next(FIELDS)
        elif event.key in ("tab", "shift+tab"):
            event.prevent_default()
            event.stop()
            if event.key == "tab":
                self.screen.focus_next()
            else:
                self.screen.focus_previous()

    def field_follows(self) -> bool:
        """Whether a field to fill comes after this one in the screen's focus order (Enter then moves on)."""
        chain = self.screen.focus_chain
        later = chain[chain.index(self) + 1 :] if self in chain else []
        fields = set(self.screen.query(FIELDS))  # by selector: importing TextArea costs the first screen ~80 ms
        return any(widget in fields for widget in later)
