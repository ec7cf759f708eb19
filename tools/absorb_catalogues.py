"""Move legacy catalogue modules into the gettext catalogues, then compile them.

Before gettext, translations lived in Python modules ``src/gckey_tui/i18n/catalog/<area>.py`` defining
``MESSAGES = {"key": ("English", "Français")}``, where a text ``"singular|plural"`` was a counted message.
Run after merging a branch that still adds such a module::

    python3 tools/absorb_catalogues.py           # absorb every module left, recompile, delete the modules
    python3 tools/absorb_catalogues.py --check   # say what would be absorbed, change nothing

Each entry becomes, in ``locales/{en,fr}/LC_MESSAGES/gckey.po``, a message whose context (msgctxt) is the
key and whose msgid is the English text; the French text gets its typography (a non-breaking space before
``: ; ! ?`` and inside « »); a ``"singular|plural"`` text becomes a plural entry (msgid_plural, one msgstr per
form), which callers must call with ``count=``. A key already in the catalogues with the same texts is
taken as absorbed (so the tool can be run again after an interruption); with other texts it is refused, and
nothing is written. Both ``.mo`` files are recompiled every run.
"""

from __future__ import annotations

import argparse
import re
import runpy
import shutil
import sys
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "gckey_tui" / "i18n"
LANGUAGES = ("en", "fr")
DOMAIN = "gckey"
#: the explicit maps of keys that arrive as data (a new event kind must be added to its map too)
LABELS = PACKAGE / "labels.py"
#: the .po files are written unwrapped: one line per text, so that a diff shows a changed message whole
WIDTH = 0
#: what may stay in the legacy directory once its modules are gone
LEFT_BEHIND = {"__init__.py", "__pycache__"}

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


def po_path(locales: Path, language: str) -> Path:
    """Where the catalogue of ``language`` lives."""
    return locales / language / "LC_MESSAGES" / f"{DOMAIN}.po"


#: the header of a new catalogue: its plural rule is written out (CLDR's newer French rule has a third form for
#: millions, which gettext tools and translators do not expect)
HEADER = """\
# {team} messages of gckey-tui.
# This file is distributed under the same license as the gckey-tui project.
#
msgid ""
msgstr ""
"Project-Id-Version: gckey-tui\\n"
"Language: {language}\\n"
"Language-Team: {team}\\n"
"Plural-Forms: {plural_forms}\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=utf-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"""
PLURAL_FORMS = {"en": "nplurals=2; plural=(n != 1);", "fr": "nplurals=2; plural=(n > 1);"}


def new_catalogue(language: str) -> Catalog:
    """An empty catalogue with the project's header."""
    team = {"en": "English", "fr": "French"}[language]
    header = HEADER.format(team=team, language=language, plural_forms=PLURAL_FORMS[language])
    catalogue = read_po(BytesIO(header.encode()), locale=language, domain=DOMAIN)
    catalogue.project, catalogue.version = "gckey-tui", "0.1.0"
    catalogue.msgid_bugs_address = catalogue.last_translator = "gckey-tui maintainers"
    catalogue.creation_date = catalogue.revision_date = datetime(2026, 12, 1, tzinfo=UTC)
    return catalogue


def load(locales: Path, language: str) -> Catalog:
    """The catalogue of ``language``, or a new one."""
    path = po_path(locales, language)
    if not path.exists():
        return new_catalogue(language)
    with path.open("rb") as po:
        return read_po(po, locale=language, domain=DOMAIN)


def save(catalogue: Catalog, locales: Path, language: str) -> None:
    """Write the .po (unwrapped, no line numbers) and its compiled .mo beside it."""
    path = po_path(locales, language)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as po:
        write_po(po, catalogue, width=WIDTH, omit_header=False, include_lineno=False)
    path.with_suffix(".mo").write_bytes(compiled(path))


def compiled(po_file: Path) -> bytes:
    """The .mo bytes of a .po file (what ``pybabel compile`` writes)."""
    with po_file.open("rb") as po:
        catalogue = read_po(po, domain=DOMAIN)
    out = BytesIO()
    write_mo(out, catalogue, use_fuzzy=False)
    return out.getvalue()


