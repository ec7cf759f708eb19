"""The gettext catalogues: both languages hold every key the code uses, with the same placeholders; plurals
follow each language's rule; the French catalogue has French typography; every .po compiles and its shipped
.mo is up to date; no English text is left on a French screen; the tool that absorbs legacy modules works."""

import ast
import gettext
import html
import importlib.util
import os
import re
import shutil
import string
import subprocess
from functools import cache
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from gckey_tui.i18n import accept_language, catalogue, labels, translate
from gckey_tui.service import errors

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "gckey_tui"
LOCALES = SOURCE / "i18n" / "locales"
LANGUAGES = ("en", "fr")
NBSP = "\u00a0"


def po_file(language: str) -> Path:
    return LOCALES / language / "LC_MESSAGES" / "gckey.po"


@cache
def messages(language: str) -> dict:
    """key (msgctxt) → Babel message, from the .po a translator edits."""
    with po_file(language).open("rb") as po:
        return {message.context: message for message in read_po(po) if message.id}


def forms(value) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, (tuple, list)) else (value,)


def placeholders(text: str) -> set[str]:
    return {name for _literal, name, _spec, _conv in string.Formatter().parse(text) if name}


def plural(key: str) -> bool:
    return catalogue()[key][1] is not None


# --- the catalogues themselves -------------------------------------------------------------------------------


def test_both_catalogues_hold_the_same_keys_and_the_same_english():
    english, french = messages("en"), messages("fr")
    assert english.keys() == french.keys()
    assert english.keys() == catalogue().keys()  # the compiled index the runtime reads
    for key, message in english.items():
        assert french[key].id == message.id, f"{key}: fr.po's msgid is not the English text"
        assert forms(message.string) == forms(message.id), f"{key}: en.po's msgstr must repeat the msgid"
        assert all(text.strip() for text in forms(french[key].string)), f"{key} lacks French text"


@pytest.mark.parametrize("key", sorted(catalogue()))
def test_every_form_has_the_english_placeholders(key):
    expected = set().union(*(placeholders(text) for text in forms(messages("en")[key].id)))
    for text in forms(messages("en")[key].id) + forms(messages("fr")[key].string):
        assert placeholders(text) == expected, f"{key}: {text!r}"


def test_plural_rules_are_written_in_the_headers():
    for language, rule in (("en", "nplurals=2; plural=(n != 1);"), ("fr", "nplurals=2; plural=(n > 1);")):
        assert f'"Plural-Forms: {rule}\\n"' in po_file(language).read_text(encoding="utf-8")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_po_compiles_and_its_mo_is_up_to_date(language):
    with po_file(language).open("rb") as po:
        parsed = read_po(po)
    problems = [(message.context, error) for message, found in parsed.check() for error in found]
    assert not problems  # Babel's checks: placeholders of each form, number of plural forms
    compiled = BytesIO()
    write_mo(compiled, parsed, use_fuzzy=False)
    shipped = po_file(language).with_suffix(".mo")
    assert shipped.read_bytes() == compiled.getvalue(), f"{shipped} is stale: run python3 tools/absorb_catalogues.py"
    if shutil.which("msgfmt"):  # GNU gettext's own check (format strings, headers), where it is installed
        checked = subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(po_file(language))], capture_output=True, text=True
        )
        assert checked.returncode == 0, checked.stderr


# --- the code against the catalogues -------------------------------------------------------------------------


@cache
def extracted() -> dict[str, list[str]]:
    """Every key the extractor finds with the project's babel.cfg → where."""
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    found: dict[str, list[str]] = {}
    for filename, line, key, _comments, _context in extract_from_dir(str(ROOT), method_map, options_map):
        found.setdefault(key, []).append(f"{filename}:{line}")
    return found


@cache
def source_trees() -> list[tuple[Path, ast.AST]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in sorted(SOURCE.rglob("*.py"))]


def calls(*names: str):
    """Every call of one of ``names`` (as a name or an attribute) in the product's source: (path, node)."""
    for path, tree in source_trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in names:
                    yield path, node


def test_the_extractor_finds_the_keys():
    assert {"console.register.strength", "account_centre.event.sign_in", "error.busy", "mail.verify_email.body"} <= set(
        extracted()
    )


def test_every_extracted_key_is_in_both_catalogues():
    missing = {key: places for key, places in extracted().items() if key not in messages("fr")}
    assert not missing


def test_no_key_is_computed():
    computed = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path, node in calls("_", "translate", "N_")
        if node.args and isinstance(node.args[0], (ast.JoinedStr, ast.BinOp))
    ]
    assert not computed, "name keys literally (an explicit map in gckey_tui.i18n.labels) so the extractor finds them"


