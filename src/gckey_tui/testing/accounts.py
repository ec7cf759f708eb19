"""Accounts for tests: valid registration details, and an account made through the API in one call (for tests
that start from a signed-in session rather than walk registration through the screens)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pyotp

if TYPE_CHECKING:
    from gckey_tui.api import ServiceClient
    from gckey_tui.api import models as m
    from gckey_tui.service.clock import Clock, FrozenClock
    from gckey_tui.testing.mailbox import Mailbox

#: a password the service accepts (upper, lower, digit; not common; no run of a test username)
PASSWORD = "Maple7Syrup"
#: three recovery questions of the service's list, with answers
ANSWERS = [("q01", "the lake in summer"), ("q03", "Biscuit"), ("q05", "École Laval")]


def totp_code(secret: str, clock: Clock, steps_ahead: int = 0) -> str:
    """The authenticator's code for ``secret`` at ``clock``'s time (``steps_ahead``: a later 30-second step)."""
    return pyotp.TOTP(secret).at(clock.now().timestamp() + 30 * steps_ahead)


@dataclass
class Account:
    """A registered account with an authenticator app, and a client signed in as it."""

    username: str
    password: str
    email: str
    secret: str
    recovery_codes: list[str]
    client: ServiceClient
    extra: dict[str, Any] = field(default_factory=dict)


def registration(username: str, email: str, password: str = PASSWORD, language: str = "en") -> m.RegistrationRequest:
    """A valid registration request."""
    from gckey_tui.api import models as m

    return m.RegistrationRequest(
        username=username,
        password=password,
        email=email,
        security_answers=[m.SecurityAnswer(question_id=q, answer=a) for q, a in ANSWERS],
        language=language,
    )


async def register_account(
    client: ServiceClient, mailbox: Mailbox, clock: FrozenClock, username: str, *, language: str = "en"
) -> Account:
    """Register ``username`` (email ``<username>@example.com``), verify the email, set up the authenticator:
    ``client`` ends fully signed in. ``clock`` is the service's."""
    email = f"{username.lower()}@example.com"
    created = await client.register(registration(username, email, language=language))
    await client.verify_registration(created.registration_id, mailbox.latest_code(email))
    enrolment = await client.start_enrolment("totp")
    codes = await client.confirm_enrolment(enrolment.enrolment_id, totp_code(enrolment.secret, clock))
    # the setup step is spent; the next sign-in needs the next step's code
    clock.advance(seconds=30)
    return Account(username, PASSWORD, email, enrolment.secret, codes.recovery_codes, client)


async def sign_in_demo(client: ServiceClient, clock: FrozenClock) -> None:
    """Sign ``client`` in as the demo account (``EmbeddedService.seed_demo()``, ``gckey_tui.demo``), password and
    authenticator code. ``clock`` (the service's) moves on to a fresh 30-second step first, since the service
    accepts each step once: call it as often as a test needs a demo session."""
    from gckey_tui.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERNAME

    clock.advance(seconds=30)
    await client.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    await client.submit_second_factor(totp_code(DEMO_TOTP_SECRET, clock))
