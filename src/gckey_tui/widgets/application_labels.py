"""An application's category and status as the applications table, the detail screen and the home card name
them, in the current language."""

from __future__ import annotations

from gckey_tui.i18n.labels import APPLICATION_CATEGORIES, APPLICATION_STATUSES, APPLICATION_STATUSES_SHORT, label


def category_text(category: str) -> str:
    """The category's name in the current language."""
    return label(APPLICATION_CATEGORIES, category)


def status_text(status: str, *, short: bool = False) -> str:
    """The status's name in the current language (``short``: the narrow table's shorter form)."""
    return label(APPLICATION_STATUSES_SHORT if short else APPLICATION_STATUSES, status)
