"""Wire models of passkeys and security keys: the browser hand-off, its poll, and the managed list."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from gckey_tui.api.models import WireModel

#: pending: the browser has not finished; done: added (enrol) or signed in; refused: a wrong number, a failed
#: ceremony, or a newer hand-off replaced it; expired: its 5 minutes are over
HandOffStatus = Literal["pending", "done", "refused", "expired"]


class PasskeyHandOff(WireModel):
    #: the page to open (its one-time ticket included): shown and drawn as a QR code by the console
    url: str
    #: the 2-digit number the page asks the person to pick
    number: str = Field(pattern=r"^[0-9]{2}$")
    expires_at: datetime
    expires_in: int


class PasskeyPoll(WireModel):
    status: HandOffStatus
    #: a sign-in done: the session's new token (the old one no longer works)
    token: str | None = None
    #: an enrolment done: the name the person gave the passkey
    name: str | None = None


class Passkey(WireModel):
    id: int
    name: str
    #: how the browser said it reaches the authenticator (internal, usb, nfc, ble, hybrid…)
    transports: list[str]
    created_at: datetime
    last_used_at: datetime | None = None


class PasskeyList(WireModel):
    passkeys: list[Passkey]


class PasskeyRename(WireModel):
    name: str = Field(min_length=1, max_length=200)
