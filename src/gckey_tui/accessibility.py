"""Accessibility of the console: where the terminal cursor goes, plain glyphs, the high-contrast theme,
announcements in the terminal title, and the contrast figures of a theme.

Screen readers on a terminal (Orca reading a terminal emulator, Speakup and BRLTTY on a Linux console) follow
the terminal's cursor: the console puts it on the focused element (the caret of a field, the start of a menu's
selected row, a table's selected row, the focused button), shows it, and keeps it steady when motion is
reduced. Status messages are also written to the terminal title (OSC 2), where a screen reader can read them.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.geometry import Offset
from textual.scrollbar import ScrollBarRender
from textual.theme import Theme

if TYPE_CHECKING:
    from textual.widget import Widget

#: terminals whose font lacks block, box-drawing and emoji glyphs: plain glyphs are chosen for them
PLAIN_TERMINALS = ("linux", "vt100", "vt102", "vt220", "vt52", "dumb", "ansi")

#: marks the selected row of a menu (and a focused button), in each glyph mode
MARKER = "›"
PLAIN_MARKER = ">"

HIGH_CONTRAST = Theme(
    name="high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    warning="#ffff00",
    error="#ff8080",
    success="#00ff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#000000",
    boost="#000000",
    dark=True,
    text_alpha=1.0,
    variables={
        "text": "#ffffff",
        "text-muted": "#ffffff",
        "foreground-muted": "#ffffff",
        "border": "#ffff00",
        "border-blurred": "#ffffff",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#ffff00",
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-foreground": "#000000",
        "block-cursor-blurred-background": "#ffffff",
        "block-hover-background": "#000000",
        "input-cursor-foreground": "#000000",
        "input-cursor-background": "#ffff00",
        "input-selection-background": "#ffff00 40%",
        "button-foreground": "#ffffff",
        "button-color-foreground": "#000000",
        "button-focus-text-style": "bold reverse",
        "footer-foreground": "#ffffff",
        "footer-background": "#000000",
        "footer-key-foreground": "#ffff00",
        "scrollbar": "#ffffff",
        "scrollbar-background": "#000000",
        "scrollbar-hover": "#ffff00",
        "scrollbar-active": "#ffff00",
    },
)


@dataclass(frozen=True)
class Access:
    """How the console draws itself for this user: plain glyphs, reduced motion."""

    plain: bool = False
    reduced_motion: bool = False

    @property
    def marker(self) -> str:
        """The glyph marking a selected row or a focused button."""
        return PLAIN_MARKER if self.plain else MARKER


def check_marks(plain: bool) -> tuple[str, str]:
    """How a checklist marks a rule met and one not met (✓ ✗ are missing from Linux console fonts)."""
    return ("[x]", "[ ]") if plain else ("✓", "✗")


def meter_glyphs(plain: bool) -> tuple[str, str]:
    """The filled and the empty cell of a meter."""
    return ("#", ".") if plain else ("█", "░")


def wants_plain_glyphs(ascii_setting: bool | None, term: str | None = None) -> bool:
    """Plain glyphs when asked (``--ascii``, ``ascii = true``), or when the terminal is a Linux console or a
    VT-series terminal whose font has no block, box-drawing or emoji glyphs (``ascii = false`` keeps them)."""
    if ascii_setting is not None:
        return ascii_setting
    term = (os.environ.get("TERM", "") if term is None else term).lower()
    return term.split("-")[0] in PLAIN_TERMINALS


class PlainScrollBarRender(ScrollBarRender):
    """Scrollbars without the eighth-block glyphs a Linux console font lacks: the thumb is a solid run."""

    VERTICAL_BARS = [" "] * 8
    HORIZONTAL_BARS = [" "] * 8


# -- where the cursor goes ---------------------------------------------------------------------------


def cursor_spot(widget: Widget) -> Offset:
    """Where the terminal cursor belongs when ``widget`` has focus (screen coordinates).

    Fields: their caret. Option lists: the start of the highlighted row. Tables: the start of the cursor's row.
    Radio sets: the chosen button. Anything else (buttons, check boxes): the start of its label.
    """
    from textual.widgets import Button, DataTable, OptionList, RadioSet, Select

    caret = getattr(widget, "cursor_screen_offset", None)  # Input, TextArea (not imported: ~80 ms to start)
    if caret is not None:
        return caret
    region = widget.content_region
    if isinstance(widget, Select):  # the value shown, inside the frame around it
        region = widget.query_one("SelectCurrent").content_region
    if isinstance(widget, Button):  # its label is centred: the cursor goes on its first glyph (the marker)
        label = widget.label.cell_length
        return Offset(region.x + max(0, (region.width - label) // 2), region.y + max(0, (region.height - 1) // 2))
    row = 0
    if isinstance(widget, OptionList) and widget.highlighted is not None:
        # the console's option lists hold one line per option
        row = widget.highlighted - round(widget.scroll_offset.y)
    elif isinstance(widget, DataTable) and widget.row_count:
        header = widget.header_height if widget.show_header else 0
        above = sum(row.height for row in widget.ordered_rows[: widget.cursor_row])
        row = header + above - round(widget.scroll_offset.y)
    elif isinstance(widget, RadioSet) and widget.pressed_index >= 0:
        row = widget.pressed_index
    row = max(0, min(row, region.height - 1))
    return Offset(region.x, region.y + row)


def show_toggle_state(button: Widget, plain: bool) -> None:
    """Draw a check box or radio button's state as a glyph (Textual draws it by colour alone: its ``X`` or ``●``
    is there either way); with plain glyphs, in ASCII brackets instead of half blocks."""
    from textual.widgets import RadioButton

    radio = isinstance(button, RadioButton)
    on = bool(getattr(button, "value", False))
    button.BUTTON_INNER = ("*" if plain else "●") if radio and on else ("X" if on else " ")  # type: ignore[attr-defined]
    if plain:
        button.BUTTON_LEFT, button.BUTTON_RIGHT = ("(", ")") if radio else ("[", "]")  # type: ignore[attr-defined]
    button.refresh()


# -- announcements -----------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")


def title_sequence(text: str) -> str:
    """The OSC 2 sequence setting the terminal title to ``text`` (control characters made spaces, so a message
    cannot end the sequence early or carry a sequence of its own)."""
    return f"\x1b]2;{_CONTROL.sub(' ', text).strip()}\x07"


# -- contrast (WCAG 2.1) -----------------------------------------------------------------------------


def relative_luminance(red: int, green: int, blue: int) -> float:
    """WCAG 2.1 relative luminance of an sRGB colour (0–255 channels)."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast_ratio(first: tuple[int, int, int], second: tuple[int, int, int]) -> float:
    """WCAG 2.1 contrast ratio of two sRGB colours (1 to 21)."""
    lighter, darker = sorted((relative_luminance(*first), relative_luminance(*second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# -- the terminal -------------------------------------------------------------------------------------

#: show the cursor (Textual hides it when it starts)
SHOW_CURSOR = "\x1b[?25h"
#: a steady block cursor (DECSCUSR 2) and xterm's blink off: no blinking with reduced motion
STEADY_CURSOR = "\x1b[2 q\x1b[?12l"
#: the terminal's own cursor shape again, on leaving
DEFAULT_CURSOR = "\x1b[0 q"
#: save the terminal's title on the xterm title stack, and restore it on leaving
SAVE_TITLE, RESTORE_TITLE = "\x1b[22;2t", "\x1b[23;2t"


def terminal_driver_class(access: Access) -> type | None:
    """A Textual driver for POSIX terminals that shows the cursor (Textual's own hides it, where a screen reader
    needs it) and can set the terminal title; None where Textual's own driver must be used (Windows, or a driver
    chosen with ``TEXTUAL_DRIVER``)."""
    if os.name == "nt" or os.environ.get("TEXTUAL_DRIVER"):
        return None
    from textual.drivers.linux_driver import LinuxDriver

    class AccessibleDriver(LinuxDriver):
        """Textual's Linux driver, with the cursor shown (steady with reduced motion) and a title to announce."""

        def __init__(self, app, **options) -> None:  # noqa: ANN001, ANN003 - Textual's Driver signature
            super().__init__(app, **options)
            attach = getattr(app, "attach_terminal", None)
            if attach is not None:  # the app announces through this driver
                attach(self)

        def start_application_mode(self) -> None:
            super().start_application_mode()
            self.write(SAVE_TITLE + SHOW_CURSOR + (STEADY_CURSOR if access.reduced_motion else ""))
            self.flush()

        def stop_application_mode(self) -> None:
            self.write(RESTORE_TITLE + (DEFAULT_CURSOR if access.reduced_motion else ""))
            super().stop_application_mode()

        def set_title(self, text: str) -> None:
            """Write ``text`` as the terminal title (OSC 2)."""
            self.write(title_sequence(text))
            self.flush()

    return AccessibleDriver
