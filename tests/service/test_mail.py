"""Mail: RFC 5322 messages in both languages, into the Maildir or over SMTP."""

import socketserver
import threading
from email import message_from_bytes, policy

from gckey_tui.service.clock import FrozenClock
from gckey_tui.service.mail import Mailer
from gckey_tui.testing import registration


async def test_verification_mail_is_a_real_bilingual_message(client, outbox):
    await client.register(registration("mailtest26", "mailtest26@example.com", language="fr"))
    message = outbox.latest("mailtest26@example.com")
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
