"""Driving and reading a console under Textual's pilot: wait for its work, fill a field, and take down what the
screen shows (``Seen``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rich.text import Text
from textual.app import App
from textual.content import Content
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import DataTable, Input, OptionList, Static


@dataclass(frozen=True)
class Seen:
    """What the user saw at one moment: ``"text" in seen`` looks for ``text`` anywhere on the screen."""

    #: the screen's class, e.g. ``"HomeScreen"``
    screen: str
    #: the screen's title line
    title: str
    #: the screen's message line (what went wrong, or what was done); empty when there is none
    message: str
    #: every text on the screen in document order, one widget per line (inputs show what was typed, passwords
    #: as bullets; tables one row per line; notifications included while they are up)
    text: str

    def __contains__(self, text: str) -> bool:
        return text in self.text

    def __str__(self) -> str:
        return f"[{self.screen}] {self.text}"


async def settle(pilot: Pilot) -> None:
    """Let the console's workers (its calls to the service) finish and the screen redraw."""
    for _round in range(2):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def fill(pilot: Pilot, selector: str, value: str) -> None:
    """Focus the input ``selector`` and put ``value`` in it (its Changed handlers run as for typing)."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = value
    field.cursor_position = len(value)
    await pilot.pause()


def message(app: App[object]) -> str:
    """The screen's message line (empty when it says nothing)."""
    return text_of(app.screen.query_one("#message", Static))


def field_message(app: App[object], name: str) -> str:
    """The line under field ``name`` (empty when it says nothing)."""
    return text_of(app.screen.query_one(f"#{name}-error", Static))


async def look(pilot: Pilot) -> Seen:
    """Wait for the console to settle, then take down what its screen shows."""
    await settle(pilot)
    return seen_now(pilot)


def seen_now(pilot: Pilot) -> Seen:
    """What the screen shows at this moment (without waiting)."""
    screen = pilot.app.screen
    titles = screen.query("#title")
    messages = screen.query("#message")
    return Seen(
        screen=type(screen).__name__,
        title=text_of(titles.first()) if titles else "",
        message=text_of(messages.first()) if messages and messages.first().display else "",
        text="\n".join(line for line in _texts(screen) if line.strip()),
    )


def text_of(widget: Widget) -> str:
    """A widget's own text, when it draws text (a QR code or a container does not)."""
    rendered = widget.render()
    if isinstance(rendered, Text):
        return rendered.plain
    return str(rendered) if isinstance(rendered, str | Content) else ""


def _texts(widget: Widget) -> Iterator[str]:
    """The texts of ``widget`` and of its displayed descendants, in document order."""
    if not widget.display:
        return
    if isinstance(widget, Input):
        yield "•" * len(widget.value) if widget.password else widget.value
    elif isinstance(widget, DataTable):
        yield " | ".join(str(column.label) for column in widget.ordered_columns)
        for index in range(widget.row_count):
            yield " | ".join(str(cell) for cell in widget.get_row_at(index))
    elif isinstance(widget, OptionList):
        for index in range(widget.option_count):
            prompt = widget.get_option_at_index(index).prompt
            yield prompt.plain if isinstance(prompt, Text) else str(prompt)
    else:
        if isinstance(widget, Static) or not widget.children:
            yield text_of(widget)
        for child in widget.children:
            yield from _texts(child)
