"""The mail outbox: queued with the change it announces, delivered later with retries, never twice, never lost
to a mail server being down, sealed in the store; an unsent code does not count against the resend spacing."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from datetime import timedelta

import httpx
import pytest
from prometheus_client import REGISTRY
from support import PASSWORD, SmtpServer, free_port, registration

from gckey_tui.api import ApiError, ServiceClient
from gckey_tui.service import create_app
from gckey_tui.service.outbox import CLAIM_TIMEOUT, FIRST_RETRY, Outbox
from gckey_tui.service.tables.outbox import mail_outbox


def given_up_so_far() -> float:
    return REGISTRY.get_sample_value("gckey_mail_deliveries_total", {"result": "given_up"}) or 0.0


def waiting(context) -> int:
    return context.outbox.depth(context.clock.now()).waiting


@pytest.fixture
def smtp_port() -> int:
    return free_port()


@pytest.fixture
def smtp_service(settings, clock, smtp_port):
    """The service sending over SMTP to ``smtp_port`` (where nothing listens until a test says so)."""
    settings.smtp_url = f"smtp://127.0.0.1:{smtp_port}"
    settings.mail_from = "Clé GC <no-reply@gckey.example>"
    app = create_app(settings, clock=clock)
    yield app
    app.state.context.engine.dispose()


async def test_a_code_asked_for_while_smtp_is_down_arrives_once_when_it_is_up(smtp_service, smtp_port, clock):
    context = smtp_service.state.context
    async with httpx.AsyncClient(transport=httpx.ASGITransport(smtp_service), base_url="http://gckey.local") as http:
        started = await http.post(
            "/api/v1/registrations", json=registration("downtime26", "down@example.com").model_dump()
        )
        assert started.status_code == 201
        registration_id = started.json()["registration_id"]
        failed = context.outbox.flush()  # the sender's try: connection refused
        assert (failed.delivered, failed.failed) == (0, 1)
        # the first code never went out: asking again at once is not "too soon"; its message is replaced
        again = await http.post(f"/api/v1/registrations/{registration_id}/code")
        assert again.status_code == 202 and again.json() == {"mail_delayed": True}
        assert waiting(context) == 1
        assert context.outbox.flush().failed == 1  # still down

        with SmtpServer(smtp_port) as smtp:
            assert context.outbox.flush().delivered == 0  # not due yet: the retry backs off
            clock.advance(seconds=FIRST_RETRY.total_seconds())
            assert context.outbox.flush().delivered == 1
            assert context.outbox.flush().delivered == 0
        assert len(smtp.received) == 1 and waiting(context) == 0
        message = smtp.received[0]
        assert message["To"] == "down@example.com" and smtp.senders == ["no-reply@gckey.example"]
        code = next(word for word in message.get_content().split() if word.isdigit() and len(word) == 6)
        verified = await http.post(f"/api/v1/registrations/{registration_id}/verify", json={"code": code})
        assert verified.status_code == 201


async def test_a_hanging_mail_server_holds_no_request(smtp_service, smtp_port):
    # a server that accepts connections and never says a word: a client that waited on it would wait 30 s
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", smtp_port))
        silent.listen(8)
        async with ServiceClient.in_process(smtp_service) as client:
            began = time.monotonic()
            await client.register(registration("hanging26", "hanging26@example.com"))
            assert time.monotonic() - began < 10
    assert waiting(smtp_service.state.context) == 1


async def test_an_unsent_sign_in_code_does_not_count_against_the_spacing(client, new_client, outbox):
    created = await client.register(registration("spacing26", "spacing26@example.com"))
    await client.verify_registration(created.registration_id, outbox.last_code("spacing26@example.com"))
    enrolment = await client.start_enrolment("email")
    await client.confirm_enrolment(enrolment.enrolment_id, outbox.last_code("spacing26@example.com"))
    signing_in = new_client()
    await signing_in.sign_in("spacing26", PASSWORD)
    await signing_in.send_email_code()
    await signing_in.send_email_code()  # the first has not gone out: it is withdrawn, and does not count
    await signing_in.send_email_code()
    sent = len(outbox.messages("spacing26@example.com"))  # delivers one message: the newest code's
    with pytest.raises(ApiError) as soon:
        await signing_in.send_email_code()  # that one went out: now the 30 seconds apply
    assert soon.value.code == "code_sent_recently"
    await signing_in.submit_second_factor(outbox.last_code("spacing26@example.com"))
    assert len(outbox.messages("spacing26@example.com")) == sent


async def test_mail_goes_out_only_with_the_change_it_announces(context, clock):
    message = context.mailer.compose("someone@example.com", "account_deleted", "en", username="someone")
    with pytest.raises(RuntimeError), context.engine.begin() as conn:
        context.outbox.enqueue(conn, message, clock.now())
        raise RuntimeError("the change failed")
    assert waiting(context) == 0


async def test_queued_mail_is_sealed_in_the_store(client, context):
    await client.register(registration("sealed2026", "sealed2026@example.com"))
    with context.engine.connect() as conn:
        stored = conn.execute(mail_outbox.select()).one()
    assert b"sealed2026" not in stored.message and b"verification" not in stored.message
    assert stored.topic.startswith("registration:")


def test_concurrent_senders_deliver_each_message_once(service, context, settings, outbox):
    now = context.clock.now()
    with context.engine.begin() as conn:
        for number in range(40):
            message = context.mailer.compose(f"m{number}@example.com", "account_deleted", "en", username="x")
            context.outbox.enqueue(conn, message, now)
    # four senders on four engines, as four workers would be
    senders = [create_app(settings, clock=context.clock).state.context.outbox for _ in range(4)]
    start = threading.Barrier(len(senders))

    def run(sender: Outbox) -> None:
        start.wait()
        sender.flush()

    threads = [threading.Thread(target=run, args=(sender,)) for sender in senders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for sender in senders:
        sender.engine.dispose()
    delivered = outbox.messages()
    assert len(delivered) == 40
    assert len({message["Message-ID"] for message in delivered}) == 40


async def test_a_claim_left_by_a_dead_sender_is_taken_over(client, context, clock, outbox):
    await client.register(registration("orphan2026", "orphan2026@example.com"))
    with context.engine.begin() as conn:
        conn.execute(mail_outbox.update().values(claimed_at=clock.now(), claim="a sender that died"))
    assert context.outbox.flush().delivered == 0
    clock.advance(seconds=CLAIM_TIMEOUT.total_seconds())
    assert context.outbox.flush().delivered == 1
    assert outbox.messages("orphan2026@example.com")


async def test_retries_back_off_then_a_notice_is_given_up_after_a_day(smtp_service, clock):
    context = smtp_service.state.context
    with context.engine.begin() as conn:
        message = context.mailer.compose("someone@example.com", "account_deleted", "fr", username="someone")
        context.outbox.enqueue(conn, message, clock.now())
    given_up = given_up_so_far()
    delays = []
    for _ in range(4):
        assert context.outbox.flush().failed == 1
        delays.append(context.outbox.next_due_in(clock.now()))
        clock.advance(seconds=delays[-1])
    assert delays == [2.0, 4.0, 8.0, 16.0]
    clock.advance(hours=24)
    assert context.outbox.flush().given_up == 1
    assert waiting(context) == 0
    assert given_up_so_far() == given_up + 1


async def test_a_code_message_is_given_up_once_the_code_has_expired(smtp_service, clock):
    context = smtp_service.state.context
    async with ServiceClient.in_process(smtp_service) as client:
        await client.register(registration("expired26", "expired26@example.com"))
    clock.advance(minutes=10)
    assert context.outbox.flush().given_up == 1


async def test_a_served_instance_delivers_in_its_lifespan(service, client, outbox):
    context = service.state.context
    async with service.router.lifespan_context(service):
        await client.register(registration("lifespan26", "lifespan26@example.com"))
        deadline = time.monotonic() + 20
        while waiting(context) and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        assert waiting(context) == 0
    assert outbox.messages("lifespan26@example.com")


def test_the_embedded_service_delivers_by_itself(tmp_path, sqlite_url):
    from gckey_tui.config import Settings
    from gckey_tui.embedded import build_service, read_mailbox

    settings = Settings(
        data_dir=tmp_path / "data",
        database_url=sqlite_url,
        secret_key="test-secret-key-0123456789abcdef0123",
        hash_profile="fast",
    )
    app = build_service(settings)

    async def register() -> None:
        async with ServiceClient.in_process(app) as client:
            await client.register(registration("embedded26", "embedded26@example.com"))

    asyncio.run(register())
    deadline = time.monotonic() + 20
    while not read_mailbox(settings) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [message["To"] for message in read_mailbox(settings)] == ["embedded26@example.com"]
    app.state.sender.stop()
    app.state.context.engine.dispose()


def test_retry_delays_are_capped():
    from gckey_tui.service.outbox import LONGEST_RETRY, retry_delay

    assert retry_delay(1) == FIRST_RETRY and retry_delay(30) == LONGEST_RETRY
    assert retry_delay(3) == timedelta(seconds=8)
