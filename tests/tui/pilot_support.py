"""Pilot helpers under the names older console tests import: aliases of the testing kit's (``gckey_tui.testing``),
kept for those tests. New tests can import from the kit directly."""

from __future__ import annotations

from textual.pilot import Pilot

from gckey_tui.testing import (  # noqa: F401 - re-exported under the names the tests import from here
    ANSWERS,
    PASSWORD,
    BlankConsole,
    Mailbox,
    field_message,
    fill,
    message,
    settle,
    sign_in_demo,
    signed_in_console,
)
from gckey_tui.testing import register as kit_register
from gckey_tui.testing import totp_code as totp  # noqa: F401 - totp(secret, clock)


async def register(pilot: Pilot, outbox: Mailbox, username: str, email: str) -> None:
    """The kit's ``register(pilot, username, email=email, method=None)``: ends on the second-factor choice (the
    kit reads the code from the console's own service; ``outbox`` is that service's mail)."""
    await kit_register(pilot, username, email=email, method=None)
