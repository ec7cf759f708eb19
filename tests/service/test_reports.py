"""DLI compliance reports over the API: statuses through a cycle, CSV import, submission, isolation, tokens."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from gckey_tui.admin.reports import demo_roster
from gckey_tui.api import models_reports as r
from gckey_tui.api.client_reports import CsvImportError
from gckey_tui.api.errors import ApiError
from gckey_tui.service.reports import cycle
from gckey_tui.service.reports_admin import AdminError, corrections, create_institution, grant_staff, import_roster
from gckey_tui.service.reports_cycles import open_cycle
from gckey_tui.service.tables.reports import api_tokens
from gckey_tui.testing import totp_code

DLI_A = "O19395677452"
DLI_B = "O10000000002"
NOVEMBER = "2026-11"


def institution(context, dli=DLI_A, *, username=None, role="principal", students=5, province="ON", email=None):
    """An institution with a roster of ``students`` for November 2026 and, optionally, a staff member."""
    create_institution(
        context, dli, f"College {dli}", province, email or f"principal-{dli}@example.com", context.clock.now()
    )
    if students:
        assert import_roster(context, dli, cycle(NOVEMBER), demo_roster(students, seed=1)) == students
    if username:
        grant_staff(context, dli, username, role)


def all_full_time(students: int) -> str:
    return "student_id,status\n" + "".join(f"S{n:06d},full_time_studies\n" for n in range(1, students + 1))


async def signed_in_again(account, clock):
    """Sign in anew after the clock jumped past the session's idle timeout."""
    await account.client.sign_in(account.username, account.password)
    await account.client.submit_second_factor(totp_code(account.secret, clock))
    clock.advance(seconds=30)  # the step is spent; a later sign-in needs the next one
    return account.client


async def status_of(client, dli=DLI_A, name=NOVEMBER) -> str:
    return next(item.status for item in (await client.reports(dli)).reports if item.cycle == name)


async def test_report_status_moves_through_the_cycle(context, clock, make_account, outbox):
    clock.set(datetime(2026, 10, 20, tzinfo=UTC))
    alice = await make_account("alice2026")
    institution(context, username="alice2026")
    client = alice.client
    assert await status_of(client) == "scheduled"
    with pytest.raises(ApiError) as refused:
        await client.set_student_status(DLI_A, NOVEMBER, "S000001", r.RowUpdate(status="no_show"))
    assert (refused.value.status, refused.value.code) == (409, "report_not_open")

    clock.set(datetime(2026, 11, 2, 12, tzinfo=UTC))
    client = await signed_in_again(alice, clock)
    assert await status_of(client) == "not_started"
    row = await client.set_student_status(DLI_A, NOVEMBER, "S000001", r.RowUpdate(status="no_show"))
    assert row.status == "no_show"
    assert await status_of(client) == "in_progress"
    assert (await client.import_statuses(DLI_A, NOVEMBER, all_full_time(5))).updated == 5
    summary = await client.submit_report(DLI_A, NOVEMBER)
    assert summary.status == "submitted" and summary.counts_by_status == {"full_time_studies": 5}
    with pytest.raises(ApiError) as refused:
        await client.set_student_status(DLI_A, NOVEMBER, "S000001", r.RowUpdate(status="no_show"))
    assert refused.value.code == "report_submitted"

    # IRCC asks for corrections: writable again for 10 days, then overdue; answered late
    clock.advance(days=5)
    corrections(context, DLI_A, cycle(NOVEMBER), "check S000002", clock.now())
    told = outbox.last(f"principal-{DLI_A}@example.com")
    assert "Corrections requested" in told["Subject"] and "check S000002" in told.get_content()
    client = await signed_in_again(alice, clock)
    assert await status_of(client) == "corrections_requested"
    await client.set_student_status(DLI_A, NOVEMBER, "S000002", r.RowUpdate(status="authorized_leave"))
    clock.advance(days=10, minutes=1)
    client = await signed_in_again(alice, clock)
    assert await status_of(client) == "overdue"
    assert (await client.submit_report(DLI_A, NOVEMBER)).status == "submitted_late"


async def test_past_due_is_overdue_and_a_late_submission_is_submitted_late(context, clock, make_account):
    alice = await make_account("alice2026")
    institution(context, username="alice2026", students=3)
    await alice.client.import_statuses(DLI_A, NOVEMBER, all_full_time(3))
    clock.set(cycle(NOVEMBER).due_at - timedelta(minutes=1))
    client = await signed_in_again(alice, clock)
    assert await status_of(client) == "in_progress"
    clock.advance(minutes=2)
    assert await status_of(client) == "overdue"
    assert (await client.submit_report(DLI_A, NOVEMBER)).status == "submitted_late"