#: where dotted names are not keys: SQL foreign keys ("applications.id") and migrations
NOT_KEYS = SOURCE / "service" / "tables", SOURCE / "service" / "migrations"


def test_every_key_written_as_data_exists():
    """Keys stored as plain strings (field messages, binding descriptions, titles) exist too."""
    namespaces = "|".join(sorted({key.split(".")[0] for key in catalogue()}))
    pattern = re.compile(rf"(?:{namespaces})\.[a-z0-9_]+(?:\.[a-z0-9_-]+)*")
    unknown = [
        f"{path.relative_to(ROOT)}:{node.lineno}: {node.value}"
        for path, tree in source_trees()
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and pattern.fullmatch(node.value)
        if node.value not in catalogue() and not any(path.is_relative_to(skip) for skip in NOT_KEYS)
    ]
    assert not unknown


def test_calls_pass_count_to_plural_messages_and_fill_every_placeholder():
    problems = []
    for path, node in calls("_", "translate"):
        if not (node.args and isinstance(node.args[0], ast.Constant) and node.args[0].value in catalogue()):
            continue
        key = node.args[0].value
        given = {keyword.arg for keyword in node.keywords}
        if None in given:  # **params: checked where the params are made
            continue
        where = f"{path.relative_to(ROOT)}:{node.lineno} {key}"
        if plural(key) and "count" not in given:
            problems.append(f"{where}: a plural message needs count=")
        needed = placeholders(catalogue()[key][0])
        if given and not needed <= given:
            problems.append(f"{where}: {sorted(needed - given)} not given")
    for path, node in calls("DomainError"):
        if node.args and isinstance(node.args[0], ast.Constant) and node.args[0].value in errors.MESSAGES:
            if plural(errors.MESSAGES[node.args[0].value]) and "count" not in {k.arg for k in node.keywords}:
                problems.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.args[0].value} needs count=")
    assert not problems


#: codes the framework handlers answer with, beside the domain's
FRAMEWORK_CODES = {"invalid_request", "unsupported_value", "internal_error", *errors.HTTP_ERROR_CODES.values()}


def test_every_error_code_the_service_can_answer_with_has_a_message():
    """Every code in errors.STATUS, the framework handlers' codes and every code written in a call."""
    written = set()
    for path, node in calls("DomainError", "_oauth_error", "error_response"):
        position = 2 if getattr(node.func, "id", None) == "error_response" else 0
        argument = node.args[position] if len(node.args) > position else None
        if isinstance(argument, ast.Constant) and path.name != "dev_partner.py":  # the stand-in partner's own
            written.add(argument.value)
    assert written - FRAMEWORK_CODES - {"unsupported_grant_type"} <= set(errors.STATUS)
    for code in sorted(set(errors.STATUS) | FRAMEWORK_CODES | written):
        key = errors.MESSAGES[code]
        params = {name: 1 for name in placeholders(catalogue()[key][0]) | ({"count"} if plural(key) else set())}
        english, french = translate(key, "en", **params), translate(key, "fr", **params)
        assert english.strip() and french.strip() and english != french, code


def test_each_map_covers_its_family_of_keys():
    """A key added to a family (a new event kind, a new column) must be added to its map in labels.py."""
    for name in dir(labels):
        mapping = getattr(labels, name)
        if not (name.isupper() and isinstance(mapping, dict)):
            continue
        keys = {key for value in mapping.values() for key in forms(value)}
        assert keys <= catalogue().keys(), name
        if name in ("HELP_PARTS", "DESK_LINES", "MAIL"):
            continue  # a few keys of a wider family, or families of pairs
        family = os.path.commonprefix(sorted(keys))
        siblings = {key for key in catalogue() if key.startswith(family) and "." not in key[len(family) :]}
        if name == "ERRORS":
            siblings = {key for key in siblings if key.removeprefix(family) in errors.STATUS}
        assert siblings <= keys, f"{name} lacks {sorted(siblings - keys)}"


# --- French ----------------------------------------------------------------------------------------------------


def french_texts() -> list[tuple[str, str]]:
    return [(key, text) for key, message in messages("fr").items() for text in forms(message.string)]


def test_french_typography():
    """A non-breaking space before : ; ! ? ending a word, and inside « » (not in URLs, times or placeholders)."""
    problems = []
    for key, text in french_texts():
        masked = re.sub(r"\{[^{}]*\}", "X", text)
        problems += [
            f"{key}: {found[0]!r}" for found in re.finditer(r"(.)([:;!?])(?=\s|$)", masked) if found[1] != NBSP
        ]
        if "« " in masked or " »" in masked or '"' in masked:
            problems.append(f"{key}: quotes must be « » with non-breaking spaces")
    assert not problems


