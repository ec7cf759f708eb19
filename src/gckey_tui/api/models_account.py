"""Wire models of the account centre: password, email, recovery answers and codes, sessions, activity."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from gckey_tui.api.models import SecurityAnswer, SessionState, WireModel

#: how a session signed in
SignInMethod = Literal["totp", "email", "recovery_code", "partner", "passkey"]
#: what made the request: the console (locally or over SSH), a browser, or a script through the API
ClientKind = Literal["console", "console_ssh", "browser", "api"]


class PasswordChange(WireModel):
    current_password: str = Field(max_length=200)
    new_password: str = Field(max_length=200)


class EmailChange(WireModel):
    email: str = Field(max_length=320)


class SecurityAnswersChange(WireModel):
    security_answers: list[SecurityAnswer] = Field(max_length=10)


class LiveSession(WireModel):
    id: int
    created_at: datetime
    last_seen_at: datetime
    #: a session still waiting for its second factor is listed too (someone who knows the password)
    state: SessionState
    #: None while it has not finished signing in
    method: SignInMethod | None = None
    client: ClientKind | None = None
    address: str | None = None
    current: bool


class LiveSessions(WireModel):
    sessions: list[LiveSession]


class SecurityEvent(WireModel):
    id: int
    #: sign_in, password_failed, code_failed, password_locked, second_factor_locked, two_factor_set_up,
    #: two_factor_changed, recovery_code_used, recovery_codes_regenerated, password_changed, email_changed,
    #: email_change_requested, security_answers_changed, token_created, token_revoked, application_linked,
    #: partner_attached, session_ended, account_created
    kind: str
    occurred_at: datetime
    #: repeated failures from one client and address within minutes are one event
    count: int
    client: ClientKind | None = None
    address: str | None = None
    detail: str | None = None


class Activity(WireModel):
    events: list[SecurityEvent]
