"""Wire models of account lifecycle and help: recovery, export, deletion, support (DESIGN §4)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import Field

from gckey_tui.api.models import SecurityAnswer, WireModel


class UsernameRecoveryRequest(WireModel):
    email: str = Field(max_length=320)


class PasswordRecoveryRequest(WireModel):
    username: str = Field(max_length=200)


class PasswordRecoveryStarted(WireModel):
    request_id: str
    #: the three recovery questions to answer (for an unknown username: three that look just as real)
    question_ids: list[str]
    expires_at: datetime
    #: mail is going out late (the mail server is down or slow): the code will arrive once it recovers
    mail_delayed: bool = False


class PasswordRecoveryCompletion(WireModel):
    code: str = Field(max_length=64)
    security_answers: list[SecurityAnswer] = Field(max_length=10)
    new_password: str = Field(max_length=200)


class AccountExport(WireModel):
    exported_at: datetime
    #: one section per area: profile, two_factor, recovery_questions, sessions, applications, …
    data: dict[str, Any]


class DeletionRequest(WireModel):
    confirm_username: str = Field(max_length=200)


class SupportRequest(WireModel):
    subject: str = Field(max_length=200)
    description: str = Field(max_length=5000)
    steps_taken: str = Field(default="", max_length=5000)
    #: where to answer when not signed in (signed in: the account's address)
    contact_email: str | None = Field(default=None, max_length=320)
    #: an SVG screenshot of the console (secrets masked); sanitised and capped by the service
    screenshot_svg: str | None = Field(default=None, max_length=2_000_000)


class SupportCreated(WireModel):
    reference: str
    reply_by: date
