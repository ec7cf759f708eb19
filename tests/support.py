"""Test helpers shared by the service and console suites."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

import httpx
import pyotp

from gckey_tui.api import ServiceClient
from gckey_tui.api import models as m
from gckey_tui.service.clock import Clock
from gckey_tui.testing import Mailbox

PASSWORD = "Maple7Syrup"
ANSWERS = [("q01", "the lake in summer"), ("q03", "Biscuit"), ("q05", "École Laval")]


class Outbox(Mailbox):
    """The kit's ``Mailbox`` of a service (its Maildir, its outbox delivered first), also under the names the
    older tests use (``last``, ``last_code``)."""

    @classmethod
    def of(cls, app: Any) -> Outbox:
        """The mail of a service app."""
        context = app.state.context
        return cls(context.mailer.maildir, context.outbox)

    last = Mailbox.latest
    last_code = Mailbox.latest_code


def totp_code(secret: str, clock: Clock, steps_ahead: int = 0) -> str:
    """The authenticator code at the service's time (optionally a later step)."""
    return pyotp.TOTP(secret).at(clock.now().timestamp() + 30 * steps_ahead)


@dataclass
class Account:
    """A registered account with a TOTP second factor, and a client signed in as it."""

    username: str
    password: str
    email: str
    secret: str
    recovery_codes: list[str]
    client: ServiceClient
    extra: dict = field(default_factory=dict)


def registration(username: str, email: str, password: str = PASSWORD, language: str = "en") -> m.RegistrationRequest:
    """A valid registration request."""
    return m.RegistrationRequest(
        username=username,
        password=password,
        email=email,
        security_answers=[m.SecurityAnswer(question_id=q, answer=a) for q, a in ANSWERS],
        language=language,
    )


async def register_account(
    client: ServiceClient, outbox: Outbox, clock: Clock, username: str, *, language: str = "en"
) -> Account:
    """Register, verify the email, set up TOTP: ``client`` ends fully signed in."""
    email = f"{username.lower()}@example.com"
    created = await client.register(registration(username, email, language=language))
    await client.verify_registration(created.registration_id, outbox.last_code(email))
    enrolment = await client.start_enrolment("totp")
    codes = await client.confirm_enrolment(enrolment.enrolment_id, totp_code(enrolment.secret, clock))
    # the setup step is spent; the next sign-in needs the next step's code
    clock.advance(seconds=30)
    return Account(username, PASSWORD, email, enrolment.secret, codes.recovery_codes, client)


async def enter_user_code(web: httpx.AsyncClient, verification_uri: str, user_code: str) -> httpx.Response:
    """What a person does on the verification page: open it, type the code, confirm partner and code.

    Returns the service's last answer: the redirect to the partner, or the page that refused.
    """
    form = await web.get(verification_uri)
    token = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
    sent = await web.post(verification_uri, data={"user_code": user_code, "csrf": token})
    if sent.status_code != 200 or 'id="confirm"' not in sent.text:
        return sent
    token = re.search(r'name="csrf" value="([^"]+)"', sent.text).group(1)
    confirm_uri = verification_uri.replace("/partners/verify", "/partners/confirm")
    return await web.post(confirm_uri, data={"user_code": user_code, "csrf": token})


def free_port() -> int:
    """A TCP port nothing listens on (yet)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpServer:
    """A real SMTP server (aiosmtpd) on ``port``, keeping what it receives; started and stopped on demand."""

    def __init__(self, port: int) -> None:
        from aiosmtpd.controller import Controller

        self.received: list[EmailMessage] = []
        #: the envelope sender of each message, as the relay saw it
        self.senders: list[str] = []
        self.controller = Controller(self, hostname="127.0.0.1", port=port)

    async def handle_DATA(self, server, session, envelope) -> str:  # aiosmtpd's hook
        from email import message_from_bytes
        from email import policy as email_policy

        self.senders.append(envelope.mail_from)
        self.received.append(message_from_bytes(envelope.original_content, policy=email_policy.default))
        return "250 OK"

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.controller.stop()
