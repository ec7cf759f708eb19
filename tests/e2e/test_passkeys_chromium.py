"""Passkeys end to end: headless Chromium with a virtual WebAuthn authenticator (ctap2, internal, user
verification) against the service served on localhost, its address the public one (``GCKEY_PUBLIC_URL``).

A passkey added from the console (pilot) then signs the console in; a wrong number, an assertion made on
another origin, and a signature counter going backwards are each refused.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
from collections.abc import AsyncIterator

import pytest
import uvicorn
from cdp import Chromium
from support import Outbox, free_port, register_account, totp_code

from gckey_tui.api import ServiceClient
from gckey_tui.api.errors import ApiError
from gckey_tui.config import Settings
from gckey_tui.service import create_app
from gckey_tui.service.clock import FrozenClock

AUTHENTICATOR = {
    "protocol": "ctap2",
    "transport": "internal",
    "hasResidentKey": True,
    "hasUserVerification": True,
    "isUserVerified": True,
    "automaticPresenceSimulation": True,
}


class _QuietServer(uvicorn.Server):
    def capture_signals(self):
        return contextlib.nullcontext()


@contextlib.asynccontextmanager
async def served(app, port: int) -> AsyncIterator[str]:
    """``app`` on 127.0.0.1:``port`` while the block runs; yields its address as ``localhost`` (a valid RP ID,
    and a secure context for browsers over plain http)."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    server = _QuietServer(uvicorn.Config(app, lifespan="off", log_level="warning", access_log=False))
    task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        async with asyncio.timeout(10):
            while not server.started:
                await asyncio.sleep(0.01)
        yield f"http://localhost:{port}"
    finally:
        server.should_exit = True
        await task
        sock.close()


@pytest.fixture
def port() -> int:
    return free_port()


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock()


@pytest.fixture
def app(tmp_path, port, clock):
    """A served instance whose public address is http://localhost:<port>."""
    settings = Settings(
        data_dir=tmp_path / "data",
        database_url=f"sqlite:///{tmp_path / 'store.sqlite3'}",
        mail_dir=tmp_path / "mail",
        secret_key="e2e-secret-key-0123456789abcdef0123456789abcdef",
        hash_profile="fast",
        public_url=f"http://localhost:{port}",
    )
    app = create_app(settings, clock=clock)
    yield app
    app.state.context.engine.dispose()


async def with_authenticator(page: Chromium) -> str:
    """A virtual platform authenticator in the page's browser; returns its id."""
    await page.send("WebAuthn.enable")
    return (await page.send("WebAuthn.addVirtualAuthenticator", options=AUTHENTICATOR))["authenticatorId"]


async def click(page: Chromium, element_id: str) -> None:
    """Click as a person would (a user gesture: WebAuthn may ask for one)."""
    await page.send("Runtime.evaluate", expression=f"document.getElementById({element_id!r}).click()", userGesture=True)


async def wait(page: Chromium, expression: str):
    """``page.wait_for``, saying what the page shows when it times out."""
    try:
        return await page.wait_for(expression)
    except TimeoutError:
        shown = await page.evaluate("location.href + ' ' + document.body.innerText")
        raise AssertionError(f"waited for {expression}; the page shows {shown}") from None


async def pick_number(page: Chromium, url: str, number: str) -> None:
    """Open the page and pick ``number`` among the three it offers."""
    await page.goto(url)
    offered = await page.wait_for("[...document.querySelectorAll('.numbers button')].map(b => b.value)")
    assert len(offered) == 3 and len(set(offered)) == 3
    await click(page, f"number-{number}")


async def finish_in_browser(page: Chromium, url: str, number: str, name: str | None = None) -> tuple[str, str]:
    """Pick the number, run the ceremony; returns the page's outcome and message."""
    await pick_number(page, url, number)
    await wait(page, "document.getElementById('ceremony')?.dataset.ready")
    if name is not None:
        await page.evaluate(f"document.getElementById('name').value = {json.dumps(name)}")
    await click(page, "start")
    outcome = await wait(page, "document.getElementById('status')?.dataset.outcome")
    return outcome, await page.evaluate("document.getElementById('status').textContent")


