"""Every key has English and French text, with the same placeholders."""

import re
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


NBSP = "\u00a0"


@pytest.mark.parametrize("key", sorted(catalogue()))
def test_french_typography(key):
    """A non-breaking space before : ; ! ? ending a word, and inside « » (not in URLs, times or placeholders)."""
    french = re.sub(r"\{[^{}]*\}", "X", catalogue()[key][1])
    for found in re.finditer(r"(.)([:;!?])(?=\s|$)", french):
        assert found[1] == NBSP, f"{key}: {found[0]!r} in {french!r}"
    assert "« " not in french and " »" not in french, key


def test_french_words():
    texts = [french for _english, french in catalogue().values()]
    assert not [text for text in texts if re.search(r"\be-?mail", re.sub(r"\{[^{}]*\}", "", text), re.I)]
    assert translate("reports.column.student_id", "fr") == "N° d'étudiant"


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("en", 1, "1 status imported."),
        ("en", 0, "0 statuses imported."),
        ("en", 2, "2 statuses imported."),
        ("fr", 0, "0 statut importé."),
        ("fr", 1, "1 statut importé."),
        ("fr", 2, "2 statuts importés."),
    ],
)
def test_plural_forms_follow_each_language(language, count, expected):
    assert translate("reports.import.done", language, count=count) == expected


def test_the_service_s_plural_message_is_chosen_by_its_only_number():
    assert translate("error.report_incomplete", "en", missing=1).startswith("1 student has no status")
    assert translate("error.report_incomplete", "fr", missing=3).startswith("3 étudiants n'ont pas")
