"""Wire models of HTTP API v1 (DESIGN §4), shared by the client and the reference service."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SessionState = Literal["two_factor_required", "two_factor_setup_required", "authenticated"]
TwoFactorMethod = Literal["totp", "email"]


class WireModel(BaseModel):
    """Base of every wire model: unknown fields are refused in requests."""

    model_config = ConfigDict(extra="forbid")


class ErrorBody(WireModel):
    code: str
    message: str
    fields: dict[str, str] = Field(default_factory=dict)


class ErrorResponse(WireModel):
    error: ErrorBody


class Health(WireModel):
    status: Literal["ok"]
    version: str


class Readiness(WireModel):
    """``GET /health/ready``: whether this instance should get traffic."""

    status: Literal["ready", "unavailable"]
    store: Literal["ok", "unavailable"]
    mail_sender: Literal["running", "stopped"]
    #: the outbox's backlog (all instances'); delays show here and in /metrics, not as unreadiness
    outbox_messages: int | None = None
    outbox_oldest_age_seconds: float | None = None


class PasswordPolicy(WireModel):
    min_length: int
    max_length: int
    requires: list[str]
    username_min_length: int
    username_max_length: int
    username_max_digits: int


class RecoveryQuestion(WireModel):
    id: str
    text: str


class Partner(WireModel):
    id: str
    name: str


class ServiceDeskLine(WireModel):
    label: str
    number: str


class ServiceDesk(WireModel):
    lines: list[ServiceDeskLine]
    hours: str


class Meta(WireModel):
    version: str
    password_policy: PasswordPolicy
    recovery_questions: list[RecoveryQuestion]
    two_factor_methods: list[TwoFactorMethod]
    partners: list[Partner]
    service_desk: ServiceDesk
    embedded: bool = False


class SecurityAnswer(WireModel):
    question_id: str = Field(max_length=64)
    answer: str = Field(max_length=200)


class RegistrationRequest(WireModel):
    username: str = Field(max_length=200)
    password: str = Field(max_length=200)
    email: str = Field(max_length=320)
    security_answers: list[SecurityAnswer] = Field(max_length=10)
    language: Literal["en", "fr"] = "en"


class RegistrationCreated(WireModel):
    registration_id: str
    expires_at: datetime
    #: mail is going out late (the mail server is down or slow): the code will arrive once it recovers
    mail_delayed: bool = False


class MailQueued(WireModel):
    """The answer of a call that queued an email (a code)."""

    #: mail is going out late (the mail server is down or slow): the code will arrive once it recovers
    mail_delayed: bool = False


class CodeRequest(WireModel):
    code: str = Field(max_length=64)


class SessionCreated(WireModel):
    token: str
    state: SessionState
    expires_at: datetime
    two_factor_method: TwoFactorMethod | None = None


class SignInRequest(WireModel):
    username: str = Field(max_length=200)
    password: str = Field(max_length=200)


class SessionStateAnswer(WireModel):
    state: SessionState
    #: the session's new token after a completed step (the one used before it no longer works)
    token: str | None = None


class RecoveryRequest(WireModel):
    recovery_code: str = Field(max_length=64)


class RecoveryAnswer(WireModel):
    state: SessionState
    #: the session's new token (the one used before the recovery code no longer works)
    token: str
    recovered: bool
    recovery_codes_remaining: int


class SessionInfo(WireModel):
    state: SessionState
    recovered: bool
    two_factor_method: TwoFactorMethod | None
    created_at: datetime
    expires_at: datetime
    idle_expires_at: datetime
    reauthenticated_until: datetime | None = None
    #: passkeys and security keys the account holds (the second-factor step offers them when there are any)
    passkeys: int = 0


class ReauthenticateRequest(WireModel):
    password: str = Field(max_length=200)
    code: str = Field(max_length=64)


class ReauthenticateAnswer(WireModel):
    reauthenticated_until: datetime


class TwoFactorStatus(WireModel):
    method: TwoFactorMethod | None
    recovery_codes_remaining: int


class Me(WireModel):
    #: None for an account made by a Sign-In Partner sign-in (no GCKey username or address yet)
    username: str | None
    email: str | None
    language: Literal["en", "fr"]
    two_factor: TwoFactorStatus
    roles: list[str]
    created_at: datetime
    last_sign_in_at: datetime | None


class EnrolmentRequest(WireModel):
    method: TwoFactorMethod


class EnrolmentCreated(WireModel):
    enrolment_id: str
    method: TwoFactorMethod
    secret: str | None = None
    otpauth_uri: str | None = None
    expires_at: datetime
    #: mail is going out late (the mail server is down or slow): the code will arrive once it recovers
    mail_delayed: bool = False


class RecoveryCodes(WireModel):
    recovery_codes: list[str]
