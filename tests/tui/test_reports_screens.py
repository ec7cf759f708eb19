"""Pilot tests of the report screens over a real embedded service: the board, the report view (filter, set a
status), an import with errors, submission, tokens; snapshots of the board at 80×24 in English and French."""

from __future__ import annotations

import asyncio
import stat
from datetime import timedelta

import httpx
import pytest
from pilot_support import BlankConsole, settle
from textual.widgets import DataTable, Input, Select, Static

from gckey_tui.admin.reports import demo_roster
from gckey_tui.api import ServiceClient
from gckey_tui.screens.institutions import InstitutionsScreen
from gckey_tui.screens.reports_board import BoardScreen
from gckey_tui.screens.reports_view import ReportScreen
from gckey_tui.screens.tokens import TokensScreen
from gckey_tui.service.reports import cycle
from gckey_tui.service.reports_admin import create_institution, grant_staff, import_roster
from gckey_tui.service.reports_store import apply_statuses, institution_by_dli, mark_submitted, request_corrections

DLI = "O19395677452"


@pytest.fixture
def signed_in(gckey_service, clock):
    """``await signed_in(username, language)``: a console signed in as the principal of institution DLI."""

    async def make(username: str = "principal26", language: str = "en") -> BlankConsole:
        context = gckey_service.context
        known = await gckey_service.account(username)
        create_institution(context, DLI, "Northern College", "ON", "p@example.com", clock.now())
        grant_staff(context, DLI, username, "principal")
        april, november = cycle("2026-04"), cycle("2026-11")
        import_roster(context, DLI, april, demo_roster(4, seed=4))
        import_roster(context, DLI, november, demo_roster(30, seed=30))
        with context.engine.begin() as conn:
            institution_id = institution_by_dli(conn, DLI)["id"]
            done = [
                {"student_id": f"S{n:06d}", "status": "full_time_studies", "effective_date": None, "note": None}
                for n in range(1, 5)
            ]
            apply_statuses(conn, institution_id, april.name, done, clock.now())
            apply_statuses(conn, institution_id, november.name, done[:2], clock.now())
            mark_submitted(conn, institution_id, april.name, april.due_at - timedelta(days=2))
        return gckey_service.signed_in_console(known, language)

    return make


class Outage(httpx.AsyncBaseTransport):
    """The real service behind a network link that can go down (``down = True``: connections fail)."""

    def __init__(self, app) -> None:  # noqa: ANN001 - ASGI app
        self.service = httpx.ASGITransport(app=app)
        self.down = False

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            raise httpx.ConnectError("the network is down", request=request)
        return await self.service.handle_async_request(request)


def cells(pilot, selector: str) -> list[list[str]]:
    table = pilot.app.screen.query_one(selector, DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def text_of(pilot, selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).render())


async def test_institutions_open_the_board_with_status_due_and_progress(signed_in):
    app = await signed_in()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(InstitutionsScreen())
        await settle(pilot)
        assert cells(pilot, "#institutions-table")[0][:2] == [DLI, "Northern College"]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        rows = {row[0]: row for row in cells(pilot, "#board-table")}
        assert rows["2026-11"][1:] == [" In progress ", "2026-12-31", "59", "2/30"]
        assert rows["2026-04"][1] == " Submitted " and rows["2026-04"][4] == "4/4"
        assert rows["2027-04"][1] == " Scheduled "
        # the cursor starts on the newest open cycle (not the scheduled one), and Enter opens it
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen) and app.screen.cycle == "2026-11"
        await pilot.press("escape")
        await settle(pilot)
        table = app.screen.query_one("#board-table", DataTable)
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == "2026-11"


async def test_report_view_filters_searches_and_sets_a_status(signed_in):
    app = await signed_in()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ReportScreen(DLI, "2026-11"))
        await settle(pilot)
        assert "Rows 1–30 of 30" in text_of(pilot, "#report-position")
        pilot.app.screen.query_one("#report-filter", Select).value = "full_time_studies"
        await settle(pilot)
        assert {row[0] for row in cells(pilot, "#report-table")} == {"S000001", "S000002"}
        pilot.app.screen.query_one("#report-filter", Select).clear()
        await settle(pilot)
        await pilot.press("slash", *"S000007", "enter")
        await settle(pilot)
        assert [row[0] for row in cells(pilot, "#report-table")] == ["S000007"]
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # the third status: authorized leave
        await settle(pilot)
        await settle(pilot)
        assert cells(pilot, "#report-table")[0][3] == "Authorized leave"
        assert "S000007" in text_of(pilot, "#message")
        page = await app.client.report(DLI, "2026-11", status="authorized_leave")
        assert [row.student_id for row in page.rows] == ["S000007"]


async def test_import_with_errors_lists_every_line_and_changes_nothing(signed_in, tmp_path):
    app = await signed_in()
    bad = tmp_path / "statuses.csv"
    bad.write_text("student_id,status\nS000003,full_time_studies\nS000004,vacation\nS999999,no_show\n")
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ReportScreen(DLI, "2026-11"))
        await settle(pilot)
        await pilot.press("i")
        await pilot.pause()
        pilot.app.screen.query_one("#import-path", Input).value = str(bad)
        await pilot.press("enter")
        await settle(pilot)
        assert [row[:2] for row in cells(pilot, "#import-errors")] == [["3", "status"], ["4", "student_id"]]
        assert "nothing was changed" in text_of(pilot, "#message")
        assert (await app.client.report(DLI, "2026-11")).summary.missing == 28


