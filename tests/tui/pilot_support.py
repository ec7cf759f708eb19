"""Pilot helpers for console tests beside the testing kit's (``gckey_tui.testing``): a console that starts on an
empty screen, signed in or not."""

from __future__ import annotations

from textual.screen import Screen

from gckey_tui.app import GCKeyApp
from gckey_tui.testing import totp_code


class BlankConsole(GCKeyApp):
    """The console starting on an empty screen, so that each test opens what it is about."""

    def get_default_screen(self) -> Screen:
        return Screen()


def signed_in_console(settings, service, token: str, language: str = "en") -> BlankConsole:  # noqa: ANN001
    """A blank console over ``service`` whose client holds ``token``, a fully signed-in session."""
    from gckey_tui.api import ServiceClient
    from gckey_tui.i18n import set_language

    set_language(language)
    settings.language = language
    app = BlankConsole(settings, ServiceClient.in_process(service, language=language))
    app.client.token = token
    app.session_state = "authenticated"
    return app


async def sign_in_demo(client, clock) -> None:  # noqa: ANN001 - ServiceClient, FrozenClock
    """Sign ``client`` in as the demo account (a fresh authenticator step each time)."""
    from gckey_tui.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERNAME

    clock.advance(seconds=30)
    await client.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    await client.submit_second_factor(totp_code(DEMO_TOTP_SECRET, clock))
