"""Hostile requests over HTTP: every one a 4xx with the error envelope, and the headers every answer owes."""

from __future__ import annotations

import re

import httpx
import pytest
from test_reports import DLI_A, NOVEMBER, institution

from gckey_tui.api.models_partners import DEVICE_GRANT
from gckey_tui.service.body_limits import DEFAULT_LIMIT
from gckey_tui.testing import totp_code

API = "/api/v1"
REPORT = f"{API}/institutions/{DLI_A}/reports/{NOVEMBER}"


@pytest.fixture
async def http(service):
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=service), base_url="http://testserver") as client:
        yield client


@pytest.fixture
async def principal(context, make_account):
    """Bearer headers of a principal of an institution whose November report is open."""
    account = await make_account("alice2026")
    institution(context, username="alice2026", students=3)
    return {"Authorization": f"Bearer {account.client.token}"}


def envelope(response: httpx.Response) -> dict:
    body = response.json()
    assert set(body["error"]) == {"code", "message", "fields"} and body["error"]["message"]
    return body["error"]


async def test_an_unknown_report_status_filter_is_a_422_naming_the_field(http, principal):
    answer = await http.get(REPORT, params={"status": "NO_SHOW"}, headers=principal)
    assert answer.status_code == 422
    assert "status" in envelope(answer)["fields"]
    assert (await http.get(REPORT, params={"status": "missing"}, headers=principal)).status_code == 200


async def test_a_row_date_must_be_a_date_string(http, principal):
    path = f"{REPORT}/students/S000001"
    for bad in (0, 1700000000, "0", "1700000000", True):
        answer = await http.patch(path, json={"status": "no_show", "effective_date": bad}, headers=principal)
        assert answer.status_code == 422, bad
        assert "effective_date" in envelope(answer)["fields"]
    good = await http.patch(path, json={"status": "no_show", "effective_date": "2026-11-01"}, headers=principal)
    assert good.status_code == 200 and good.json()["effective_date"] == "2026-11-01"


