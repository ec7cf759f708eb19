"""Partner sign-in over RFC 8628 against the development partner: every token answer, the browser leg, links."""

from __future__ import annotations

import asyncio
import re
import warnings
from html import unescape
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from sqlalchemy import func, select
from support import enter_user_code

from gckey_tui.api import ServiceClient
from gckey_tui.api.errors import ApiError
from gckey_tui.api.models_partners import DEVICE_GRANT
from gckey_tui.config import Settings
from gckey_tui.service import create_app
from gckey_tui.service import partners_oidc as oidc
from gckey_tui.service.flows.partners import attempt_secrets
from gckey_tui.service.partner_registry import PARTNER_IDS, partner_config
from gckey_tui.service.tables.partners import partner_links

with warnings.catch_warnings():  # authlib announces a future httpx module rename on import
    warnings.simplefilter("ignore")
    from authlib.integrations.httpx_client import AsyncOAuth2Client, OAuthError

BASE = "http://gckey.local"


class Browser:
    """A cookie-keeping browser over the service app, following nothing by itself."""

    def __init__(self, app, language: str = "en") -> None:
        self.http = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url=BASE, headers={"Accept-Language": language}
        )

    async def enter_code(self, user_code: str) -> httpx.Response:
        return await enter_user_code(self.http, "/partners/verify", user_code)

    async def consent(self, user_code: str, decision: str) -> httpx.Response:
        """Enter the code, answer the partner's consent page; returns the redirect back to the service."""
        sent = await self.enter_code(user_code)
        assert sent.status_code == 303, sent.text
        consent = await self.http.get(sent.headers["location"])
        assert consent.status_code == 200 and 'id="allow"' in consent.text
        fields = {name: unescape(value) for name, value in re.findall(r'name="(\w+)" value="([^"]*)"', consent.text)}
        fields["decision"] = decision
        back = await self.http.post("/dev-partner/authorize", data=fields)
        assert back.status_code == 303
        return back

    async def sign_in(self, user_code: str, decision: str = "allow") -> httpx.Response:
        """The whole browser leg; returns the callback page."""
        back = await self.consent(user_code, decision)
        return await self.http.get(back.headers["location"])


async def expect_error(call, code: str) -> ApiError:
    with pytest.raises(ApiError) as caught:
        await call
    assert caught.value.code == code, caught.value
    return caught.value


async def test_partner_list_has_the_seed_and_the_dev_partner(client):
    listed = (await client.partners()).partners
    assert [p.id for p in listed] == [*PARTNER_IDS, "dev"]
    assert [p.id for p in listed if p.available] == ["dev"]
    client.language = "fr"
    names = {p.id: p.name for p in (await client.partners()).partners}
    assert names["td"] == "Groupe Banque TD"


async def test_unknown_and_unconfigured_partners_are_refused(client):
    await expect_error(client.start_partner_sign_in("nope"), "partner_not_found")
    error = await expect_error(client.start_partner_sign_in("td"), "partner_unavailable")
    assert error.status == 409


async def test_device_authorization_answer(client):
    grant = await client.start_partner_sign_in("dev")
    assert re.fullmatch(r"[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}", grant.user_code)
    assert grant.verification_uri == f"{BASE}/partners/verify"
    assert grant.verification_uri_complete == f"{BASE}/partners/verify?user_code={grant.user_code}"
    assert (grant.expires_in, grant.interval) == (600, 5)
    assert len(grant.device_code) >= 43


async def test_pending_then_slow_down_when_polling_faster_than_the_interval(client, clock):
    grant = await client.start_partner_sign_in("dev")
    await expect_error(client.poll_partner_sign_in(grant.device_code), "authorization_pending")
    clock.advance(seconds=4)
    slow = await expect_error(client.poll_partner_sign_in(grant.device_code), "slow_down")
    assert (slow.status, slow.retry_after) == (400, 10)  # the interval grew by 5 s
    clock.advance(seconds=9)
    await expect_error(client.poll_partner_sign_in(grant.device_code), "slow_down")
    clock.advance(seconds=15)
    await expect_error(client.poll_partner_sign_in(grant.device_code), "authorization_pending")


async def test_expired_code(client, clock, service):
    grant = await client.start_partner_sign_in("dev")
    clock.advance(minutes=10)
    await expect_error(client.poll_partner_sign_in(grant.device_code), "expired_token")
    page = await Browser(service).enter_code(grant.user_code)
    assert page.status_code == 400 and 'id="error"' in page.text


async def test_denied_consent(client, service):
    grant = await client.start_partner_sign_in("dev")
    page = await Browser(service).sign_in(grant.user_code, "deny")
    assert "refused" in page.text
    await expect_error(client.poll_partner_sign_in(grant.device_code), "access_denied")