async def reauthenticate(account, clock: FrozenClock) -> None:
    clock.advance(seconds=30)
    await account.client.reauthenticate(account.password, totp_code(account.secret, clock))


async def enrolled(base: str, app, clock, page: Chromium, username: str = "alice2026"):
    """A registered account (TOTP) with one passkey added in the browser; its client signed in."""
    outbox = Outbox.of(app)
    account = await register_account(ServiceClient(base), outbox, clock, username)
    await reauthenticate(account, clock)
    hand_off = await account.client.start_passkey_enrolment()
    assert hand_off.url.startswith(f"{base}/passkeys/new?ticket=")
    outcome, message = await finish_in_browser(page, hand_off.url, hand_off.number, "Laptop")
    assert outcome == "done", message
    polled = await account.client.poll_passkey_enrolment()
    assert (polled.status, polled.name) == ("done", "Laptop")
    return account, outbox


async def pending_sign_in(base: str, account) -> ServiceClient:
    console = ServiceClient(base)
    await console.sign_in(account.username, account.password)
    assert (await console.current_session()).passkeys == 1
    return console


async def test_passkey_signs_in_and_a_wrong_number_burns_the_address(app, port, clock):
    async with served(app, port) as base, Chromium() as page:
        await with_authenticator(page)
        account, _outbox = await enrolled(base, app, clock, page)
        console = await pending_sign_in(base, account)

        hand_off = await console.start_passkey_sign_in()
        wrong = next(n for n in await _offered(page, hand_off.url) if n != hand_off.number)
        await click(page, f"number-{wrong}")
        message = await page.wait_for("document.getElementById('message')?.textContent")
        assert "not the number" in message
        assert (await console.poll_passkey_sign_in()).status == "refused"
        await page.goto(hand_off.url)  # the address no longer works, even with the right number
        assert "expired or was already used" in await page.wait_for("document.getElementById('message')?.textContent")

        hand_off = await console.start_passkey_sign_in()
        outcome, message = await finish_in_browser(page, hand_off.url, hand_off.number)
        assert outcome == "done", message
        polled = await console.poll_passkey_sign_in()
        assert polled.status == "done" and polled.token, polled
        assert (await console.current_session()).state == "authenticated"
        listed = (await account.client.passkeys()).passkeys
        assert listed[0].last_used_at is not None and "internal" in listed[0].transports


async def _offered(page: Chromium, url: str) -> list[str]:
    await page.goto(url)
    return await page.wait_for("[...document.querySelectorAll('.numbers button')].map(b => b.value)")


#: what a relaying (phishing) page does with the options it got: run the ceremony on its own origin
RELAYED_GET = """
(async () => {
  const box = JSON.parse(%s);
  const b = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) %% 4)),
                                   (c) => c.charCodeAt(0)).buffer;
  const e = (buf) => btoa(String.fromCharCode(...new Uint8Array(buf))).replace(/\\+/g, '-').replace(/\\//g, '_')
                                                                      .replace(/=+$/, '');
  const options = Object.assign({}, box, {challenge: b(box.challenge),
    allowCredentials: box.allowCredentials.map((c) => Object.assign({}, c, {id: b(c.id)}))});
  const c = await navigator.credentials.get({publicKey: options});
  return JSON.stringify({id: c.id, rawId: e(c.rawId), type: c.type, clientExtensionResults: {},
    response: {clientDataJSON: e(c.response.clientDataJSON), authenticatorData: e(c.response.authenticatorData),
               signature: e(c.response.signature), userHandle: c.response.userHandle && e(c.response.userHandle)}});
})()
"""

POST_FINISH = """
(async () => {
  const sent = JSON.parse(%s);
  const answer = await fetch(sent.finish, {method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({csrf: sent.csrf, ticket: sent.ticket, credential: JSON.parse(sent.credential)})});
  return JSON.stringify(await answer.json());
})()
"""


