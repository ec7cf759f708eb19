"""The translation layer: every user-visible string is a key with English and French text.

Catalogues live in ``gckey_tui.i18n.catalog``: one module per area, each defining
``MESSAGES = {"key": ("English", "Français"), ...}``. Text may hold ``{placeholders}``.

- Plurals: a text ``"singular|plural"`` is chosen by the quantity, the ``count`` parameter (or the only
  integer parameter): English uses the singular for 1, French for 0 and 1.
- French typography is applied here, once, to the French catalogue: a non-breaking space before ``:`` ``;``
  ``!`` ``?`` and inside « guillemets » (the catalogues are written with plain spaces). Values filled into
  placeholders are left as they are.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
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
            english, french = texts
            merged[key] = (english, french_typography(french))
    return merged


NBSP = "\u00a0"
#: a high punctuation mark ending a word or a sentence (not a URL's "://", a time's "12:30", a format spec)
_HIGH_PUNCTUATION = re.compile(r"(?<=[^\s\u00a0])[ \u00a0]?([:;!?])(?=\s|$|[»)\]])")


def french_typography(text: str) -> str:
    """French spacing: a non-breaking space before ``: ; ! ?`` and inside « » (placeholders untouched)."""
    placeholders = re.findall(r"\{[^{}]*\}", text)  # kept as written: their format specs hold colons
    masked = re.sub(r"\{[^{}]*\}", "\x00", text)
    spaced = _HIGH_PUNCTUATION.sub(NBSP + r"\1", masked).replace("« ", "«" + NBSP).replace(" »", NBSP + "»")
    pieces = spaced.split("\x00")
    return "".join(piece + (placeholders[n] if n < len(placeholders) else "") for n, piece in enumerate(pieces))


def normalise_language(language: str | None) -> str:
    """'fr' for any French tag (fr, fr-CA, fr_CA.UTF-8), otherwise 'en'."""
    if language and language.strip().lower()[:2] == "fr":
        return "fr"
    return DEFAULT_LANGUAGE


def translate(key: str, language: str | None = None, /, **params: object) -> str:
    """The text of ``key`` in ``language`` (default: the current language), formatted with ``params``."""
    texts = catalogue()[key]
    language = normalise_language(language or _current_language)
    text = texts[LANGUAGES.index(language)]
    if "|" in text:
        text = plural_form(text, language, params)
    return text.format(**params) if params else text


def plural_form(text: str, language: str, params: dict[str, object]) -> str:
    """The singular or the plural of ``"singular|plural"`` for the quantity in ``params``."""
    singular, plural = text.split("|", 1)
    numbers = [value for value in params.values() if isinstance(value, int) and not isinstance(value, bool)]
    quantity = params.get("count", numbers[0] if len(numbers) == 1 else None)
    if not isinstance(quantity, int):
        return plural
    one = quantity in (0, 1) if language == "fr" else quantity == 1
    return singular if one else plural


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
