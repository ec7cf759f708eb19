"""Linking applications (DESIGN §3 Applications, issue #4): matching, the generic miss, the 24-hour lock,
one account per application, privacy between accounts, and the all-or-nothing import."""

import argparse
import asyncio
from datetime import date, timedelta

import httpx
import pytest
from sqlalchemy import func, select

from gckey_tui.admin.applications import run_import
from gckey_tui.api.errors import ApiError
from gckey_tui.api.models_applications import LinkByApplicationNumber, LinkByUciDocument
from gckey_tui.service.applications_import import HEADER, import_applications
from gckey_tui.service.tables.applications import application_links, applications
from gckey_tui.testing import totp_code

ROWS = [
    "W123456789,1234567890,work_permit,Lefèvre,Anaïs,1994-03-15,France,FR12AB345,submitted,2026-08-01",
    "W123456789,1234567890,work_permit,Lefèvre,Anaïs,1994-03-15,France,FR12AB345,in_progress,2026-09-12",
    "S123456789,1234567890,study_permit,Lefèvre,Anaïs,1994-03-15,France,FR12AB345,submitted,2026-01-15",
    "S123456789,1234567890,study_permit,Lefèvre,Anaïs,1994-03-15,France,FR12AB345,approved,2026-05-20",
    "V987654321,87654321,visitor_visa,Okafor,Chidi,1988-11-30,Nigeria,A12345678,submitted,2026-10-01",
]


def registry_csv(rows=ROWS) -> str:
    return "\n".join([",".join(HEADER), *rows]) + "\n"


@pytest.fixture
def registry(context, clock):
    import_applications(context, registry_csv(), clock.now())


def by_number(number="W123456789", family="Lefèvre", born=date(1994, 3, 15), country="France"):
    return LinkByApplicationNumber(
        application_number=number, family_name=family, date_of_birth=born, country_of_birth=country
    )


async def raw_link(service, token: str, body: dict) -> httpx.Response:
    """POST the link request and return the raw answer (to compare bodies byte for byte)."""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=service), base_url="http://t") as http:
        return await http.post("/api/v1/me/applications", json=body, headers={"Authorization": f"Bearer {token}"})


async def sign_in_again(person, clock) -> None:
    """A fresh session (the idle timeout is 30 minutes; these tests move the clock by hours)."""
    clock.advance(seconds=30)
    await person.client.sign_in(person.username, person.password)
    await person.client.submit_second_factor(totp_code(person.secret, clock))


def body(request) -> dict:
    return request.model_dump(mode="json")


async def test_link_by_application_number_then_list_and_history(registry, make_account):
    alice = await make_account("alice2026")
    assert await alice.client.applications() == []
    linked = await alice.client.link_application(by_number())
    assert [a.number for a in linked] == ["W123456789"]
    listed = await alice.client.applications()
    assert [(a.number, a.category, a.status, a.submitted_on) for a in listed] == [
        ("W123456789", "work_permit", "in_progress", date(2026, 8, 1))
    ]
    detail = await alice.client.application("W123456789")
    assert [(e.status, e.status_date) for e in detail.history] == [
        ("submitted", date(2026, 8, 1)),
        ("in_progress", date(2026, 9, 12)),
    ]
    assert detail.given_names == "Anaïs"


async def test_names_compare_without_case_accents_or_spaces(registry, make_account):
    alice = await make_account("alice2026")
    linked = await alice.client.link_application(
        by_number(number=" w 1234-56789 ", family="  LEFEVRE ", country="fran ce")
    )
    assert [a.number for a in linked] == ["W123456789"]


async def test_link_by_uci_and_document_links_every_match(registry, make_account):
    alice = await make_account("alice2026")
    request = LinkByUciDocument(
        uci="1234-567890", document_number="fr12 ab345", date_of_birth=date(1994, 3, 15), country_of_birth="France"
    )
    linked = await alice.client.link_application(request)
    assert sorted(a.number for a in linked) == ["S123456789", "W123456789"]
    # linking again is harmless: the same applications, still one link each
    assert len(await alice.client.link_application(request)) == 2
    assert len(await alice.client.applications()) == 2


async def test_every_miss_gives_the_same_answer(registry, make_account, service):
    alice = await make_account("alice2026")
    bob = await make_account("bob20266")
    await bob.client.link_application(
        by_number(number="V987654321", family="Okafor", born=date(1988, 11, 30), country="Nigeria")
    )
    misses = [
        by_number(family="Lefebvre"),
        by_number(born=date(1994, 3, 16)),
        by_number(country="Belgique"),
        by_number(number="W000000000"),
        # linked to another account: indistinguishable from a miss
        by_number(number="V987654321", family="Okafor", born=date(1988, 11, 30), country="Nigeria"),
    ]
    answers = [await raw_link(service, alice.client.token, body(request)) for request in misses]
    assert {answer.status_code for answer in answers} == {404}
    assert len({answer.content for answer in answers}) == 1
    assert answers[0].json()["error"]["code"] == "no_matching_application"


async def test_sixth_miss_within_a_day_is_refused_until_the_lock_ends(registry, make_account, clock):
    alice = await make_account("alice2026")
    for _ in range(5):
        with pytest.raises(ApiError) as miss:
            await alice.client.link_application(by_number(family="Wrong"))
        assert miss.value.status == 404
        clock.advance(minutes=20)
    locked_at = clock.now() - timedelta(minutes=20)
    with pytest.raises(ApiError) as refused:
        await alice.client.link_application(by_number())  # even the right details
    assert (refused.value.status, refused.value.code) == (429, "linking_locked")
    until = locked_at + timedelta(hours=24)
    assert refused.value.retry_after == int((until - clock.now()).total_seconds())
    assert until.strftime("%Y-%m-%d %H:%M UTC") in refused.value.message
    clock.set(until - timedelta(minutes=1))
    await sign_in_again(alice, clock)
    with pytest.raises(ApiError) as still:
        await alice.client.link_application(by_number())
    assert still.value.status == 429
    clock.set(until + timedelta(seconds=1))
    await sign_in_again(alice, clock)
    assert [a.number for a in await alice.client.link_application(by_number())] == ["W123456789"]


