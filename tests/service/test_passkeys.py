"""Passkey hand-offs without a browser: the ticket rules (single use, 5 minutes, bound to its session and its
purpose), the number match, CSRF and the page policy, counting refused answers, and managing passkeys.

The WebAuthn ceremonies themselves run in Chromium (tests/e2e/test_passkeys_chromium.py); here a refused
answer is one py_webauthn cannot verify.
"""

from __future__ import annotations

import asyncio
import json
import re
from concurrent.futures import ThreadPoolExecutor
from html import unescape
from urllib.parse import urlsplit

import httpx
import pytest
from sqlalchemy import delete, insert, update
from support import totp_code

from gckey_tui.api import ServiceClient
from gckey_tui.api.errors import ApiError
from gckey_tui.service.activity import Client
from gckey_tui.service.domain_error import DomainError
from gckey_tui.service.flows import passkeys as flow
from gckey_tui.service.tables.accounts import accounts, recovery_codes
from gckey_tui.service.tables.passkeys import passkeys

BASE = "http://gckey.local"
#: what no authenticator answers: py_webauthn refuses it
FORGED_ASSERTION = {
    "id": "AAAA",
    "rawId": "AAAA",
    "type": "public-key",
    "response": {"clientDataJSON": "e30", "authenticatorData": "AAAA", "signature": "AAAA"},
    "clientExtensionResults": {},
}


class Browser:
    """A cookie-keeping browser over the service app."""

    def __init__(self, app, language: str = "en") -> None:
        self.http = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url=BASE, headers={"Accept-Language": language}
        )

    async def open(self, url: str) -> httpx.Response:
        parts = urlsplit(url)
        return await self.http.get(f"{parts.path}?{parts.query}")

    async def pick(self, url: str, number: str, **extra: str) -> httpx.Response:
        """Open the page and pick ``number`` (its form's CSRF token included)."""
        page = await self.open(url)
        assert page.status_code == 200, page.text
        fields = dict(re.findall(r'name="(csrf|ticket|lang)" value="([^"]*)"', page.text))
        return await self.http.post(urlsplit(url).path, data={**fields, "number": number, **extra})

    async def finish(self, ceremony: httpx.Response, credential: dict, **extra: str) -> httpx.Response:
        """Post an answer as the page's script does."""
        data = {name: unescape(value) for name, value in re.findall(r'data-(\w+)="([^"]*)"', ceremony.text)}
        body = {"csrf": data["csrf"], "ticket": data["ticket"], "credential": credential, **extra}
        return await self.http.post(data["finish"], json=body)


def wrong(number: str) -> str:
    return "10" if number != "10" else "11"


def add_passkey(context, account_id: int, name: str = "Laptop", credential: bytes = b"cred-1") -> int:
    """A stored passkey (as an enrolment leaves it) for the rules that do not run a ceremony."""
    with context.engine.begin() as conn:
        return conn.execute(
            insert(passkeys).values(
                account_id=account_id,
                credential_id=credential,
                public_key=b"public key",
                sign_count=3,
                transports="internal",
                name=name,
                created_at=context.clock.now(),
            )
        ).inserted_primary_key[0]


def account_id(context, username: str) -> int:
    with context.engine.connect() as conn:
        return conn.execute(accounts.select().where(accounts.c.username == username)).mappings().one()["id"]


async def reauthenticate(account, clock) -> None:
    clock.advance(seconds=30)
    await account.client.reauthenticate(account.password, totp_code(account.secret, clock))


async def pending(new_client, account) -> ServiceClient:
    """A second client at the second-factor step of the same account."""
    console = new_client()
    await console.sign_in(account.username, account.password)
    return console


# -- tickets ------------------------------------------------------------------------------------------------


async def test_enrolment_needs_re_authentication_and_gives_a_public_one_time_address(make_account, clock):
    account = await make_account()
    with pytest.raises(ApiError) as caught:
        await account.client.start_passkey_enrolment()
    assert caught.value.code == "reauthentication_required"
    await reauthenticate(account, clock)
    hand_off = await account.client.start_passkey_enrolment()
    assert re.fullmatch(rf"{BASE}/passkeys/new\?ticket=[\w-]{{16}}", hand_off.url)
    assert re.fullmatch(r"[1-9][0-9]", hand_off.number)
    assert hand_off.expires_in == 300
    assert (await account.client.poll_passkey_enrolment()).status == "pending"


