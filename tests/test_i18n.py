"""Every key has English and French text, with the same placeholders."""

import string

import pytest

from gckey_tui.i18n import accept_language, catalogue, translate


def placeholders(text: str) -> set[str]:
    return {name for _literal, name, _spec, _conv in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(catalogue()))
def test_every_key_is_bilingual(key):
    texts = catalogue()[key]
    assert len(texts) == 2, key
    english, french = texts
    assert english.strip() and french.strip(), f"{key} lacks English or French text"
    assert placeholders(english) == placeholders(french), key


def test_accept_language_prefers_supported_language():
    assert accept_language("fr-CA,fr;q=0.9,en;q=0.8") == "fr"
    assert accept_language("de-DE, en;q=0.5") == "en"
    assert accept_language(None) == "en"
    assert translate("error.not_found", "fr") == "Introuvable."
