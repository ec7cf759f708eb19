"""FastAPI dependencies: the context, the caller's language, and session checks."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import HTTPBearer

from gckey_tui.i18n import accept_language
from gckey_tui.service.activity import Client, client_kind
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.domain_error import DomainError
from gckey_tui.service.flows.tokens import TokenCaller, authenticate_api_token, is_api_token
from gckey_tui.service.sessions import SessionRecord, authenticate_token


def context_of(request: Request) -> ServiceContext:
    """The service context of the app handling ``request``."""
    return request.app.state.context


async def get_context(request: Request) -> ServiceContext:
    """The service context, as a dependency: resolved on the event loop, so a call takes a request thread
    once (for its handler), not once more for this."""
    return context_of(request)


def get_language(request: Request) -> str:
    """'en' or 'fr' from Accept-Language."""
    return accept_language(request.headers.get("accept-language"))


def address_of(request: Request) -> str:
    """The caller's address: the connection's peer, or the nearest address a trusted proxy forwarded for."""
    peer = request.client.host if request.client else "unknown"
    trusted = {part.strip() for part in context_of(request).settings.trusted_proxies.split(",") if part.strip()}
    if peer not in trusted:
        return peer
    # X-Forwarded-For is "client, proxy1, proxy2": walk back from the nearest hop past our own proxies
    for hop in reversed([part.strip() for part in request.headers.get("x-forwarded-for", "").split(",")]):
        if hop and hop not in trusted:
            return hop[:64]
    return peer


async def client_address(request: Request) -> str:
    """The caller's address, as a dependency (resolved on the event loop)."""
    return address_of(request)


def client_of(request: Request) -> Client:
    """The kind of client (from its User-Agent) and its address, for sessions and security events."""
    return Client(client_kind(request.headers.get("user-agent", "")), address_of(request))


async def caller_client(request: Request) -> Client:
    """``client_of`` as a dependency (resolved on the event loop)."""
    return client_of(request)


#: declares the scheme in the OpenAPI document on every operation that needs a token (the check is ours)
BEARER_SCHEME = HTTPBearer(
    auto_error=False, scheme_name="bearer", description="A session token, or a reports:read API token for reads"
)


def hashing(count: int) -> Callable[[Request], AsyncIterator[None]]:
    """A dependency admitting a call that runs ``count`` argon2 hashes (``service/hash_pool.py``): 503 ``busy``
    with Retry-After at once when they would wait longer than ``shed_after``. It runs on the event loop,
    before the call takes a request thread, so a refusal costs nothing and reserves no limit."""

    async def admitted(request: Request) -> AsyncIterator[None]:
        context = context_of(request)
        with context.secrets.pool.admit(count, context.settings.shed_after):
            yield

    return admitted


def bearer_token(request: Request, _declared: object = Security(BEARER_SCHEME)) -> str:
    """The bearer token, or 401 ``unauthorized``."""
    scheme, _sep, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise DomainError("unauthorized")
    return token.strip()


@dataclass
class Caller:
    """The session making this request."""

    session: SessionRecord
    now: datetime

    @property
    def account_id(self) -> int:
        return self.session.account_id


def session_in(*states: str) -> Callable[..., Caller]:
    """A dependency admitting sessions in one of ``states``; others get 403 ``session_incomplete``."""

    def dependency(token: str = Depends(bearer_token), context: ServiceContext = Depends(get_context)) -> Caller:
        now = context.clock.now()
        session = authenticate_token(context, token, now)
        if states and session.state not in states:
            raise DomainError("session_incomplete")
        return Caller(session, now)

    return dependency


#: a fully signed-in session
authenticated = session_in("authenticated")
#: any live session, whatever its stage
any_session = session_in()


def session_or_token(scope: str) -> Callable[..., Caller | TokenCaller]:
    """A dependency admitting a fully signed-in session or a live API token of ``scope`` (read-only calls)."""

    def dependency(
        token: str = Depends(bearer_token), context: ServiceContext = Depends(get_context)
    ) -> Caller | TokenCaller:
        if is_api_token(token):
            return authenticate_api_token(context, token, scope, context.clock.now())
        return authenticated(token, context)

    return dependency


def session_not_token(token: str = Depends(bearer_token), context: ServiceContext = Depends(get_context)) -> Caller:
    """A fully signed-in session; an API token is refused with 403 ``insufficient_scope`` (tokens only read)."""
    if is_api_token(token):
        raise DomainError("insufficient_scope")
    return authenticated(token, context)


#: the service context, for a route's signature
ContextDep = Annotated[ServiceContext, Depends(get_context)]
#: the calling client (kind and address), for a route's signature
ClientDep = Annotated[Client, Depends(caller_client)]
#: a fully signed-in session (API tokens refused), for a route's signature
SessionDep = Annotated[Caller, Depends(session_not_token)]