async def test_the_page_offers_three_numbers_and_a_right_pick_is_single_use(service, make_account, clock):
    account = await make_account()
    await reauthenticate(account, clock)
    hand_off = await account.client.start_passkey_enrolment()
    browser = Browser(service)
    page = await browser.open(hand_off.url)
    offered = re.findall(r'name="number" value="(\d\d)"', page.text)
    assert len(set(offered)) == 3 and hand_off.number in offered
    assert offered == sorted(offered, key=int)  # the position says nothing

    form = dict(re.findall(r'name="(csrf|ticket|lang)" value="([^"]*)"', page.text))
    ceremony = await browser.http.post("/passkeys/new", data={**form, "number": hand_off.number})
    assert ceremony.status_code == 200 and 'id="ceremony"' in ceremony.text
    options = json.loads(unescape(re.search(r'data-options="([^"]*)"', ceremony.text).group(1)))
    assert options["rp"]["id"] == "gckey.local" and options["attestation"] == "none"
    assert options["authenticatorSelection"]["userVerification"] == "required"
    assert options["authenticatorSelection"]["residentKey"] == "preferred"
    # the number step happens once: the address now opens nothing, and the same pick again is refused
    assert (await browser.open(hand_off.url)).status_code == 404
    again = await browser.http.post("/passkeys/new", data={**form, "number": hand_off.number})
    assert again.status_code == 404 and "already used" in again.text


async def test_a_wrong_number_burns_the_ticket(service, make_account, clock, context):
    account = await make_account()
    await reauthenticate(account, clock)
    hand_off = await account.client.start_passkey_enrolment()
    refused = await Browser(service).pick(hand_off.url, wrong(hand_off.number))
    assert refused.status_code == 400 and "not the number your console shows" in refused.text
    assert (await Browser(service).open(hand_off.url)).status_code == 404
    assert (await account.client.poll_passkey_enrolment()).status == "refused"
    kinds = [event.kind for event in (await account.client.activity()).events]
    assert "passkey_wrong_number" in kinds


async def test_a_ticket_lasts_five_minutes(service, make_account, new_client, clock, context):
    account = await make_account()
    add_passkey(context, account_id(context, account.username))
    console = await pending(new_client, account)
    hand_off = await console.start_passkey_sign_in()
    clock.advance(minutes=4, seconds=59)
    assert (await Browser(service).open(hand_off.url)).status_code == 200
    clock.advance(seconds=1)
    assert (await Browser(service).open(hand_off.url)).status_code == 404
    assert (await console.poll_passkey_sign_in()).status == "expired"


async def test_a_ticket_is_bound_to_its_purpose(service, make_account, new_client, clock, context):
    account = await make_account()
    add_passkey(context, account_id(context, account.username))
    await reauthenticate(account, clock)
    enrol = await account.client.start_passkey_enrolment()
    console = await pending(new_client, account)
    sign_in = await console.start_passkey_sign_in()
    browser = Browser(service)
    assert (await browser.open(enrol.url.replace("/passkeys/new", "/passkeys/sign-in"))).status_code == 404
    assert (await browser.open(sign_in.url.replace("/passkeys/sign-in", "/passkeys/new"))).status_code == 404
    # and each still works where it belongs
    assert (await browser.open(enrol.url)).status_code == 200
    assert (await browser.open(sign_in.url)).status_code == 200


async def test_a_ticket_is_bound_to_its_session(service, make_account, new_client, context):
    account = await make_account()
    add_passkey(context, account_id(context, account.username))
    first = await pending(new_client, account)
    second = await pending(new_client, account)
    hand_off = await first.start_passkey_sign_in()
    # another session of the same account sees no hand-off of its own
    assert (await second.poll_passkey_sign_in()).status == "refused"
    # a newer hand-off ends the older one of the same session
    newer = await first.start_passkey_sign_in()
    assert (await Browser(service).open(hand_off.url)).status_code == 404
    assert (await Browser(service).open(newer.url)).status_code == 200
    # the session ends: its ticket no longer opens
    await first.sign_out()
    assert (await Browser(service).open(newer.url)).status_code == 404