def test_french_words():
    assert not [key for key, text in french_texts() if re.search(r"\be-?mail", re.sub(r"\{[^{}]*\}", "", text), re.I)]
    assert translate("reports.column.student_id", "fr") == "N° d'étudiant"


def test_accept_language_prefers_supported_language():
    assert accept_language("fr-CA,fr;q=0.9,en;q=0.8") == "fr"
    assert accept_language("de-DE, en;q=0.5") == "en"
    assert accept_language(None) == "en"
    assert translate("error.not_found", "fr") == "Introuvable."


# --- plurals ---------------------------------------------------------------------------------------------------

PLURALS = [
    ("reports.import.done", {}, "en", ["0 statuses imported.", "1 status imported.", "2 statuses imported."]),
    ("reports.import.done", {}, "fr", ["0 statut importé.", "1 statut importé.", "2 statuts importés."]),
    (
        "error.report_incomplete",
        {},
        "en",
        ["0 students have no status yet.", "1 student has no status yet.", "2 students have no status yet."],
    ),
    (
        "error.report_incomplete",
        {},
        "fr",
        ["0 étudiant n'a pas encore de statut.", "1 étudiant n'a pas encore de statut.", "2 étudiants n'ont pas"],
    ),
    (
        "applications.card.count",
        {},
        "fr",
        ["Demandes\u00a0: 0 liée.", "Demandes\u00a0: 1 liée.", "Demandes\u00a0: 2 liées."],
    ),
    (
        "account_centre.activity.all_shown",
        {},
        "en",
        ["All 0 events", "All shown: 1 event of the last 2 years.", "All 2 events of the last 2 years are shown."],
    ),
    (
        "account_centre.activity.all_shown",
        {},
        "fr",
        ["Tout est affiché\u00a0: 0 événement", "Tout est affiché\u00a0: 1 événement", "Les 2 événements"],
    ),
    ("reports.institutions.count", {}, "fr", ["0 établissement.", "1 établissement.", "2 établissements."]),
    ("admin.roster.refused", {}, "en", ["0 errors: nothing imported", "1 error: nothing", "2 errors: nothing"]),
    ("reports.view.progress", {"cycle": "2026-11", "total": 3}, "fr", ["0 sur 3 a un", "1 sur 3 a un", "2 sur 3 ont"]),
]


@pytest.mark.parametrize(("key", "params", "language", "expected"), PLURALS)
def test_plural_messages_for_0_1_and_2(key, params, language, expected):
    for count, start in zip((0, 1, 2), expected, strict=True):
        assert start in translate(key, language, count=count, path="x", **params)


def test_the_runtime_uses_gettext_plural_rules():
    """The forms come from the compiled catalogue's Plural-Forms, through Python's gettext."""
    with po_file("fr").with_suffix(".mo").open("rb") as mo:
        french = gettext.GNUTranslations(mo)
    msgid, msgid_plural = catalogue()["reports.import.done"]
    assert [french.npgettext("reports.import.done", msgid, msgid_plural, n).format(count=n) for n in (0, 1, 2)] == [
        translate("reports.import.done", "fr", count=n) for n in (0, 1, 2)
    ]


def test_a_plural_message_without_count_is_refused():
    with pytest.raises(TypeError, match="count"):
        translate("reports.import.done", "en")


# --- French screens --------------------------------------------------------------------------------------------


def screen_text(svg: Path) -> str:
    """The text of a snapshot SVG, row by row (Textual writes each run of text as a <text> element)."""
    rows: dict[str, list[str]] = {}
    for y, text in re.findall(r'<text[^>]* y="([\d.]+)"[^>]*>([^<]*)</text>', svg.read_text(encoding="utf-8")):
        rows.setdefault(y, []).append(text)
    return "\n".join(html.unescape("".join(parts)).replace(NBSP, " ") for parts in rows.values())


def english_only_phrases() -> set[str]:
    """Pieces of English catalogue text (between placeholders) of two words or more that no French text holds."""
    french = " ".join(text for _key, text in french_texts()).replace(NBSP, " ")
    phrases = set()
    for message in messages("en").values():
        for text in forms(message.id):
            for piece in re.split(r"\{[^{}]*\}|\n|\[/?[a-z ]*\]", text):
                piece = piece.strip(" .,:;()·—-")
                if len(piece.split()) >= 2 and len(piece) >= 8 and piece not in french:
                    phrases.add(piece)
    return phrases


