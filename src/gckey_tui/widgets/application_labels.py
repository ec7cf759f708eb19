"""An application's category and status as the applications table, the detail screen and the home card name
them, in the current language."""

from __future__ import annotations

from gckey_tui.i18n import _


def category_text(category: str) -> str:
    """The category's name in the current language."""
    return _(f"application.category.{category}")


def status_text(status: str, *, short: bool = False) -> str:
    """The status's name in the current language (``short``: the narrow table's shorter form)."""
    return _(f"application.status_short.{status}" if short else f"application.status.{status}")
