"""``ServiceClient``: typed async access to HTTP API v1, over a URL or in-process (ASGI)."""

from __future__ import annotations

import os
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel

from gckey_tui.api import models as m
from gckey_tui.api.client_account import AccountClientMixin
from gckey_tui.api.client_applications import ApplicationsClientMixin
from gckey_tui.api.client_lifecycle import LifecycleClientMixin
from gckey_tui.api.client_partners import PartnersClientMixin
from gckey_tui.api.client_passkeys import PasskeysClientMixin
from gckey_tui.api.client_reports import ReportsClientMixin
from gckey_tui.api.errors import ApiError

ModelT = TypeVar("ModelT", bound=BaseModel)


def identity() -> dict[str, str]:
    """How the console names itself to the service: "console" or "console over SSH" (the sessions list says
    which), and over SSH the address of the person's SSH client, which the service believes only when the
    console's host is one of its trusted proxies (``GCKEY_TRUSTED_PROXIES``)."""
    from gckey_tui import __version__

    connection = os.environ.get("SSH_CONNECTION", "").split()
    headers = {"User-Agent": f"gckey-tui/{__version__} (console{'; ssh' if connection else ''})"}
    if connection:
        headers["X-Forwarded-For"] = connection[0]
    return headers


API = "/api/v1"


