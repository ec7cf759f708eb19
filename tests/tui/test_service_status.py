"""The console tells a busy service (503, Retry-After) and late mail apart from failures, in both languages."""

from __future__ import annotations

import shutil

import httpx
import pytest
from pilot_support import PASSWORD, fill, message, settle
from support import Outbox, registration

from gckey_tui.api import ServiceClient
from gckey_tui.screens.base import error_text
from gckey_tui.screens.second_factor import SecondFactorScreen
from gckey_tui.screens.sign_in import SignInScreen
from gckey_tui.testing import SIZE


async def sign_in(pilot, username: str) -> None:  # noqa: ANN001
    await pilot.press("s")
    await settle(pilot)
    await fill(pilot, "#username", username)
    await fill(pilot, "#password", PASSWORD)
    await pilot.press("enter")
    await settle(pilot)


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_a_busy_service_is_a_retry_message(make_console, console_service, language) -> None:
    pool = console_service.state.context.secrets.pool
    learnt = pool.mean_seconds, pool.pace_seconds
    app = make_console(language)
    async with app.run_test(size=SIZE) as pilot:
        pool.mean_seconds, pool.pace_seconds = 1.0, 1.0 / pool.slots
        try:
            with pool.admit(pool.slots * 10, max_wait=float("inf")):  # a flood's worth of hashing queued
                await sign_in(pilot, "anyone2026")
        finally:
            pool.mean_seconds, pool.pace_seconds = learnt
        assert isinstance(app.screen, SignInScreen)
        expected = ("The service is busy", "Try again in 11 s.") if language == "en" else ("très sollicité", "11 s")
        assert all(part in message(app) for part in expected), message(app)


def test_a_proxys_503_page_is_busy_too() -> None:
    page = httpx.Response(503, text="<html>Service Unavailable</html>", headers={"Retry-After": "5"})
    error = ServiceClient._error(page)
    assert (error.code, error.retry_after) == ("busy", 5)
    assert error_text(error).startswith("The service is busy")


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_the_second_factor_step_says_when_mail_is_late(make_console, console_service, language) -> None:
    mail = Outbox.of(console_service)
    async with ServiceClient.in_process(console_service) as client:
        created = await client.register(registration("latemail26", "latemail26@example.com"))
        await client.verify_registration(created.registration_id, mail.last_code("latemail26@example.com"))
        enrolment = await client.start_enrolment("email")
        await client.confirm_enrolment(enrolment.enrolment_id, mail.last_code("latemail26@example.com"))
    # the mail store breaks: deliveries fail from now on
    shutil.rmtree(mail.path)
    mail.path.write_text("not a Maildir")
    app = make_console(language)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "latemail26")  # the email code is asked for at once
        assert isinstance(app.screen, SecondFactorScreen)
        assert console_service.state.context.outbox.flush().failed == 1
        await pilot.press("ctrl+n")
        await settle(pilot)
        late = "Email is running late" if language == "en" else "Les courriels ont du retard"
        assert late in message(app), message(app)