@pytest.mark.parametrize("path", ["/partners/verify", f"{API}/partners/device-token"])
async def test_a_form_with_too_many_fields_is_a_400(http, path):
    fields = "&".join(f"f{n}=x" for n in range(30))
    answer = await http.post(
        path,
        content=f"grant_type={DEVICE_GRANT}&device_code=x&{fields}",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert answer.status_code == 400
    assert envelope(answer)["code"] == "bad_request"


@pytest.mark.parametrize(
    ("path", "body"),
    [
        (f"{API}/recovery/username", {"email": "x\u0000@example.com"}),
        (f"{API}/recovery/password", {"username": "alice\u00002026"}),
        (
            f"{API}/registrations",
            {
                "username": "nul0user",
                "password": "Maple7Syrup",
                "email": "nul\u0000@example.com",
                "security_answers": [{"question_id": q, "answer": "a\u0000"} for q in ("q01", "q03", "q05")],
                "language": "en",
            },
        ),
    ],
    ids=["recovery username", "recovery password", "registration"],
)
async def test_a_nul_character_is_refused_not_a_500(http, path, body):
    answer = await http.post(path, json=body)
    assert 400 <= answer.status_code < 500 or answer.status_code == 202, answer.text
    if answer.status_code != 202:
        envelope(answer)


async def test_an_undeclared_method_is_a_405_naming_every_allowed_method(http):
    answer = await http.request("PUT", f"{API}/me")  # GET and DELETE are two separate routes
    assert answer.status_code == 405
    assert set(re.split(r",\s*", answer.headers["allow"])) >= {"GET", "DELETE"}
    assert envelope(answer)["code"] == "method_not_allowed"


async def test_bodies_over_their_route_limit_are_refused_before_they_are_read(http, principal):
    big = b"x" * (DEFAULT_LIMIT + 1)
    declared = await http.post(f"{API}/sessions", content=big, headers={"Content-Type": "application/json"})
    assert declared.status_code == 413 and envelope(declared)["code"] == "payload_too_large"

    async def chunks():  # no Content-Length: counted as it streams
        for _ in range(DEFAULT_LIMIT // 1024 + 2):
            yield b" " * 1024

    streamed = await http.post(f"{API}/sessions", content=chunks(), headers={"Content-Type": "application/json"})
    assert streamed.status_code == 413 and envelope(streamed)["code"] == "payload_too_large"
    # the CSV import takes far more than a JSON call, up to its own limit, with its own message
    csv = b"student_id,status\n" + b"S000001,no_show\n" * 10_000
    assert len(csv) > DEFAULT_LIMIT
    taken = await http.put(f"{REPORT}/statuses", content=csv, headers={**principal, "Content-Type": "text/csv"})
    assert taken.status_code == 422 and taken.json()["error_count"] == 9_999  # read and checked, not refused
    huge = await http.put(
        f"{REPORT}/statuses",
        content=b"x" * (16 * 1024 * 1024 + 1),
        headers={**principal, "Content-Type": "text/csv"},
    )
    assert huge.status_code == 413 and envelope(huge)["code"] == "csv_too_large"


async def test_answers_with_tokens_codes_or_secrets_are_never_cached(http, make_account, clock):
    account = await make_account("alice2026")
    sign_in = await http.post(f"{API}/sessions", json={"username": account.username, "password": account.password})
    token = sign_in.json()["token"]
    bearer = {"Authorization": f"Bearer {token}"}
    second = await http.post(
        f"{API}/sessions/current/two-factor", json={"code": totp_code(account.secret, clock)}, headers=bearer
    )
    api_token = await http.post(f"{API}/me/tokens", json={"name": "cron"}, headers=bearer)
    grant = await http.post(f"{API}/partners/dev/device-authorizations")
    poll = await http.post(f"{API}/partners/device-token", json={"device_code": grant.json()["device_code"]})
    wrong = await http.post(f"{API}/sessions", json={"username": "nobody26", "password": "Wrong1234"})
    for answer in (sign_in, second, api_token, grant, poll, wrong):
        assert answer.headers["cache-control"] == "no-store", answer.request.url
        assert answer.headers["x-content-type-options"] == "nosniff"
    meta = await http.get(f"{API}/meta")  # public and the same for everyone: may be cached
    assert "no-store" not in meta.headers.get("cache-control", "")


async def test_html_pages_have_a_content_security_policy(http):
    page = await http.get("/partners/verify")
    assert page.headers["content-type"].startswith("text/html")
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy and "script-src" not in policy
    assert page.headers["x-content-type-options"] == "nosniff"


async def test_no_documentation_pages_that_load_unpinned_scripts(http):
    for path in ("/docs", "/redoc"):
        assert (await http.get(path)).status_code == 404
    assert (await http.get("/openapi.json")).status_code == 200


async def test_the_openapi_document_states_the_bearer_scheme_and_the_csv_refusal(http):
    document = (await http.get("/openapi.json")).json()
    assert document["components"]["securitySchemes"]["bearer"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "A session token, or a reports:read API token for reads",
    }
    assert {"bearer": []} in document["paths"][f"{API}/me"]["get"]["security"]
    assert "security" not in document["paths"][f"{API}/sessions"]["post"]
    refusal = document["paths"]["/api/v1/institutions/{dli}/reports/{cycle_name}/statuses"]["put"]["responses"]["422"]
    schema = document["components"]["schemas"][refusal["content"]["application/json"]["schema"]["$ref"].split("/")[-1]]
    assert set(schema["required"]) == {"error", "errors", "error_count"}
    assert schema["properties"]["errors"]["maxItems"] == 100


@pytest.mark.parametrize(("language", "text"), [("en", "wait 10 seconds"), ("fr", "attendez 10 secondes")])
async def test_slow_down_says_how_long_to_wait(service, client, clock, language, text):
    grant = await client.start_partner_sign_in("dev")
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=service), base_url="http://testserver", headers={"Accept-Language": language}
    ) as http:
        form = {"grant_type": DEVICE_GRANT, "device_code": grant.device_code}
        await http.post(f"{API}/partners/device-token", data=form)
        slow = await http.post(f"{API}/partners/device-token", data=form)
        assert slow.json()["error"] == "slow_down"
        description = slow.json()["error_description"]
        assert "{interval}" not in description and text in description