FRENCH_SNAPSHOTS = sorted((ROOT / "tests" / "tui" / "__snapshots__").glob("*/*fr*.svg"))


def test_the_english_check_sees_english_on_english_screens():
    """The check below would see English: every English snapshot shows some English-only phrase."""
    english = [svg.with_name(svg.name.replace("fr", "en")) for svg in FRENCH_SNAPSHOTS]
    assert len(english) >= 10
    for svg in english:
        shown = re.sub(r"\s+", " ", screen_text(svg))
        assert [phrase for phrase in english_only_phrases() if phrase in shown], svg.name


@pytest.mark.parametrize("svg", FRENCH_SNAPSHOTS, ids=lambda path: path.name)
def test_no_english_text_on_a_french_screen(svg):
    shown = re.sub(r"\s+", " ", screen_text(svg))
    assert [phrase for phrase in english_only_phrases() if phrase in shown] == []


# --- the tool that absorbs legacy catalogue modules ------------------------------------------------------------


def absorb_tool():
    spec = importlib.util.spec_from_file_location("absorb_catalogues", ROOT / "tools" / "absorb_catalogues.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SAMPLE = '''"""A legacy catalogue module, as a branch written before gettext adds one."""

MESSAGES = {
    "sample.title": ("Passkeys", "Clés d'accès"),
    "sample.ask": ("Remove this passkey?", "Supprimer cette clé d'accès ?"),
    "sample.count": ("{count} passkey|{count} passkeys", "{count} clé d'accès|{count} clés d'accès"),
    "sample.quote": ("Press Continue.", "Appuyez sur « Continuer »."),
}
'''


def test_the_absorb_tool_moves_a_legacy_module_into_the_catalogues(tmp_path):
    tool = absorb_tool()
    locales = tmp_path / "locales"
    shutil.copytree(LOCALES, locales)
    legacy = tmp_path / "catalog"
    legacy.mkdir()
    (legacy / "__init__.py").write_text("")
    (legacy / "passkeys.py").write_text(SAMPLE, encoding="utf-8")

    assert tool.absorb(legacy, locales) == ["sample.title", "sample.ask", "sample.count", "sample.quote"]
    assert not legacy.exists()  # the module, and the package left empty, are gone
    with (locales / "fr" / "LC_MESSAGES" / "gckey.mo").open("rb") as mo:
        french = gettext.GNUTranslations(mo)
    assert french.pgettext("sample.ask", "Remove this passkey?") == f"Supprimer cette clé d'accès{NBSP}?"
    assert french.pgettext("sample.quote", "Press Continue.") == f"Appuyez sur «{NBSP}Continuer{NBSP}»."
    assert [french.npgettext("sample.count", "{count} passkey", "{count} passkeys", n) for n in (1, 2)] == [
        "{count} clé d'accès",
        "{count} clés d'accès",
    ]
    english_po = (locales / "en" / "LC_MESSAGES" / "gckey.po").read_text(encoding="utf-8")
    assert 'msgctxt "sample.count"\nmsgid "{count} passkey"\nmsgid_plural "{count} passkeys"' in english_po

    # idempotent: run again (nothing left, or the same module again after an interruption) and nothing changes
    before = {path: path.read_bytes() for path in locales.rglob("gckey.*")}
    assert tool.absorb(legacy, locales) == []
    legacy.mkdir()
    (legacy / "passkeys.py").write_text(SAMPLE, encoding="utf-8")
    assert tool.absorb(legacy, locales) == []
    assert {path: path.read_bytes() for path in locales.rglob("gckey.*")} == before


def test_the_absorb_tool_refuses_duplicate_keys(tmp_path):
    tool = absorb_tool()
    locales = tmp_path / "locales"
    shutil.copytree(LOCALES, locales)
    before = {path: path.read_bytes() for path in locales.rglob("gckey.*")}
    legacy = tmp_path / "catalog"
    legacy.mkdir()
    (legacy / "a.py").write_text('MESSAGES = {"error.not_found": ("Gone.", "Disparu.")}\n')
    with pytest.raises(SystemExit, match="error.not_found"):
        tool.absorb(legacy, locales)
    (legacy / "a.py").write_text('MESSAGES = {"new.key": ("One", "Un")}\n')
    (legacy / "b.py").write_text('MESSAGES = {"new.key": ("Two", "Deux")}\n')
    with pytest.raises(SystemExit, match="new.key"):
        tool.absorb(legacy, locales)
    assert {path: path.read_bytes() for path in locales.rglob("gckey.*")} == before
    assert (legacy / "a.py").exists() and (legacy / "b.py").exists()
