"""Pilot tests of the applications screens over a real embedded service: link through the wizard, see the
application in the table, open its history (English and French), dates checked as typed, a miss, and a
snapshot of the table at 80×24."""

from __future__ import annotations

from datetime import date

import pytest
from pilot_support import BlankConsole, settle
from textual.widgets import Button, DataTable, Input, Static

from gckey_tui.api.models_applications import LinkByUciDocument
from gckey_tui.service.applications_import import HEADER

ROWS = [
    "W123456789,1234567890,work_permit,Lefèvre,Anaïs,1994-03-15,France,FR12AB345,submitted,2026-08-01",
    "W123456789,1234567890,work_permit,Lefèvre,Anaïs,1994-03-15,France,FR12AB345,in_progress,2026-09-12",
    "S123456789,1234567890,study_permit,Lefèvre,Anaïs,1994-03-15,France,FR12AB345,submitted,2026-01-15",
    "S123456789,1234567890,study_permit,Lefèvre,Anaïs,1994-03-15,France,FR12AB345,"
    "additional_information_requested,2026-03-02",
    "E123456789,1234567890,permanent_residence,Lefèvre,Anaïs,1994-03-15,France,FR12AB345,submitted,2026-10-01",
]


@pytest.fixture
def apps_service(gckey_service):
    gckey_service.import_applications("\n".join([",".join(HEADER), *ROWS]) + "\n")
    return gckey_service.app


@pytest.fixture
def signed_in(gckey_service, apps_service):
    """``await signed_in(username, language)``: a console whose client is fully signed in."""

    async def make(username: str, language: str = "en") -> BlankConsole:
        return gckey_service.signed_in_console(await gckey_service.account(username), language)

    return make


async def type_into(pilot, selector: str, text: str) -> None:
    widget = pilot.app.screen.query_one(selector, Input)
    widget.focus()
    widget.value = ""
    if text:
        await pilot.press(*text)


def text_of(pilot, selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).render())


def table_rows(pilot, selector: str) -> list[list[str]]:
    table = pilot.app.screen.query_one(selector, DataTable)
    return [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]


async def link_by_number(pilot, family: str = "lefevre") -> None:
    await pilot.press("l")
    await pilot.pause()
    pilot.app.screen.query_one("#continue", Button).focus()
    await pilot.press("enter")
    await pilot.pause()
    await type_into(pilot, "#application_number", "W123456789")
    await type_into(pilot, "#family_name", family)
    await type_into(pilot, "#date_of_birth", "1994-03-15")
    await type_into(pilot, "#country_of_birth", "France")
    await pilot.press("enter")
    await settle(pilot)


@pytest.mark.parametrize(
    ("language", "category", "short", "status", "history"),
    [
        ("en", "Work permit", "In progress", "In progress", "Submitted"),
        ("fr", "Permis de travail", "En traitement", "En cours de traitement", "Soumise"),
    ],
)
async def test_link_through_the_wizard_then_table_and_history(signed_in, language, category, short, status, history):
    app = await signed_in("pilotapps26", language)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("applications")
        await settle(pilot)
        assert table_rows(pilot, "#applications-table") == []
        await link_by_number(pilot)
        await settle(pilot)
        assert app.screen.__class__.__name__ == "ApplicationsScreen"
        assert table_rows(pilot, "#applications-table") == [[category, "W123456789", short, "2026-09-12"]]
        app.screen.query_one("#applications-table").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert "W123456789" in text_of(pilot, "#application-facts")
        assert table_rows(pilot, "#application-history") == [["2026-08-01", history], ["2026-09-12", status]]


async def test_a_miss_is_explained_and_nothing_links(signed_in):
    app = await signed_in("pilotmiss26")
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("applications")
        await settle(pilot)
        await link_by_number(pilot, family="Martin")
        assert "No application matches" in text_of(pilot, "#message")
        assert app.screen.__class__.__name__ == "LinkApplicationScreen"
        assert await app.client.applications() == []


