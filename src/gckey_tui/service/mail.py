"""Outgoing mail: real RFC 5322 messages, bilingual, delivered to a Maildir or over SMTP.

Messages are 7-bit clean (bodies quoted-printable or base64, headers RFC 2047 encoded words), so any relay
takes them whether or not it announces 8BITMIME. Flows do not send: they queue (``service/outbox.py``).
"""

from __future__ import annotations

import mailbox
import re
import smtplib
from email import policy
from email.header import Header
from email.headerregistry import HeaderRegistry, UnstructuredHeader
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import format_datetime, make_msgid
from pathlib import Path
from urllib.parse import unquote, urlparse

from gckey_tui.i18n import translate
from gckey_tui.i18n.labels import MAIL
from gckey_tui.service.clock import Clock

SEPARATOR = "\n\n" + "-" * 40 + "\n\n"


class _EncodedSubject(UnstructuredHeader):
    """A Subject folded by ``email.header``.

    The ``email`` package's own folder loses the space between two encoded words it splits a line near
    ("ont été essayés" arrives as "ont  étéessayés"), so a non-ASCII Subject is encoded here as one run of
    encoded words that carry their spaces inside them, each line within the policy's length.
    """

    def fold(self, *, policy: policy.Policy) -> str:
        value = str(self)
        if value.isascii():
            return super().fold(policy=policy)
        encoded = Header(value, "utf-8", maxlinelen=policy.max_line_length, header_name=self.name)
        return f"{self.name}: {encoded.encode(linesep=policy.linesep)}{policy.linesep}"


def _mail_headers() -> HeaderRegistry:
    registry = HeaderRegistry()
    registry.map_to_type("subject", _EncodedSubject)
    return registry


#: 7-bit output (quoted-printable or base64 bodies) and correctly folded subjects
MAIL_POLICY = policy.default.clone(cte_type="7bit", header_factory=_mail_headers())


class Mailer:
    """Builds and delivers messages. One instance per service."""

    def __init__(self, sender: str, clock: Clock, maildir: Path | None = None, smtp_url: str | None = None) -> None:
        self.sender = sender
        self.clock = clock
        self.maildir = maildir
        self.smtp_url = smtp_url
        if maildir is not None and not smtp_url:
            # codes and notices are private: only the owner may list or read the Maildir (0700)
            for folder in (maildir, maildir / "tmp", maildir / "new", maildir / "cur"):
                folder.mkdir(mode=0o700, parents=True, exist_ok=True)
                folder.chmod(0o700)

    def compose(
        self,
        to: str,
        template: str,
        language: str,
        *,
        attachments: list[tuple[str, str, bytes]] = (),
        **params: object,
    ) -> EmailMessage:
        """A message from the ``mail.<template>.subject`` / ``.body`` texts: the reader's language first,
        then the other official language."""
        other = "fr" if language == "en" else "en"
        subject_key, body_key = MAIL[template]
        message = EmailMessage(policy=MAIL_POLICY)
        message["From"] = self.sender
        message["To"] = to
        message["Subject"] = f"{translate(subject_key, language, **params)} / {translate(subject_key, other, **params)}"
        message["Date"] = format_datetime(self.clock.now())
        message["Message-ID"] = make_msgid(domain="gckey.invalid")
        message["Auto-Submitted"] = "auto-generated"
        body = translate(body_key, language, **params) + SEPARATOR + translate(body_key, other, **params)
        message.set_content(body + "\n")
        # after set_content, which replaces every Content-* header
        message["Content-Language"] = f"{language}-CA, {other}-CA"
        for filename, mime, data in attachments:
            maintype, _sep, subtype = mime.partition("/")
            message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
        return message

    def send(self, message: EmailMessage) -> None:
        """Deliver over SMTP when configured, otherwise into the Maildir."""
        if self.smtp_url:
            self._send_smtp(message)
        elif self.maildir is not None:
            key = mailbox.Maildir(self.maildir, create=False).add(message)
            # ``mailbox`` writes 0666 less the umask; inside the 0700 folder no one else could open it meanwhile
            (self.maildir / "new" / key).chmod(0o600)

    def _send_smtp(self, message: EmailMessage) -> None:
        url = urlparse(self.smtp_url)
        port = url.port or (465 if url.scheme == "smtps" else 25)
        smtp_class = smtplib.SMTP_SSL if url.scheme == "smtps" else smtplib.SMTP
        with smtp_class(url.hostname or "localhost", port, timeout=30) as smtp:
            if url.scheme == "smtp+starttls":
                smtp.starttls()
            if url.username:
                smtp.login(unquote(url.username), unquote(url.password or ""))
            smtp.send_message(message)


def _delivery_order(key: str) -> tuple[int, int, int]:
    """Maildir names start 'SECONDS.M<micro>P<pid>Q<n>': the delivery time, to the microsecond."""
    match = re.match(r"(\d+)\.M(\d+)P\d+Q(\d+)", key)
    return tuple(int(part) for part in match.groups()) if match else (0, 0, 0)


def read_maildir(path: Path) -> list[EmailMessage]:
    """Every message in a Maildir, in delivery order (for the local mailbox and tests)."""
    if not path.exists():
        return []
    box = mailbox.Maildir(path, factory=None, create=False)
    parser = BytesParser(policy=policy.default)
    messages = []
    for key in sorted(box.keys(), key=_delivery_order):
        with box.get_file(key) as handle:
            messages.append(parser.parse(handle))
    return messages
