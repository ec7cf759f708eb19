"""The translation layer: every user-visible string is a key with English and French text.

Catalogues live in ``gckey_tui.i18n.catalog``: one module per area, each defining
``MESSAGES = {"key": ("English", "Français"), ...}``. Text may hold ``{placeholders}``.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

LANGUAGES = ("en", "fr")
DEFAULT_LANGUAGE = "en"

_current_language = DEFAULT_LANGUAGE


@cache
def catalogue() -> dict[str, tuple[str, str]]:
    """Every key of every catalogue module, merged; a key defined twice is an error."""
    from gckey_tui.i18n import catalog

    merged: dict[str, tuple[str, str]] = {}
    for module_info in pkgutil.iter_modules(catalog.__path__):
        module = importlib.import_module(f"{catalog.__name__}.{module_info.name}")
        for key, texts in module.MESSAGES.items():
            if key in merged:
                raise ValueError(f"translation key {key!r} defined twice (in {module_info.name})")
            merged[key] = texts
    return merged


def normalise_language(language: str | None) -> str:
    """'fr' for any French tag (fr, fr-CA, fr_CA.UTF-8), otherwise 'en'."""
    if language and language.strip().lower()[:2] == "fr":
        return "fr"
    return DEFAULT_LANGUAGE


def translate(key: str, language: str | None = None, /, **params: object) -> str:
    """The text of ``key`` in ``language`` (default: the current language), formatted with ``params``."""
    texts = catalogue()[key]
    text = texts[LANGUAGES.index(normalise_language(language or _current_language))]
    return text.format(**params) if params else text


def set_language(language: str) -> None:
    """Set the language ``_`` uses (the console's language)."""
    global _current_language
    _current_language = normalise_language(language)


def current_language() -> str:
    """The language ``_`` uses."""
    return _current_language


def _(key: str, /, **params: object) -> str:
    """Shorthand for ``translate`` in the current language."""
    return translate(key, None, **params)


def accept_language(header: str | None) -> str:
    """The preferred supported language of an Accept-Language header."""
    if not header:
        return DEFAULT_LANGUAGE
    choices = []
    for part in header.split(","):
        tag, _sep, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag[:2].lower() in LANGUAGES:
            choices.append((quality, tag[:2].lower()))
    return max(choices)[1] if choices else DEFAULT_LANGUAGE
