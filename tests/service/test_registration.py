"""Registration: every field's rules, with localised field messages; usernames unique without case."""

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gckey_tui.api import ApiError
from gckey_tui.service import policy
from gckey_tui.testing import registration


async def test_bad_fields_are_reported_per_field_in_french(new_client):
    client = new_client("fr")
    request = registration("ab", "not-an-email", password="password")
    request.security_answers = request.security_answers[:2]
    with pytest.raises(ApiError) as refused:
        await client.register(request)
    error = refused.value
    assert error.status == 422 and error.code == "invalid_registration"
    assert error.fields == {
        "username": "Utilisez de 8 à 16 caractères.",
        "password": "Incluez une lettre majuscule.",
        "email": "Entrez une adresse courriel comme nom@exemple.com.",
        "security_answers": "Répondez à trois questions de récupération différentes.",
    }


async def test_usernames_are_unique_without_regard_to_case(make_account, client):
    await make_account("Unique2026")
    with pytest.raises(ApiError) as taken:
        await client.register(registration("UNIQUE2026", "other@example.com"))
    assert taken.value.fields["username"].startswith("This username is not available")


async def test_same_answer_twice_is_refused(client):
    request = registration("answers26", "answers26@example.com")
    request.security_answers[1].answer = request.security_answers[0].answer.upper()
    with pytest.raises(ApiError) as refused:
        await client.register(request)
    assert refused.value.fields == {"security_answers": "Use a different answer for each question."}


async def test_malformed_bodies_get_a_stable_code_not_a_500(service):
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=service), base_url="http://t") as http:
        for body in ([], {"username": 3}, {"unexpected": True}):
            answer = await http.post("/api/v1/registrations", json=body)
            assert answer.status_code == 422 and answer.json()["error"]["code"] == "invalid_request"
        answer = await http.post(
            "/api/v1/registrations", content=b"{not json", headers={"content-type": "application/json"}
        )
        assert answer.status_code == 422


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("Short1a", "policy.password.length"),
        ("a" * 60 + "Bc1" + "dd", "policy.password.length"),
        ("alllower123", "policy.password.upper"),
        ("ALLUPPER123", "policy.password.lower"),
        ("NoDigitsHere", "policy.password.digit"),
        ("Xmarie77Q", "policy.password.username"),
        ("Password1", "policy.password.common"),
    ],
)
def test_password_rules(password, problem):
    assert problem in policy.password_problems(password, "marie2026")


def test_a_good_password_passes():
    assert policy.password_problems("Maple7Syrup", "marie2026") == []
    assert len(policy.common_passwords()) >= 10_000


@pytest.mark.parametrize(
    ("username", "ok"),
    [
        ("marie2026", True),
        ("short1", False),
        ("a" * 17, False),
        ("marie_2026", False),
        ("ab12345678", False),
        ("ab1234567", True),
        ("élodie2026", False),
    ],
)
def test_username_rules(username, ok):
    assert (policy.username_problems(username) == []) is ok


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_username_validator_agrees_with_the_rule(username):
    expected = (
        8 <= len(username) <= 16
        and all(ch.isascii() and ch.isalnum() for ch in username)
        and sum(ch.isdigit() for ch in username) <= 7
    )
    assert (policy.username_problems(username) == []) is expected


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.text(alphabet=st.characters(categories=["Ll", "Lu", "Nd"]), min_size=3, max_size=16))
def test_password_never_accepted_when_it_holds_a_run_of_the_username(password, username):
    run = username[:3]
    assert "policy.password.username" in policy.password_problems(password + run, username)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=100))
def test_policy_checks_never_crash(text):
    policy.password_problems(text, text[:16])
    policy.email_problems(text)
    policy.password_strength(text)