async def test_misses_spread_over_more_than_a_day_do_not_lock(registry, make_account, clock):
    alice = await make_account("alice2026")
    for _ in range(6):
        with pytest.raises(ApiError) as miss:
            await alice.client.link_application(by_number(family="Wrong"))
        assert miss.value.status == 404
        clock.advance(hours=6)  # never 5 within any 24 hours
        await sign_in_again(alice, clock)
    assert len(await alice.client.link_application(by_number())) == 1


async def test_french_answer(registry, make_account):
    alice = await make_account("alice2026", language="fr")
    with pytest.raises(ApiError) as miss:
        await alice.client.link_application(by_number(family="Wrong"))
    assert "Aucune demande" in miss.value.message


async def test_concurrent_links_of_one_application_one_account_wins(registry, make_account, settings, context):
    if "sqlite" in settings.database_url:
        pytest.skip("the race is meaningful on PostgreSQL")
    people = [await make_account(f"racer{i:03d}x") for i in range(16)]

    async def attempt(person):
        try:
            await person.client.link_application(by_number())
            return person.username
        except ApiError as error:
            assert error.code == "no_matching_application"
            return None

    winners = [name for name in await asyncio.gather(*(attempt(p) for p in people)) if name]
    assert len(winners) == 1
    with context.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(application_links)).scalar_one() == 1


async def test_another_account_cannot_see_an_application(registry, make_account):
    alice = await make_account("alice2026")
    bob = await make_account("bob20266")
    await alice.client.link_application(by_number())
    assert await bob.client.applications() == []
    for number in ("W123456789", "S123456789", "nothing"):
        with pytest.raises(ApiError) as hidden:
            await bob.client.application(number)
        assert (hidden.value.status, hidden.value.code) == (404, "application_not_found")


async def test_signed_out_caller_is_refused(registry, client):
    with pytest.raises(ApiError) as refused:
        await client.applications()
    assert refused.value.status == 401


async def test_malformed_request_is_a_field_error(make_account, service):
    alice = await make_account("alice2026")
    answer = await raw_link(
        service,
        alice.client.token,
        {
            "identifier_type": "application_number",
            "application_number": "W1",
            "family_name": "X",
            "date_of_birth": "1994-02-30",
            "country_of_birth": "F",
        },
    )
    assert answer.status_code == 422
    # the location names the identifier type, then the field
    assert list(answer.json()["error"]["fields"]) == ["application_number.date_of_birth"]


def test_import_with_one_bad_line_imports_nothing(context, tmp_path, capsys):
    bad = [*ROWS[:2], ROWS[2].replace("1234567890", "12345"), *ROWS[3:]]
    path = tmp_path / "registry.csv"
    path.write_text(registry_csv(bad), encoding="utf-8")
    assert run_import(argparse.Namespace(file=path), context) == 1
    assert f"{path}:4: uci: must be 8 or 10 digits" in capsys.readouterr().err
    with context.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(applications)).scalar_one() == 0


def test_import_reports_every_bad_line_and_conflicting_details(context, tmp_path, capsys):
    rows = [
        ROWS[0],
        ROWS[1].replace("Anaïs", "Anna"),
        ROWS[2].replace("study_permit", "tourism"),
        ROWS[3].replace("2026-05-20", "2027-01-01"),
    ]
    path = tmp_path / "registry.csv"
    path.write_text(registry_csv(rows), encoding="utf-8")
    assert run_import(argparse.Namespace(file=path), context) == 1
    err = capsys.readouterr().err
    assert f"{path}:3: application_number: details differ from line 2" in err
    assert f"{path}:4: category:" in err
    assert f"{path}:5: status_date:" in err


def test_import_again_adds_only_new_statuses(context, clock, tmp_path, capsys):
    path = tmp_path / "registry.csv"
    path.write_text(registry_csv(), encoding="utf-8")
    assert run_import(argparse.Namespace(file=path), context) == 0
    assert "imported 3 new applications, 5 statuses" in capsys.readouterr().out
    path.write_text(registry_csv([*ROWS, ROWS[1].replace("in_progress,2026-09-12", "approved,2026-10-20")]))
    assert run_import(argparse.Namespace(file=path), context) == 0
    assert "imported 0 new applications, 1 status" in capsys.readouterr().out
    with context.engine.connect() as conn:
        assert (
            conn.execute(select(applications.c.status).where(applications.c.number == "W123456789")).scalar_one()
            == "approved"
        )


def test_import_refuses_a_wrong_header(context, tmp_path, capsys):
    path = tmp_path / "registry.csv"
    path.write_text("number,uci\nW123456789,12345678\n", encoding="utf-8")
    assert run_import(argparse.Namespace(file=path), context) == 1
    assert ":1: header:" in capsys.readouterr().err


async def test_export_lists_them_and_deletion_frees_them_for_another_account(registry, make_account, clock):
    alice = await make_account("alice2026")
    await alice.client.link_application(by_number())
    exported = (await alice.client.export_account()).data["applications"]
    assert [(a["number"], len(a["history"])) for a in exported] == [("W123456789", 2)]
    clock.advance(seconds=30)
    await alice.client.reauthenticate(alice.password, totp_code(alice.secret, clock))
    await alice.client.delete_account(alice.username)
    bob = await make_account("bob20266")
    assert [a.number for a in await bob.client.link_application(by_number())] == ["W123456789"]