async def test_approved_sign_in_yields_an_authenticated_session_once(client, service, new_client):
    grant = await client.start_partner_sign_in("dev")
    page = await Browser(service).sign_in(grant.user_code)
    assert page.status_code == 200 and "signed in" in page.text
    created = await client.poll_partner_sign_in(grant.device_code)
    assert created.state == "authenticated"  # no second factor asked
    me = await client.me()
    assert me.username is None and me.two_factor.method is None
    # the device code is single use: a replay is refused and yields no second session
    replay = new_client()
    await expect_error(replay.poll_partner_sign_in(grant.device_code), "invalid_grant")
    await expect_error(replay.poll_partner_sign_in("made-up-device-code"), "invalid_grant")


async def test_the_same_partner_user_gets_the_same_account_and_only_a_pairwise_id_is_kept(
    client, service, new_client, context
):
    accounts = []
    for _ in range(2):
        console = new_client()
        grant = await console.start_partner_sign_in("dev")
        await Browser(service).sign_in(grant.user_code)
        await console.poll_partner_sign_in(grant.device_code)
        accounts.append((await console.me()).created_at)
    assert accounts[0] == accounts[1]
    with context.engine.connect() as conn:
        links = conn.execute(select(partner_links)).mappings().all()
    assert len(links) == 1
    assert "dev-tester-0001" not in links[0]["subject_hmac"]
    assert links[0]["subject_hmac"] == context.secrets.hmac(
        "partner-subject", "dev\0https://dev-partner.gckey.invalid\0dev-tester-0001"
    )


async def test_codes_are_stored_only_as_hmacs(client, context):
    from test_storage import every_stored_value

    grant = await client.start_partner_sign_in("dev")
    stored = every_stored_value(context.engine)
    for secret in (grant.device_code, grant.user_code, grant.user_code.replace("-", "")):
        assert secret not in stored


async def test_a_signed_in_account_attaches_the_partner(make_account, service, new_client):
    account = await make_account("attach2026")
    grant = await account.client.start_partner_sign_in("dev")
    await Browser(service).sign_in(grant.user_code)
    console = new_client()
    await console.poll_partner_sign_in(grant.device_code)
    assert (await console.me()).username == "attach2026"
    # a second account cannot take the same partner identity
    other = await make_account("other2026")
    grant = await other.client.start_partner_sign_in("dev")
    page = await Browser(service).sign_in(grant.user_code)
    assert page.status_code == 409
    await expect_error(other.client.poll_partner_sign_in(grant.device_code), "identity_linked_elsewhere")


async def test_half_signed_in_session_cannot_attach(make_account, new_client):
    account = await make_account("halfway2026")
    console = new_client()
    await console.sign_in(account.username, account.password)
    await expect_error(console.start_partner_sign_in("dev"), "session_incomplete")


async def test_callback_needs_the_browser_that_entered_the_code(client, service):
    grant = await client.start_partner_sign_in("dev")
    back = await Browser(service).consent(grant.user_code, "allow")
    # another browser (no state cookie) following the same link: login CSRF refused
    stranger = await Browser(service).http.get(back.headers["location"])
    assert stranger.status_code == 400
    await expect_error(client.poll_partner_sign_in(grant.device_code), "authorization_pending")


async def test_a_replayed_callback_changes_nothing(client, service):
    grant = await client.start_partner_sign_in("dev")
    browser = Browser(service)
    back = await browser.consent(grant.user_code, "allow")
    first = await browser.http.get(back.headers["location"])
    assert first.status_code == 200
    browser.http.cookies.set("gckey_partner_attempt", parse_qs(urlsplit(back.headers["location"]).query)["state"][0])
    again = await browser.http.get(back.headers["location"])
    assert again.status_code == 400


async def test_nonce_and_pkce_are_checked(client, service, context):
    grant = await client.start_partner_sign_in("dev")
    back = await Browser(service).consent(grant.user_code, "allow")
    query = parse_qs(urlsplit(back.headers["location"]).query)
    code, state = query["code"][0], query["state"][0]
    nonce, verifier = attempt_secrets(context, state)
    partner = partner_config(context.settings, "dev", BASE, context.secrets.hmac)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=service)) as http:
        document = await oidc.discover(http, partner)
        with pytest.raises(oidc.PartnerFailure):  # wrong PKCE verifier: the partner refuses the code
            await oidc.verified_subject(
                http, document, partner, BASE, code, nonce, verifier[:-1] + "x", context.clock.now()
            )
        with pytest.raises(oidc.PartnerFailure):  # wrong nonce: we refuse the ID token
            await oidc.verified_subject(
                http, document, partner, BASE, code, "other-nonce", verifier, context.clock.now()
            )
        subject = await oidc.verified_subject(http, document, partner, BASE, code, nonce, verifier, context.clock.now())
    assert subject == "dev-tester-0001"


async def test_the_dev_partner_exists_only_in_demo_and_test_settings(tmp_path, clock):
    settings = Settings(
        data_dir=tmp_path / "prod",
        database_url=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        secret_key="k-0123456789abcdef0123456789abcdef",
        hash_profile="fast",
    )
    app = create_app(settings, clock=clock)
    async with ServiceClient.in_process(app) as console:
        assert "dev" not in [p.id for p in (await console.partners()).partners]
        await expect_error(console.start_partner_sign_in("dev"), "partner_not_found")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE) as http:
        assert (await http.get("/dev-partner/.well-known/openid-configuration")).status_code == 404
    app.state.context.engine.dispose()


