"""The translation layer: every user-visible string is a key with English and French text.

The catalogues are gettext's: ``locales/<language>/LC_MESSAGES/gckey.po`` (the source a translator edits)
compiled to ``gckey.mo`` (what is read here, lazily, once per language). Each message's context (msgctxt) is
its key and its msgid the English text, so callers name keys (``_("reports.import.done", count=n)``) while
a translator's tool shows English beside French. Text may hold ``{placeholders}``, filled from the call's
parameters.

- Plurals: a plural message (msgid_plural) is chosen by gettext's ``npgettext`` from the ``count`` parameter,
  which such a call must pass, under each catalogue's Plural-Forms rule (English: one for 1; French: one for
  0 and 1).
- French typography (a non-breaking space before ``: ; ! ?`` and inside « ») is written in the French
  catalogue itself; values filled into placeholders are left as they are.
"""

from __future__ import annotations

import gettext
import struct
from functools import cache
from pathlib import Path

LANGUAGES = ("en", "fr")
DEFAULT_LANGUAGE = "en"
DOMAIN = "gckey"
LOCALES = Path(__file__).resolve().parent / "locales"

_current_language = DEFAULT_LANGUAGE


def mo_path(language: str) -> Path:
    """The compiled catalogue of ``language``."""
    return LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.mo"


@cache
def catalogue() -> dict[str, tuple[str, str | None]]:
    """Every key → its English msgid and msgid_plural (None for a message without plural forms).

    Read from the English .mo's table of original strings (``context\x04msgid[\x00msgid_plural]``, GNU .mo
    format): the index that turns a key into the msgid gettext looks up.
    """
    data = mo_path(DEFAULT_LANGUAGE).read_bytes()
    order = "<" if data[:4] == b"\xde\x12\x04\x95" else ">"
    count, originals = struct.unpack(order + "2I", data[8:16])
    index: dict[str, tuple[str, str | None]] = {}
    for number in range(count):
        length, offset = struct.unpack(order + "2I", data[originals + 8 * number : originals + 8 * number + 8])
        context, separator, message = data[offset : offset + length].decode("utf-8").partition("\x04")
        if separator:
            msgid, _nul, plural = message.partition("\x00")
            index[context] = (msgid, plural or None)
    return index


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The gettext catalogue of ``language`` (``en`` or ``fr``).

    English is the source language: its texts are the msgids themselves (the English catalogue's msgstr
    repeat them, a test checks), so it is not read at run time.
    """
    if language == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    with mo_path(language).open("rb") as mo:
        return gettext.GNUTranslations(mo)


def normalise_language(language: str | None) -> str:
    """'fr' for any French tag (fr, fr-CA, fr_CA.UTF-8), otherwise 'en'."""
    if language and language.strip().lower()[:2] == "fr":
        return "fr"
    return DEFAULT_LANGUAGE


def translate(key: str, language: str | None = None, /, **params: object) -> str:
    """The text of ``key`` in ``language`` (default: the current language), formatted with ``params``.

    A plural message needs ``count`` among ``params``; an unknown key raises ``KeyError``.
    """
    msgid, plural = catalogue()[key]
    found = translations(normalise_language(language or _current_language))
    if plural is None:
        text = found.pgettext(key, msgid)
    else:
        count = params.get("count")
        if not isinstance(count, int):
            raise TypeError(f"{key} is a plural message: pass count=<int>")
        text = found.npgettext(key, msgid, plural, count)
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


def N_(key: str) -> str:
    """Mark ``key`` for the extractor where it is stored to be translated later (``gettext_noop``)."""
    return key


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