async def test_export_fill_in_one_line_and_import_the_same_file(signed_in, tmp_path):
    app = await signed_in()
    exported = tmp_path / "out" / "report.csv"
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ReportScreen(DLI, "2026-11"))
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert app.focused.id == "export-button"
        assert app.screen.query_one("#import-path", Input).value.endswith(f"report-{DLI}-2026-11.csv")
        app.screen.query_one("#import-path", Input).value = str(exported)
        await pilot.press("ctrl+s")  # importing before exporting: the file is not there yet
        await settle(pilot)
        assert "There is no file at this path" in text_of(pilot, "#import-path-error")
        app.screen.query_one("#export-button").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert stat.S_IMODE(exported.stat().st_mode) == 0o600  # names and birth dates: the user's eyes only
        assert f"30 rows exported to {exported}" in text_of(pilot, "#message")
        lines = exported.read_text().splitlines(keepends=True)
        assert lines[0].startswith("student_id,family_name") and len(lines) == 31
        exported.write_text(
            "".join(line.replace(",,,\n", ",no_show,,\n") if line.startswith("S000030,") else line for line in lines)
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "3 statuses imported" in text_of(pilot, "#message")  # 2 already set, and the line filled in
        await pilot.press("escape")
        await settle(pilot)
        assert (await app.client.report(DLI, "2026-11")).summary.missing == 27


async def test_submit_asks_first_is_refused_while_rows_lack_a_status_then_succeeds(signed_in):
    app = await signed_in()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ReportScreen(DLI, "2026-11"))
        await settle(pilot)
        await pilot.press("u")
        await pilot.pause()
        await pilot.click("#yes")
        await settle(pilot)
        assert "28 students have no status" in text_of(pilot, "#message")
        text = "student_id,status\n" + "".join(f"S{n:06d},part_time_studies\n" for n in range(1, 31))
        await app.client.import_statuses(DLI, "2026-11", text)
        await pilot.press("u")
        await pilot.pause()
        await pilot.click("#yes")
        await settle(pilot)
        assert "Report submitted: Submitted" in text_of(pilot, "#message")


async def test_a_token_is_created_shown_once_and_revoked(signed_in):
    app = await signed_in()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(TokensScreen())
        await settle(pilot)
        pilot.app.screen.query_one("#token-name", Input).value = "nightly"
        pilot.app.screen.query_one("#token-name", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert "gckr_" in text_of(pilot, "#token-value")
        assert cells(pilot, "#tokens-table")[0][:2] == ["nightly", "reports:read"]
        pilot.app.screen.query_one("#tokens-table", DataTable).focus()
        await pilot.press("d")  # asks first: Enter alone keeps the token
        await pilot.pause()
        assert "nightly" in str(app.screen.query_one("Static").render())
        await pilot.press("enter")
        await settle(pilot)
        assert cells(pilot, "#tokens-table")[0][0] == "nightly"
        await pilot.press("d")
        await pilot.pause()
        await pilot.click("#yes")
        await settle(pilot)
        assert cells(pilot, "#tokens-table") == []


@pytest.mark.parametrize(("language", "said"), [("en", "corrections requested on"), ("fr", "corrections demandées le")])
async def test_the_reason_for_corrections_is_shown_on_the_board_and_the_report(
    signed_in, console_service, clock, language, said
):
    app = await signed_in(language=language)
    with console_service.state.context.engine.begin() as conn:
        institution_id = institution_by_dli(conn, DLI)["id"]
        request_corrections(conn, institution_id, "2026-04", clock.now(), "Row S000003: [b]wrong[/b] program")
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(BoardScreen(DLI))
        await settle(pilot)
        notes = text_of(pilot, "#board-notes")
        assert said in notes and "Row S000003: [b]wrong[/b] program" in notes  # as typed, not as markup
        app.push_screen(ReportScreen(DLI, "2026-04"))
        await settle(pilot)
        assert "Row S000003: [b]wrong[/b] program" in text_of(pilot, "#report-summary")


async def test_counts_follow_an_import_back_on_the_report_and_the_board(signed_in):
    app = await signed_in()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(BoardScreen(DLI))
        await settle(pilot)
        await pilot.press("enter")  # the open 2026-11 report
        await settle(pilot)
        assert "2 of 30" in text_of(pilot, "#report-summary")
        await app.client.import_statuses(DLI, "2026-11", "student_id,status\nS000009,no_show\n")
        await pilot.press("i")  # the import screen (the file is imported above: what matters is coming back)
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert "3 of 30" in text_of(pilot, "#report-summary")
        await pilot.press("escape")
        await settle(pilot)
        assert {row[0]: row for row in cells(pilot, "#board-table")}["2026-11"][4] == "3/30"


async def test_reloading_the_board_after_an_outage_clears_the_message(console_settings, console_service, signed_in):
    token = (await signed_in()).client.token
    outage = Outage(console_service)
    app = BlankConsole(console_settings, ServiceClient(transport=outage, token=token))
    app.session_state = "authenticated"
    async with app.run_test(size=(80, 24)) as pilot:
        outage.down = True
        app.push_screen(BoardScreen(DLI))
        await settle(pilot)
        assert "cannot be reached" in text_of(pilot, "#message")
        outage.down = False
        await pilot.press("r")
        await settle(pilot)
        assert text_of(pilot, "#message") == ""
        assert len(cells(pilot, "#board-table")) == 3


@pytest.mark.parametrize("language", ["en", "fr"])
def test_board_snapshot(snap_compare, signed_in, language):
    app = asyncio.run(signed_in("boardsnap26", language))

    async def open_board(pilot):
        app.push_screen(BoardScreen(DLI))
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_board)