async def test_one_bad_line_applies_nothing_and_every_error_has_its_line(context, make_account):
    alice = await make_account("alice2026")
    institution(context, username="alice2026")
    text = (
        "student_id,status,effective_date\n"
        "S000001,full_time_studies,2026-11-01\n"
        "S000002,full_time_studies,\n"
        "S000003,on_vacation,\n"
        "S999999,no_show,01/11/2026\n"
    )
    with pytest.raises(CsvImportError) as refused:
        await alice.client.import_statuses(DLI_A, NOVEMBER, text)
    found = {(e.line, e.field) for e in refused.value.errors}
    assert found == {(4, "status"), (5, "student_id"), (5, "effective_date")}
    assert refused.value.status == 422 and all(e.message for e in refused.value.errors)
    page = await alice.client.report(DLI_A, NOVEMBER)
    assert page.summary.missing == 5 and all(row.status is None for row in page.rows)


async def test_import_errors_are_in_french_for_a_french_caller(context, make_account):
    alice = await make_account("alice2026")
    institution(context, username="alice2026")
    alice.client.language = "fr"
    with pytest.raises(CsvImportError) as refused:
        await alice.client.import_statuses(DLI_A, NOVEMBER, "student_id,status\nS000001,nope\n")
    assert refused.value.errors[0].message.startswith("Ne fait pas partie")


async def test_submit_is_refused_while_rows_lack_a_status(context, make_account):
    alice = await make_account("alice2026")
    institution(context, username="alice2026")
    await alice.client.set_student_status(DLI_A, NOVEMBER, "S000001", r.RowUpdate(status="no_show"))
    with pytest.raises(ApiError) as refused:
        await alice.client.submit_report(DLI_A, NOVEMBER)
    assert (refused.value.status, refused.value.code) == (409, "report_incomplete")
    assert "4" in refused.value.message
    assert await status_of(alice.client) == "in_progress"


async def test_staff_of_one_institution_get_404_on_another(context, make_account):
    alice = await make_account("alice2026")
    await make_account("bobby2026")
    institution(context, DLI_A, username="alice2026", role="staff")
    institution(context, DLI_B, username="bobby2026")
    assert [i.dli for i in (await alice.client.institutions()).institutions] == [DLI_A]
    calls = (
        alice.client.reports(DLI_B),
        alice.client.report(DLI_B, NOVEMBER),
        alice.client.export_report(DLI_B, NOVEMBER),
        alice.client.set_student_status(DLI_B, NOVEMBER, "S000001", r.RowUpdate(status="no_show")),
        alice.client.import_statuses(DLI_B, NOVEMBER, all_full_time(5)),
        alice.client.submit_report(DLI_B, NOVEMBER),
    )
    for call in calls:
        with pytest.raises(ApiError) as refused:
            await call
        assert (refused.value.status, refused.value.code) == (404, "institution_not_found")


async def test_a_read_token_reads_but_cannot_change_anything(context, make_account, new_client, clock):
    alice = await make_account("alice2026")
    institution(context, username="alice2026")
    created = await alice.client.create_token(r.TokenRequest(name="nightly check", expires_in_days=30))
    assert created.token.startswith("gckr_")
    with context.engine.connect() as conn:
        stored = conn.execute(select(api_tokens)).mappings().one()
    assert created.token not in {str(value) for value in stored.values()}  # only its HMAC is kept
    assert all(not hasattr(item, "token") for item in (await alice.client.tokens()).tokens)

    script = new_client()
    script.token = created.token
    assert (await script.institutions()).institutions[0].dli == DLI_A
    assert (await script.report(DLI_A, NOVEMBER)).matched == 5
    assert (await script.export_report(DLI_A, NOVEMBER)).startswith("student_id,")
    writes = (
        script.set_student_status(DLI_A, NOVEMBER, "S000001", r.RowUpdate(status="no_show")),
        script.import_statuses(DLI_A, NOVEMBER, all_full_time(5)),
        script.submit_report(DLI_A, NOVEMBER),
        script.create_token(r.TokenRequest(name="another")),
        script.revoke_token(created.id),
        script.me(),
    )
    for call in writes:
        with pytest.raises(ApiError) as refused:
            await call
        assert refused.value.status in (401, 403)
    assert (await alice.client.report(DLI_A, NOVEMBER)).summary.missing == 5

    await alice.client.revoke_token(created.id)
    with pytest.raises(ApiError) as refused:
        await script.institutions()
    assert refused.value.status == 401


async def test_tokens_expire_and_are_limited_to_90_days(make_account, new_client, clock):
    alice = await make_account("alice2026")
    with pytest.raises(ApiError) as refused:
        await alice.client.request("POST", "/api/v1/me/tokens", json={"name": "x", "expires_in_days": 91})
    assert refused.value.status == 422
    created = await alice.client.create_token(r.TokenRequest(name="short", expires_in_days=1))
    script = new_client()
    script.token = created.token
    await script.institutions()
    clock.advance(hours=23)
    await script.institutions()  # a token has no idle timeout
    clock.advance(hours=1)
    with pytest.raises(ApiError) as refused:
        await script.institutions()
    assert refused.value.status == 401


