"""Where the console can go: every screen module declares its destinations, found by discovery.

A module under ``gckey_tui.screens`` may define:

- ``DESTINATIONS: list[Destination]``: entries of the welcome menu (``signed_out``/``any``), the home menu
  (``signed_in``/``any``) and the command palette (all that fit the session state);
- ``HOME_CARDS: list[HomeCard]``: async callables ``card(client) -> Widget | None`` that build a summary card
  for the home dashboard (``None``: nothing to show). A card that raises is left out.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.widget import Widget

    from gckey_tui.api import ServiceClient

Audience = Literal["signed_out", "signed_in", "any"]
HomeCard = Callable[["ServiceClient"], Awaitable["Widget | None"]]


@dataclass(frozen=True)
class Destination:
    """One place the console can open."""

    id: str  #: e.g. "applications"; also the binding id and command-palette id
    title_key: str  #: i18n key of the label
    help_key: str  #: i18n key of a one-line description (command palette)
    screen: Callable[[], Screen[Any]]  #: factory; may import its screen module lazily
    audience: Audience
    key: str | None = None  #: optional key on welcome (signed_out) or home (signed_in)
    order: int = 100

    def fits(self, signed_in: bool) -> bool:
        """Whether this destination makes sense in the current session state."""
        return self.audience == "any" or self.audience == ("signed_in" if signed_in else "signed_out")


@cache
def _screen_modules() -> tuple[ModuleType, ...]:
    from gckey_tui import screens

    return tuple(
        importlib.import_module(f"{screens.__name__}.{info.name}")
        for info in sorted(pkgutil.iter_modules(screens.__path__), key=lambda info: info.name)
    )


def destinations(signed_in: bool | None = None) -> list[Destination]:
    """Every declared destination, by order then id; only those fitting ``signed_in`` when given."""
    found = [dest for module in _screen_modules() for dest in getattr(module, "DESTINATIONS", ())]
    ids = [dest.id for dest in found]
    duplicates = {dest_id for dest_id in ids if ids.count(dest_id) > 1}
    if duplicates:
        raise ValueError(f"destination id(s) declared twice: {', '.join(sorted(duplicates))}")
    if signed_in is not None:
        found = [dest for dest in found if dest.fits(signed_in)]
    return sorted(found, key=lambda dest: (dest.order, dest.id))


def destination(destination_id: str) -> Destination:
    """The destination with this id."""
    for dest in destinations():
        if dest.id == destination_id:
            return dest
    raise KeyError(destination_id)


def home_cards() -> list[HomeCard]:
    """Every home card builder, in module order."""
    return [card for module in _screen_modules() for card in getattr(module, "HOME_CARDS", ())]
