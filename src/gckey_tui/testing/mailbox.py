"""The mail a service sent, read from its Maildir: what a user would find in their inbox."""

from __future__ import annotations

import re
import time
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Self

#: a code as the service's messages write it: six digits on their own
CODE = re.compile(r"\b(\d{6})\b")


class Mailbox:
    """The Maildir a service delivers to (``GCKEY_MAIL_DIR``): every message, oldest first.

    Mail goes through the service's outbox: given that ``queue`` (an embedded service's), what it holds is
    delivered first, as its sender would; a served instance's sender delivers in the background, so
    ``latest`` waits a little for a message to arrive.
    """

    def __init__(self, path: Path, queue: Any = None, *, wait: float = 10.0) -> None:
        self.path = Path(path)
        self.queue = queue
        self.wait = wait

    @classmethod
    def of(cls, service: Any) -> Self:
        """The mail of the service app ``service`` (``create_app``'s, in this process): its Maildir, its outbox
        delivered first."""
        context = service.state.context
        return cls(context.mailer.maildir, context.outbox)

    def messages(self, to: str | None = None) -> list[EmailMessage]:
        """Every message, oldest first; only those to ``to`` when given."""
        from gckey_tui.service.mail import read_maildir

        if self.queue is not None:
            self.queue.flush()
        return [message for message in read_maildir(self.path) if to is None or message["To"] == to]

    def latest(self, to: str | None = None) -> EmailMessage:
        """The newest message (to ``to``); an ``AssertionError`` when there is none (after a short wait)."""
        deadline = time.monotonic() + self.wait
        while not (messages := self.messages(to)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert messages, f"no mail to {to or 'anyone'} in {self.path}"
        return messages[-1]

    def latest_code(self, to: str | None = None) -> str:
        """The 6-digit code in the newest message (to ``to``): a registration, sign-in or recovery code."""
        body = self.latest(to).get_content()
        found = CODE.search(body)
        assert found, f"no 6-digit code in the latest mail to {to or 'anyone'}:\n{body}"
        return found.group(1)