def legacy_messages(module: Path) -> dict[str, tuple[str, str]]:
    """The ``MESSAGES`` dictionary of a legacy module (run on its own: some build texts from constants)."""
    messages = runpy.run_path(str(module)).get("MESSAGES")
    if not isinstance(messages, dict):
        raise SystemExit(f"{module}: no MESSAGES dictionary")
    for key, texts in messages.items():
        if not (isinstance(texts, tuple) and len(texts) == 2 and all(isinstance(text, str) for text in texts)):
            raise SystemExit(f"{module}: {key!r} is not an (English, French) pair")
    return messages


def entries(key: str, english: str, french: str) -> dict[str, Message]:
    """The en and fr messages of one legacy entry ("a|b" on either side makes a plural message)."""
    french = french_typography(french)
    if "|" in english or "|" in french:
        en_forms = tuple(english.split("|", 1)) if "|" in english else (english, english)
        fr_forms = tuple(french.split("|", 1)) if "|" in french else (french, french)
        return {
            "en": Message(en_forms, en_forms, context=key),
            "fr": Message(en_forms, fr_forms, context=key),
        }
    return {"en": Message(english, english, context=key), "fr": Message(english, french, context=key)}


def same(existing: Message, new: Message) -> bool:
    """Whether two messages carry the same texts."""

    def texts(message: Message) -> tuple[object, object]:
        string = tuple(message.string) if isinstance(message.string, (list, tuple)) else message.string
        return message.id if isinstance(message.id, str) else tuple(message.id), string

    return texts(existing) == texts(new)


def absorb(catalog_dir: Path, locales: Path, check: bool = False) -> list[str]:
    """Absorb every legacy module of ``catalog_dir`` into the catalogues under ``locales``; the keys added."""
    modules = sorted(path for path in catalog_dir.glob("*.py") if path.name != "__init__.py")
    catalogues = {language: load(locales, language) for language in LANGUAGES}
    by_key = {language: {message.context: message for message in catalogues[language]} for language in LANGUAGES}
    mapped = LABELS.read_text(encoding="utf-8") if LABELS.exists() else ""
    added: list[str] = []
    problems: list[str] = []
    seen: dict[str, Path] = {}
    for module in modules:
        for key, (english, french) in legacy_messages(module).items():
            if key in seen:
                problems.append(f"{key!r} is defined in both {seen[key].name} and {module.name}")
                continue
            seen[key] = module
            new = entries(key, english, french)
            existing = {language: by_key[language].get(key) for language in LANGUAGES}
            if any(existing.values()):
                if all(existing[lang] is not None and same(existing[lang], new[lang]) for lang in LANGUAGES):
                    continue  # absorbed by an earlier run
                problems.append(f"{key!r} from {module.name} is already in the catalogues with other texts")
                continue
            for language in LANGUAGES:
                catalogues[language][new[language].id] = new[language]
            added.append(key)
            if re.search(r"\be-?mail", re.sub(r"\{[^{}]*\}", "", french), re.I):
                print(f"warning: {key}: French says e-mail, write « courriel »", file=sys.stderr)
            if "|" in english + french and "{count}" not in english + french:
                print(f"warning: {key}: a plural message without {{count}}: callers must pass count=", file=sys.stderr)
            if f'N_("{key.rsplit(".", 1)[0]}.' in mapped:
                print(f"warning: {key}: its family has a map in {LABELS.name}: add it there", file=sys.stderr)
    if problems:
        raise SystemExit("refused, nothing written:\n  " + "\n  ".join(problems))
    if check:
        return added
    for language in LANGUAGES:
        save(catalogues[language], locales, language)
    for module in modules:
        module.unlink()
    if catalog_dir.is_dir() and not [path for path in catalog_dir.iterdir() if path.name not in LEFT_BEHIND]:
        shutil.rmtree(catalog_dir)  # the legacy package, now empty
    return added


def main(argv: list[str] | None = None) -> int:
    """Command line: absorb the modules under the package's ``catalog/`` (or the directories given)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--catalog-dir", type=Path, default=PACKAGE / "catalog")
    parser.add_argument("--locales", type=Path, default=PACKAGE / "locales")
    parser.add_argument("--check", action="store_true", help="say what would be absorbed; change nothing")
    args = parser.parse_args(argv)
    added = absorb(args.catalog_dir, args.locales, check=args.check)
    verb = "would absorb" if args.check else "absorbed"
    print(f"{verb} {len(added)} keys" + (": " + ", ".join(added) if 0 < len(added) <= 20 else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