class ServiceClient(
    AccountClientMixin,
    ApplicationsClientMixin,
    LifecycleClientMixin,
    PartnersClientMixin,
    PasskeysClientMixin,
    ReportsClientMixin,
):
    """One client per console: holds the base URL, the language and the current session token."""

    def __init__(
        self,
        base_url: str = "http://gckey.local",
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        language: str = "en",
        token: str | None = None,
        timeout: float = 30.0,
    ) -> None:
        self.language = language
        self.token = token
        #: the in-process service, when there is one (partner sign-in serves it on a loopback port for a while)
        self.asgi_app: Any = None
        self._http = httpx.AsyncClient(base_url=base_url, transport=transport, timeout=timeout, headers=identity())

    @classmethod
    def in_process(cls, asgi_app: Any, **kwargs: Any) -> ServiceClient:
        """A client that calls an ASGI app directly: no port is opened."""
        # an unexpected server error reaches the client as the service's 500 answer, as over the network
        client = cls(transport=httpx.ASGITransport(app=asgi_app, raise_app_exceptions=False), **kwargs)
        client.asgi_app = asgi_app
        return client

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._http.aclose()

    async def __aenter__(self) -> ServiceClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    # -- plumbing -------------------------------------------------------------------------------

    def _headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        headers = {"Accept-Language": self.language}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        headers.update(extra or {})
        return headers

    async def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        content: bytes | str | None = None,
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        """Send one call; raise ``ApiError`` for any answer of 400 and above or a network failure."""
        try:
            response = await self._http.request(
                method,
                path,
                json=json,
                content=content,
                params={k: v for k, v in (params or {}).items() if v is not None} or None,
                headers=self._headers(headers),
            )
        except httpx.HTTPError as error:
            raise ApiError(0, "network_error", str(error)) from error
        if response.status_code >= 400:
            raise self._error(response)
        return response

    @staticmethod
    def _error(response: httpx.Response) -> ApiError:
        retry_after = response.headers.get("Retry-After")
        try:
            body = response.json()["error"]
            code, message, fields = body["code"], body["message"], body.get("fields") or {}
        except (ValueError, KeyError, TypeError):
            # a proxy's own page; 503 is a service shedding load all the same
            code = "busy" if response.status_code == 503 else "unexpected_response"
            message, fields = response.text[:200], {}
        return ApiError(
            response.status_code,
            code,
            message,
            fields,
            int(retry_after) if retry_after and retry_after.isdigit() else None,
        )

    async def call(self, method: str, path: str, model: type[ModelT], **kwargs: Any) -> ModelT:
        """Send one call and parse its JSON answer as ``model``."""
        response = await self.request(method, path, **kwargs)
        return model.model_validate(response.json())

    @staticmethod
    def body(model: BaseModel) -> dict[str, Any]:
        """A request model as JSON-ready data."""
        return model.model_dump(mode="json", exclude_none=True)

    # -- service --------------------------------------------------------------------------------

    async def health(self) -> m.Health:
        """GET /health."""
        return await self.call("GET", "/health", m.Health)

    async def meta(self) -> m.Meta:
        """Password policy, recovery questions, methods, partners, service desk."""
        return await self.call("GET", f"{API}/meta", m.Meta)

    # -- registration ---------------------------------------------------------------------------

    async def register(self, request: m.RegistrationRequest) -> m.RegistrationCreated:
        """Start a registration; the service emails a verification code."""
        return await self.call("POST", f"{API}/registrations", m.RegistrationCreated, json=self.body(request))

    async def verify_registration(self, registration_id: str, code: str) -> m.SessionCreated:
        """Verify the email code: the account exists and a setup-only session begins."""
        created = await self.call(
            "POST", f"{API}/registrations/{registration_id}/verify", m.SessionCreated, json={"code": code}
        )
        self.token = created.token
        return created

    # -- sessions -------------------------------------------------------------------------------

    async def sign_in(self, username: str, password: str) -> m.SessionCreated:
        """The password step; keeps the new session's token."""
        created = await self.call(
            "POST", f"{API}/sessions", m.SessionCreated, json={"username": username, "password": password}
        )
        self.token = created.token
        return created

    async def submit_second_factor(self, code: str) -> m.SessionStateAnswer:
        """Finish sign-in with an authenticator or email code (the session's token is renewed)."""
        answer = await self.call(
            "POST", f"{API}/sessions/current/two-factor", m.SessionStateAnswer, json={"code": code}
        )
        self.token = answer.token or self.token
        return answer

    async def send_email_code(self) -> m.MailQueued:
        """Ask for a sign-in (or re-authentication) code by email (``mail_delayed``: it may arrive late)."""
        return await self.call("POST", f"{API}/sessions/current/two-factor/email-code", m.MailQueued)

    async def recover(self, recovery_code: str) -> m.RecoveryAnswer:
        """Use a recovery code at the second-factor step (the session's token is renewed)."""
        answer = await self.call(
            "POST",
            f"{API}/sessions/current/recovery",
            m.RecoveryAnswer,
            json={"recovery_code": recovery_code},
        )
        self.token = answer.token
        return answer

    async def current_session(self) -> m.SessionInfo:
        """The session's state and expiry."""
        return await self.call("GET", f"{API}/sessions/current", m.SessionInfo)

    async def sign_out(self) -> None:
        """End the session on the service and forget its token."""
        try:
            if self.token:
                await self.request("DELETE", f"{API}/sessions/current")
        finally:
            self.token = None

    async def reauthenticate(self, password: str, code: str) -> m.ReauthenticateAnswer:
        """Open the 5-minute window for sensitive changes."""
        return await self.call(
            "POST",
            f"{API}/sessions/current/reauthenticate",
            m.ReauthenticateAnswer,
            json={"password": password, "code": code},
        )

    # -- account and second factor ----------------------------------------------------------------

    async def me(self) -> m.Me:
        """The signed-in account."""
        return await self.call("GET", f"{API}/me", m.Me)

    async def start_enrolment(self, method: str) -> m.EnrolmentCreated:
        """Begin setting up a second factor (``totp`` or ``email``)."""
        return await self.call("POST", f"{API}/me/two-factor/enrolments", m.EnrolmentCreated, json={"method": method})

    async def confirm_enrolment(self, enrolment_id: str, code: str) -> m.RecoveryCodes:
        """Confirm the new factor with a code; returns the 10 new recovery codes (shown once)."""
        return await self.call(
            "POST",
            f"{API}/me/two-factor/enrolments/{enrolment_id}/confirm",
            m.RecoveryCodes,
            json={"code": code},
        )