async def test_opening_email_reaches_the_principal_contact_once(context, outbox, clock):
    institution(context, DLI_A, email="principal@college.example")
    institution(context, "O10000000003", province="QC", email="direction@cegep.example")
    assert open_cycle(context, cycle(NOVEMBER), clock.now()) == 1
    assert open_cycle(context, cycle(NOVEMBER), clock.now()) == 0
    [message] = outbox.messages("principal@college.example")
    assert NOVEMBER in message["Subject"] and "2026-12-31" in message.get_content()
    assert outbox.messages("direction@cegep.example") == []  # Quebec institutions are exempt


async def test_a_served_instance_opens_the_current_cycle_in_its_lifespan(service, context, outbox):
    institution(context, DLI_A, email="principal@college.example")
    async with service.router.lifespan_context(service):
        for _ in range(100):  # the first check runs at start-up, in a thread
            if outbox.messages("principal@college.example"):
                break
            await asyncio.sleep(0.05)
    async with service.router.lifespan_context(service):
        await asyncio.sleep(0.2)
    assert len(outbox.messages("principal@college.example")) == 1  # a restart sends nothing again


async def test_filter_search_paging_and_export(context, make_account):
    alice = await make_account("alice2026")
    institution(context, username="alice2026", students=30)
    await alice.client.import_statuses(DLI_A, NOVEMBER, "student_id,status\nS000007,no_show\nS000008,no_show\n")
    page = await alice.client.report(DLI_A, NOVEMBER, status="no_show")
    assert page.matched == 2 and {row.student_id for row in page.rows} == {"S000007", "S000008"}
    assert (await alice.client.report(DLI_A, NOVEMBER, status="missing")).matched == 28
    assert [row.student_id for row in (await alice.client.report(DLI_A, NOVEMBER, q="s000012")).rows] == ["S000012"]
    first = await alice.client.report(DLI_A, NOVEMBER, limit=10)
    second = await alice.client.report(DLI_A, NOVEMBER, offset=10, limit=10)
    assert first.matched == 30 and not {r.student_id for r in first.rows} & {r.student_id for r in second.rows}
    exported = await alice.client.export_report(DLI_A, NOVEMBER)
    assert len(exported.splitlines()) == 31 and "S000007" in exported
    # the export is a valid import file: lines left blank change nothing, filled-in lines apply
    assert (await alice.client.import_statuses(DLI_A, NOVEMBER, exported)).updated == 2
    partly = "".join(
        line.replace(",,,\n", ",unknown,,\n") if line.startswith("S000010,") else line
        for line in exported.splitlines(keepends=True)
    )
    assert (await alice.client.import_statuses(DLI_A, NOVEMBER, partly)).updated == 3
    assert (await alice.client.report(DLI_A, NOVEMBER, status="missing")).matched == 27
    filled = exported.replace(",,,\n", ",unknown,,\n")
    assert (await alice.client.import_statuses(DLI_A, NOVEMBER, filled)).updated == 30
    assert (await alice.client.report(DLI_A, NOVEMBER)).summary.counts_by_status == {"no_show": 2, "unknown": 28}


async def test_empty_report_exports_a_template(context, make_account):
    alice = await make_account("alice2026")
    institution(context, username="alice2026", students=0)
    exported = await alice.client.export_report(DLI_A, NOVEMBER)
    assert exported == "student_id,family_name,given_names,date_of_birth,uci,program,status,effective_date,note\n"


async def test_quebec_institutions_are_exempt_and_roles_reach_me(context, make_account):
    alice = await make_account("alice2026")
    institution(context, "O10000000003", province="QC", username="alice2026", role="staff")
    assert (await alice.client.institutions()).institutions[0].exempt
    assert await status_of(alice.client, "O10000000003") == "exempt"
    assert (await alice.client.me()).roles == ["dli_staff"]


def test_dli_numbers_and_rosters_are_checked(context):
    for bad in ("19395677452", "O1939567745", "o19395677452", "O1939567745X"):
        with pytest.raises(AdminError):
            create_institution(context, bad, "X", "ON", "p@example.com", context.clock.now())
    create_institution(context, DLI_A, "X", "ON", "p@example.com", context.clock.now())
    refused = import_roster(
        context,
        DLI_A,
        cycle(NOVEMBER),
        "student_id,family_name,given_names,date_of_birth,uci,program\n"
        "S1,Roy,Anne,2001-02-03,1234567890,Nursing\n"
        "S2,,Marc,2001-13-03,1234567891,Nursing\n",
    )
    assert {(e.line, e.field) for e in refused.errors} == {(3, "family_name"), (3, "date_of_birth")}
    assert refused.error_count == 2


async def test_the_cycle_length_is_a_setting(context, clock, make_account):
    context.settings.report_days = 30
    clock.set(datetime(2026, 12, 5, tzinfo=UTC))  # past a 30-day November cycle, within a 60-day one
    dana = await make_account("dana2026")
    institution(context, username="dana2026")
    november = next(item for item in (await dana.client.reports(DLI_A)).reports if item.cycle == NOVEMBER)
    assert november.due_at == datetime(2026, 12, 1, tzinfo=UTC)
    assert november.status == "overdue"
