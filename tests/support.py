"""Test helpers shared by the service and console suites. The accounts helpers, ``free_port`` and ``Outbox`` are
the testing kit's (``gckey_tui.testing``), re-exported under the names older tests import from here."""

from __future__ import annotations

import re
from email.message import EmailMessage

import httpx

from gckey_tui.testing import (  # noqa: F401 - the kit's, under the names the tests import from here
    ANSWERS,
    PASSWORD,
    Account,
    Mailbox,
    register_account,
    registration,
    totp_code,
)
from gckey_tui.testing.served import free_port  # noqa: F401 - imported from here by tests


class Outbox(Mailbox):
    """The kit's ``Mailbox`` (``Outbox.of(app)``) also under the names older tests use: ``last``, ``last_code``."""

    last = Mailbox.latest
    last_code = Mailbox.latest_code


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
