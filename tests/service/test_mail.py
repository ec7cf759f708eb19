"""Mail: RFC 5322 messages in both languages, into the Maildir or over SMTP."""

import socketserver
import threading
from email import message_from_bytes, policy

import pytest
from support import registration

from gckey_tui.i18n.labels import MAIL
from gckey_tui.service.clock import FrozenClock
from gckey_tui.service.mail import MAIL_POLICY, Mailer

MAIL_TEMPLATES = sorted(MAIL)
#: every placeholder any template uses, with accents where a real value has them
MAIL_PARAMETERS = {
    "username": "someone",
    "code": "123456",
    "new_email": "moved@example.com",
    "when": "2026-11-02 12:00 UTC",
    "client": "console",
    "address": "203.0.113.7",
    "reason": "Check the status of S000002: the student withdrew in October.",
    "deadline": "2027-01-01",
    "until": "2026-11-02 12:15 UTC",
    "method": "totp",
    "remaining": 3,
    "institution": "Cégep de l'Outaouais — Campus Gabrielle-Roy",
    "dli": "O19395677452",
    "cycle": "2026-11",
    "due": "2026-12-30",
    "reference": "SR-2026-ABCD",
    "reply_by": "2026-11-16",
    "reporter": "someone",
    "reply_to": "someone@example.com",
    "subject": "Problème à l'écran de connexion",
    "description": "Le bouton « Continuer » ne répond pas.",
    "steps": "J'ai réessayé.",
    "name": "Clé USB « bureau »",
    "old": "YubiKey 5",
}


async def test_verification_mail_is_a_real_bilingual_message(client, outbox):
    await client.register(registration("mailtest26", "mailtest26@example.com", language="fr"))
    message = outbox.last("mailtest26@example.com")
    for header in ("From", "To", "Subject", "Date", "Message-ID"):
        assert message[header], header
    assert message["Subject"] == "Votre code de vérification CléGC / Your GCKey verification code"
    body = message.get_content()
    assert body.index("Votre code de vérification") < body.index("Your verification code")
    assert message["Content-Language"].startswith("fr-CA")


class _SmtpSink(socketserver.StreamRequestHandler):
    """Just enough SMTP to receive one message."""

    received: list[bytes] = []

    def handle(self):
        self.wfile.write(b"220 sink\r\n")
        data, in_data = [], False
        for line in self.rfile:
            if in_data:
                if line == b".\r\n":
                    in_data = False
                    self.received.append(b"".join(data))
                    self.wfile.write(b"250 queued\r\n")
                else:
                    data.append(line[1:] if line.startswith(b"..") else line)
                continue
            command = line[:4].upper()
            if command == b"DATA":
                in_data = True
                self.wfile.write(b"354 go\r\n")
            elif command == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


def test_smtp_delivery():
    server = socketserver.TCPServer(("127.0.0.1", 0), _SmtpSink)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        mailer = Mailer("GCKey <no-reply@gckey.invalid>", FrozenClock(), smtp_url=f"smtp://127.0.0.1:{port}")
        mailer.send(mailer.compose("someone@example.com", "sign_in_code", "en", username="someone", code="123456"))
    finally:
        server.shutdown()
        server.server_close()
    message = message_from_bytes(_SmtpSink.received[-1], policy=policy.default)
    assert message["To"] == "someone@example.com"
    assert "123456" in message.get_content()


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("template", MAIL_TEMPLATES)
def test_every_message_is_7bit_with_lines_a_relay_takes_and_reads_back_the_same(template, language):
    mailer = Mailer("Clé GC <no-reply@gckey.invalid>", FrozenClock())
    sent = mailer.compose("someone@example.com", template, language, **MAIL_PARAMETERS)
    raw = sent.as_bytes(policy=MAIL_POLICY.clone(linesep="\r\n"))
    assert raw.isascii(), "a relay without 8BITMIME would refuse or mangle it"
    assert max(len(line) for line in raw.split(b"\r\n")) <= 78
    received = message_from_bytes(raw, policy=policy.default)
    assert received["Subject"] == sent["Subject"] and received["From"] == "Clé GC <no-reply@gckey.invalid>"
    assert received.get_content().replace("\r\n", "\n") == sent.get_content()


def test_a_long_french_subject_keeps_its_spaces_when_folded():
    mailer = Mailer("GCKey <no-reply@gckey.invalid>", FrozenClock())
    sent = mailer.compose("someone@example.com", "second_factor_locked", "en", username="x", until="2026-11-02")
    subject = message_from_bytes(sent.as_bytes(), policy=policy.default)["Subject"]
    assert subject == "Wrong codes were tried on your GCKey / Des codes incorrects ont été essayés sur votre CléGC"