async def test_an_assertion_made_on_another_origin_is_refused(app, port, clock):
    """A relay on http://localhost:<other port> (same RP ID, another origin) gets the real page's options,
    runs the ceremony on its own origin and hands the answer back through the real page (its CSRF token and
    cookie included): the origin signed into clientDataJSON gives it away."""
    async with served(app, port) as base, served(app, free_port()) as relay, Chromium() as page:
        await with_authenticator(page)
        account, _outbox = await enrolled(base, app, clock, page)
        console = await pending_sign_in(base, account)
        hand_off = await console.start_passkey_sign_in()
        await pick_number(page, hand_off.url, hand_off.number)
        await page.wait_for("!!document.getElementById('ceremony')")
        real = await page.evaluate("Object.assign({}, document.getElementById('ceremony').dataset)")

        await page.goto(f"{relay}/passkeys/sign-in")  # a page of the other origin
        await page.wait_for("document.readyState === 'complete' && location.port !== ''")
        assert await page.evaluate("location.origin") == relay
        made = await page.send(
            "Runtime.evaluate",
            expression=RELAYED_GET % json.dumps(real["options"]),
            awaitPromise=True,
            returnByValue=True,
            userGesture=True,
        )
        relayed = made["result"]["value"]
        client_data = json.loads(base64url_decode(json.loads(relayed)["response"]["clientDataJSON"]))
        assert client_data["origin"] == relay  # the authenticator signed, for the relay's origin

        await page.goto(f"{base}/passkeys/sign-in")  # back on the real origin, its cookie still set
        await page.wait_for("document.readyState === 'complete'")
        sent = json.dumps({**real, "credential": relayed})
        answer = await page.send(
            "Runtime.evaluate", expression=POST_FINISH % json.dumps(sent), awaitPromise=True, returnByValue=True
        )
        result = json.loads(answer["result"]["value"])
        assert result["outcome"] == "refused" and "not accepted" in result["message"]
        assert (await console.poll_passkey_sign_in()).status == "refused"
        with pytest.raises(ApiError) as caught:
            await console.me()  # still not signed in
        assert caught.value.code == "session_incomplete"


def base64url_decode(text: str) -> bytes:
    import base64

    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


async def test_a_signature_counter_going_backwards_is_refused_and_the_owner_told(app, port, clock):
    async with served(app, port) as base, Chromium() as page:
        authenticator = await with_authenticator(page)
        account, outbox = await enrolled(base, app, clock, page)
        console = await pending_sign_in(base, account)
        hand_off = await console.start_passkey_sign_in()
        assert (await finish_in_browser(page, hand_off.url, hand_off.number))[0] == "done"
        assert (await console.poll_passkey_sign_in()).status == "done"

        # a clone: the same key with a counter behind the one the service last saw
        (credential,) = (await page.send("WebAuthn.getCredentials", authenticatorId=authenticator))["credentials"]
        assert credential["signCount"] >= 1
        await page.send(
            "WebAuthn.removeCredential", authenticatorId=authenticator, credentialId=credential["credentialId"]
        )
        await page.send(
            "WebAuthn.addCredential", authenticatorId=authenticator, credential={**credential, "signCount": 0}
        )
        console = await pending_sign_in(base, account)
        hand_off = await console.start_passkey_sign_in()
        outcome, message = await finish_in_browser(page, hand_off.url, hand_off.number)
        assert outcome == "refused" and "signature counter went backwards" in message
        assert (await console.poll_passkey_sign_in()).status == "refused"
        notice = outbox.latest(account.email)
        assert "copied" in notice["Subject"] or "copy" in notice["Subject"]
        assert "Laptop" in notice.get_content()
        kinds = [event.kind for event in (await account.client.activity()).events]
        assert "passkey_clone_detected" in kinds


# -- the console, end to end --------------------------------------------------------------------------------