async def test_sign_in_hand_off_needs_a_passkey_and_a_pending_sign_in(make_account, new_client, context):
    account = await make_account()
    console = await pending(new_client, account)
    with pytest.raises(ApiError) as caught:
        await console.start_passkey_sign_in()
    assert (caught.value.status, caught.value.code) == (409, "no_passkeys")
    with pytest.raises(ApiError) as caught:
        await account.client.start_passkey_sign_in()  # already signed in
    assert caught.value.code == "session_incomplete"


async def test_refused_assertions_count_as_wrong_codes_and_burn_the_ticket(
    service, make_account, new_client, context, outbox
):
    account = await make_account()
    add_passkey(context, account_id(context, account.username))
    console = await pending(new_client, account)
    for attempt in range(5):
        hand_off = await console.start_passkey_sign_in()
        browser = Browser(service)
        ceremony = await browser.pick(hand_off.url, hand_off.number)
        answer = await browser.finish(ceremony, FORGED_ASSERTION)
        assert answer.status_code == 400 and answer.json()["outcome"] == "refused"
        if attempt < 4:
            assert "not accepted" in answer.json()["message"]
            # single use: the same answer again finds no ticket
            assert (await browser.finish(ceremony, FORGED_ASSERTION)).json()["message"].startswith("This address")
            assert (await console.poll_passkey_sign_in()).status == "refused"
    # the fifth refused answer spent the pending sign-in's tries: the password must be entered again
    assert "Enter your username and password again" in answer.json()["message"]
    with pytest.raises(ApiError) as caught:
        await console.poll_passkey_sign_in()
    assert caught.value.code == "unauthorized"


async def test_pages_refuse_forged_posts_and_load_only_their_own_script(service, make_account, clock):
    account = await make_account()
    await reauthenticate(account, clock)
    hand_off = await account.client.start_passkey_enrolment()
    browser = Browser(service)
    page = await browser.open(hand_off.url)
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    ticket = re.search(r'name="ticket" value="([^"]*)"', page.text).group(1)
    # no token, and then a token from another site's page
    forged = await browser.http.post("/passkeys/new", data={"ticket": ticket, "number": hand_off.number})
    assert forged.status_code == 403
    token = re.search(r'name="csrf" value="([^"]*)"', page.text).group(1)
    foreign = await browser.http.post(
        "/passkeys/new",
        data={"ticket": ticket, "number": hand_off.number, "csrf": token},
        headers={"Origin": "https://evil.example"},
    )
    assert foreign.status_code == 403
    # neither burned the ticket
    ceremony = await browser.pick(hand_off.url, hand_off.number)
    assert '<script src="/passkeys/passkeys.js" defer></script>' in ceremony.text
    assert "<script>" not in ceremony.text
    script = await browser.http.get("/passkeys/passkeys.js")
    assert script.status_code == 200 and "navigator.credentials.create" in script.text
    assert script.headers["content-type"].startswith("text/javascript")


async def test_pages_speak_french(service, make_account, clock):
    account = await make_account()
    await reauthenticate(account, clock)
    hand_off = await account.client.start_passkey_enrolment()
    french = await Browser(service, "fr-CA").open(hand_off.url)
    assert '<html lang="fr">' in french.text and "Quel nombre votre console" in french.text
    chosen = await Browser(service).open(hand_off.url + "&lang=fr")
    assert "Quel nombre" in chosen.text


def test_concurrent_number_picks_succeed_once(context, clock):
    """16 browsers pick the right number at once: one ceremony starts; the others find no ticket."""
    from gckey_tui.service.sessions import issue_session

    with context.engine.begin() as conn:
        account = conn.execute(
            insert(accounts).values(
                language="en", status="active", created_at=clock.now(), last_activity_at=clock.now()
            )
        ).inserted_primary_key[0]
        issue_session(conn, context, account, "two_factor_required", clock.now())
    add_passkey(context, account)
    from gckey_tui.service.sessions import live_session
    from gckey_tui.service.tables.accounts import sessions

    with context.engine.connect() as conn:
        session_id = conn.execute(sessions.select().where(sessions.c.account_id == account)).mappings().one()["id"]
    session = live_session(context, session_id, clock.now())
    hand_off = flow.start_sign_in(context, session, clock.now())
    ticket = flow.open_ticket(context, hand_off.ticket, "sign_in", clock.now())

    def pick(_n: int) -> bool:
        try:
            flow.pick_number(context, ticket, hand_off.number, Client("browser", "127.0.0.1"), clock.now())
        except DomainError as refused:
            assert refused.code == "ticket_not_found"
            return False
        return True

    with ThreadPoolExecutor(16) as pool:
        assert sum(pool.map(pick, range(16))) == 1