async def test_french_pages(client, service):
    grant = await client.start_partner_sign_in("dev")
    browser = Browser(service, "fr")
    page = await browser.http.get(grant.verification_uri_complete)
    assert "Entrez le code" in page.text and grant.user_code in page.text
    done = await browser.sign_in(grant.user_code)
    assert "Vous êtes connecté" in done.text


async def test_concurrent_polls_of_an_approved_code_yield_one_session(client, service, new_client, settings, context):
    if "sqlite" in settings.database_url:
        pytest.skip("the race is meaningful on PostgreSQL")
    grant = await client.start_partner_sign_in("dev")
    await Browser(service).sign_in(grant.user_code)
    results = await asyncio.gather(
        *(new_client().poll_partner_sign_in(grant.device_code) for _ in range(16)), return_exceptions=True
    )
    assert sum(not isinstance(result, Exception) for result in results) == 1
    assert all(result.code == "invalid_grant" for result in results if isinstance(result, ApiError))
    with context.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(partner_links)).scalar() == 1


async def test_user_code_guesses_are_limited(client, service, clock):
    grant = await client.start_partner_sign_in("dev")
    browser = Browser(service)
    for _ in range(30):
        assert (await browser.enter_code("BBBB-BBBB")).status_code == 400
    # the 31st try in the hour is refused even with the right code
    assert (await browser.enter_code(grant.user_code)).status_code == 429
    clock.advance(minutes=61)
    fresh = await client.start_partner_sign_in("dev")
    assert (await browser.enter_code(fresh.user_code)).status_code == 303


# -- the same token endpoint as any OAuth 2.0 client speaks it (form-encoded, RFC 6749 §5.1/§5.2 answers) --

TOKEN_URL = f"{BASE}/api/v1/partners/device-token"


def oauth_client(service, language: str = "en") -> AsyncOAuth2Client:
    """Authlib's OAuth 2.0 client, a third party's view of the token endpoint."""
    return AsyncOAuth2Client(
        client_id="third-party-console",
        token_endpoint_auth_method="none",
        transport=httpx.ASGITransport(app=service),
        headers={"Accept-Language": language},
    )


async def fetch_device_token(oauth: AsyncOAuth2Client, device_code: str) -> dict:
    return await oauth.fetch_token(TOKEN_URL, grant_type=DEVICE_GRANT, device_code=device_code)


async def test_an_oauth_client_gets_rfc_8628_answers_and_a_bearer_token(client, service, clock, new_client):
    grant = await client.start_partner_sign_in("dev")
    async with oauth_client(service) as oauth:
        with pytest.raises(OAuthError) as pending:
            await fetch_device_token(oauth, grant.device_code)
        assert pending.value.error == "authorization_pending"
        clock.advance(seconds=4)
        with pytest.raises(OAuthError) as slow:
            await fetch_device_token(oauth, grant.device_code)
        assert slow.value.error == "slow_down"
        await Browser(service).sign_in(grant.user_code)
        clock.advance(seconds=10)
        token = await fetch_device_token(oauth, grant.device_code)
        assert token["token_type"] == "Bearer" and 0 < token["expires_in"] <= 12 * 3600
        with pytest.raises(OAuthError) as replay:
            await fetch_device_token(oauth, grant.device_code)
        assert replay.value.error == "invalid_grant"
    signed_in = new_client()
    signed_in.token = token["access_token"]
    assert (await signed_in.me()).username is None  # the partner-made account, signed in


async def test_oauth_form_answers_have_the_rfc_6749_shape(client, service, clock):
    grant = await client.start_partner_sign_in("dev")
    http = Browser(service, "fr").http
    answer = await http.post(TOKEN_URL, data={"grant_type": DEVICE_GRANT, "device_code": grant.device_code})
    assert answer.status_code == 400 and answer.headers["cache-control"] == "no-store"
    assert answer.json() == {"error": "authorization_pending", "error_description": answer.json()["error_description"]}
    assert "partenaire" in answer.json()["error_description"]  # localised like every other answer
    wrong_grant = await http.post(TOKEN_URL, data={"grant_type": "password", "device_code": grant.device_code})
    assert wrong_grant.json()["error"] == "unsupported_grant_type"
    for fields in ({"device_code": grant.device_code}, {"grant_type": DEVICE_GRANT}):
        missing = await http.post(TOKEN_URL, data=fields)
        assert (missing.status_code, missing.json()["error"]) == (400, "invalid_request")
    await Browser(service).sign_in(grant.user_code, "deny")
    clock.advance(seconds=6)
    denied = await http.post(TOKEN_URL, data={"grant_type": DEVICE_GRANT, "device_code": grant.device_code})
    assert denied.json()["error"] == "access_denied"
    expired = await client.start_partner_sign_in("dev")
    clock.advance(minutes=10)
    late = await http.post(TOKEN_URL, data={"grant_type": DEVICE_GRANT, "device_code": expired.device_code})
    assert late.json()["error"] == "expired_token"