@pytest.fixture
def embedded_app(tmp_path, clock):
    """The console's embedded service: no public address, so its pages are reached on the loopback port the
    console opens for each hand-off (named localhost)."""
    settings = Settings(
        data_dir=tmp_path / "data",
        database_url=f"sqlite:///{tmp_path / 'console.sqlite3'}",
        mail_dir=tmp_path / "mail",
        secret_key="e2e-secret-key-0123456789abcdef0123456789abcdef",
        hash_profile="fast",
    )
    app = create_app(settings, clock=clock, embedded=True)
    yield app
    app.state.context.engine.dispose()


async def screen_hand_off(pilot, kind) -> tuple[str, str]:
    """Wait for the hand-off screen ``kind`` to show its address and number; read them off the screen."""
    app = pilot.app
    async with asyncio.timeout(20):
        while not (isinstance(app.screen, kind) and app.screen.hand_off is not None):
            await pilot.pause(0.05)
    return str(app.screen.query_one("#passkey-url").render()), str(app.screen.query_one("#passkey-number").render())


async def test_console_adds_a_passkey_then_signs_in_with_password_and_passkey(embedded_app, clock):
    from textual.widgets import Button, DataTable, Input

    from gckey_tui.app import GCKeyApp
    from gckey_tui.screens.home import HomeScreen
    from gckey_tui.screens.passkey_hand_off import PasskeyEnrolScreen, PasskeySignInScreen
    from gckey_tui.screens.passkeys import PasskeysScreen
    from gckey_tui.screens.second_factor import SecondFactorScreen
    from gckey_tui.screens.sign_in import SignInScreen

    outbox = Outbox.of(embedded_app)
    known = await register_account(ServiceClient.in_process(embedded_app), outbox, clock, "console2026")
    settings = embedded_app.state.context.settings
    app = GCKeyApp(settings, ServiceClient.in_process(embedded_app), embedded=True)
    app.client.token = known.client.token
    app.session_state = "authenticated"

    async def until(condition, timeout: float = 30) -> None:
        async with asyncio.timeout(timeout):
            while not condition():
                await pilot.pause(0.1)

    async with app.run_test(size=(80, 24)) as pilot, Chromium() as page:
        await with_authenticator(page)
        # Account > Passkeys > a: password and a current code, then the hand-off
        app.go_home()
        await pilot.pause()
        await pilot.press("c")
        await pilot.press("k")
        await until(lambda: isinstance(app.screen, PasskeysScreen))
        await pilot.press("a")
        await pilot.pause()
        clock.advance(seconds=30)
        app.screen.query_one("#reauth-password", Input).value = known.password
        app.screen.query_one("#reauth-code", Input).value = totp_code(known.secret, clock)
        app.screen.query_one("#submit", Button).press()
        url, number = await screen_hand_off(pilot, PasskeyEnrolScreen)
        assert url.startswith("http://localhost:") and "/passkeys/new?ticket=" in url

        outcome, message = await finish_in_browser(page, url, number, "Console laptop")
        assert outcome == "done", message
        await until(lambda: isinstance(app.screen, PasskeysScreen) and app.screen.passkeys)
        assert app.screen.query_one("#passkeys", DataTable).get_row_at(0)[0] == "Console laptop"
        assert "added" in outbox.latest(known.email)["Subject"]

        # sign out, then in again: password, then the passkey instead of a code
        await app.sign_out()
        await pilot.pause()
        app.push_screen(SignInScreen())
        await pilot.pause()
        app.screen.query_one("#username", Input).value = known.username
        app.screen.query_one("#password", Input).value = known.password
        app.screen.query_one("#submit", Button).press()
        await until(lambda: isinstance(app.screen, SecondFactorScreen) and app.screen.query("#use-passkey"))
        await pilot.press("ctrl+l")
        url, number = await screen_hand_off(pilot, PasskeySignInScreen)
        assert "/passkeys/sign-in?ticket=" in url
        outcome, message = await finish_in_browser(page, url, number)
        assert outcome == "done", message
        await until(lambda: isinstance(app.screen, HomeScreen))
        assert app.session_state == "authenticated"
        session = await app.client.current_session()
        assert session.state == "authenticated"
        sessions = (await app.client.live_sessions()).sessions
        assert next(s for s in sessions if s.current).method == "passkey"
        await app.workers.wait_for_complete()