# -- managing -----------------------------------------------------------------------------------------------


async def test_rename_and_remove_need_re_authentication_and_tell_the_owner(make_account, clock, context, outbox):
    account = await make_account()
    passkey_id = add_passkey(context, account_id(context, account.username))
    listed = (await account.client.passkeys()).passkeys
    assert [(p.id, p.name, p.transports) for p in listed] == [(passkey_id, "Laptop", ["internal"])]
    with pytest.raises(ApiError) as caught:
        await account.client.rename_passkey(passkey_id, "Phone")
    assert caught.value.code == "reauthentication_required"
    await reauthenticate(account, clock)
    with pytest.raises(ApiError) as caught:
        await account.client.rename_passkey(passkey_id, "  \x07  ")
    assert caught.value.code == "invalid_fields" and "name" in caught.value.fields
    renamed = await account.client.rename_passkey(passkey_id, "  My   phone ")
    assert renamed.name == "My phone"
    assert "renamed" in outbox.latest(account.email)["Subject"]
    with pytest.raises(ApiError) as caught:
        await account.client.remove_passkey(passkey_id + 1000)
    assert caught.value.code == "passkey_not_found"
    await account.client.remove_passkey(passkey_id)
    notice = outbox.latest(account.email)
    assert "removed" in notice["Subject"] and "My phone" in notice.get_content()
    assert "retirée" in notice.get_content()  # both official languages
    assert (await account.client.passkeys()).passkeys == []
    kinds = [event.kind for event in (await account.client.activity()).events]
    assert {"passkey_renamed", "passkey_removed"} <= set(kinds)


async def test_another_account_s_passkey_is_not_found(make_account, clock, context):
    alice = await make_account("alice2026")
    bob = await make_account("bob20261")
    passkey_id = add_passkey(context, account_id(context, alice.username))
    await reauthenticate(bob, clock)
    with pytest.raises(ApiError) as caught:
        await bob.client.remove_passkey(passkey_id)
    assert caught.value.code == "passkey_not_found"


async def test_the_last_way_in_is_not_removed(make_account, clock, context):
    account = await make_account()
    owner = account_id(context, account.username)
    first = add_passkey(context, owner)
    second = add_passkey(context, owner, "Key", b"cred-2")
    await reauthenticate(account, clock)
    # an account whose only factors are its passkeys (no app or email method, no recovery code left)
    with context.engine.begin() as conn:
        conn.execute(update(accounts).where(accounts.c.id == owner).values(two_factor_method=None))
        conn.execute(delete(recovery_codes).where(recovery_codes.c.account_id == owner))
    await account.client.remove_passkey(first)
    with pytest.raises(ApiError) as caught:
        await account.client.remove_passkey(second)
    assert (caught.value.status, caught.value.code) == (409, "last_factor")


async def test_openapi_lists_the_passkey_calls(client):
    document = (await client.request("GET", "/openapi.json")).json()
    assert {"get", "post"} <= set(document["paths"]["/api/v1/me/passkeys"])
    assert {"get", "post"} <= set(document["paths"]["/api/v1/sessions/current/passkey"])
    assert {"patch", "delete"} <= set(document["paths"]["/api/v1/me/passkeys/{passkey_id}"])


async def test_many_pages_at_once_answer(service, make_account, clock):
    """Concurrent page loads of one address all answer (reads change nothing)."""
    account = await make_account()
    await reauthenticate(account, clock)
    hand_off = await account.client.start_passkey_enrolment()
    answers = await asyncio.gather(*(Browser(service).open(hand_off.url) for _ in range(8)))
    assert {answer.status_code for answer in answers} == {200}


async def test_the_export_lists_and_deletion_forgets_the_passkeys(make_account, clock, context):
    account = await make_account()
    owner = account_id(context, account.username)
    add_passkey(context, owner)
    exported = (await account.client.request("GET", "/api/v1/me/export")).json()
    assert [p["name"] for p in exported["data"]["passkeys"]] == ["Laptop"]
    await reauthenticate(account, clock)
    await account.client.request("DELETE", "/api/v1/me", json={"confirm_username": account.username})
    with context.engine.connect() as conn:
        assert conn.execute(passkeys.select().where(passkeys.c.account_id == owner)).first() is None