async def test_date_is_checked_as_typed(signed_in):
    app = await signed_in("pilotdate26")
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("link_application")
        await pilot.pause()
        await pilot.press("enter")  # continue with the application number
        await pilot.pause()
        await type_into(pilot, "#date_of_birth", "1994-0")
        assert text_of(pilot, "#date_of_birth-error") == ""
        await type_into(pilot, "#date_of_birth", "1994/03")
        assert "YYYY-MM-DD" in text_of(pilot, "#date_of_birth-error")
        await type_into(pilot, "#date_of_birth", "1994-02-30")
        assert "does not exist" in text_of(pilot, "#date_of_birth-error")
        await type_into(pilot, "#date_of_birth", "1994-02-28")
        assert text_of(pilot, "#date_of_birth-error") == ""


async def test_table_filters_and_sorts(signed_in):
    app = await signed_in("pilotsort26")
    await app.client.link_application(
        LinkByUciDocument(
            uci="1234567890", document_number="FR12AB345", date_of_birth=date(1994, 3, 15), country_of_birth="France"
        )
    )
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("applications")
        await settle(pilot)
        assert [row[1] for row in table_rows(pilot, "#applications-table")] == [
            "E123456789",
            "W123456789",
            "S123456789",
        ]
        await pilot.press("s")  # by number
        assert [row[1] for row in table_rows(pilot, "#applications-table")] == [
            "E123456789",
            "S123456789",
            "W123456789",
        ]
        await pilot.press("slash")
        await pilot.press(*"additional")
        assert [row[1] for row in table_rows(pilot, "#applications-table")] == ["S123456789"]
        assert "1 of 3" in text_of(pilot, "#applications-summary")


def test_applications_table_snapshot(snap_compare, signed_in):
    holder: dict = {}

    async def open_table(pilot):
        app = holder["app"]
        await app.client.link_application(
            LinkByUciDocument(
                uci="1234567890",
                document_number="FR12AB345",
                date_of_birth=date(1994, 3, 15),
                country_of_birth="France",
            )
        )
        app.open("applications")
        await settle(pilot)

    import asyncio

    holder["app"] = asyncio.run(signed_in("pilotsnap26"))
    assert snap_compare(holder["app"], terminal_size=(80, 24), run_before=open_table)


async def test_demo_mode_shows_linkable_identifiers(signed_in):
    app = await signed_in("pilotdemo26")
    app.demo_credentials = ("demouser2026", "Maple7Syrup!", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("link_application")
        await pilot.pause()
        assert "C100000005" in text_of(pilot, "#demo-hint")


async def test_home_shows_the_card_and_opens_the_table_with_a(signed_in):
    app = await signed_in("pilothome26")
    await app.client.link_application(
        LinkByUciDocument(
            uci="1234567890", document_number="FR12AB345", date_of_birth=date(1994, 3, 15), country_of_birth="France"
        )
    )
    async with app.run_test(size=(80, 24)) as pilot:
        app.go_home()
        await settle(pilot)
        assert "3 linked" in text_of(pilot, "#applications-card")
        await pilot.press("a")
        await settle(pilot)
        assert len(table_rows(pilot, "#applications-table")) == 3


async def test_down_chooses_the_uci_way_and_the_whole_form_is_filled_by_keyboard(signed_in):
    from textual.widgets import ContentSwitcher

    app = await signed_in("pilotuci26")
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("link_application")
        await pilot.pause()
        await pilot.press("down")  # the second way, chosen as the arrow lands on it
        await pilot.press("ctrl+s")  # continue
        await pilot.pause()
        assert app.screen.query_one("#identifiers", ContentSwitcher).current == "uci-fields"
        assert app.focused.id == "uci"
        await pilot.press(*"1234567890", "enter", *"FR12AB345", "enter", *"1994-03-15", "enter", *"France", "enter")
        await settle(pilot)
        assert app.screen.__class__.__name__ != "LinkApplicationScreen"  # linked, the wizard closed
        assert {row.number for row in await app.client.applications()} == {"W123456789", "S123456789", "E123456789"}
