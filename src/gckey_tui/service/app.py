"""The app factory: one FastAPI app per settings, all state in the store."""

from __future__ import annotations

from fastapi import FastAPI

from gckey_tui import __version__
from gckey_tui.api.models import ErrorResponse
from gckey_tui.config import Settings
from gckey_tui.service import dev_partner
from gckey_tui.service.body_limits import install_body_limits
from gckey_tui.service.clock import Clock
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.db import make_engine, prepare_store
from gckey_tui.service.errors import install_error_handlers
from gckey_tui.service.mail import Mailer
from gckey_tui.service.observability import Observability
from gckey_tui.service.outbox import Outbox
from gckey_tui.service.response_headers import ResponseHeaders
from gckey_tui.service.routers import (
    account,
    account_centre,
    applications,
    institutions,
    me,
    meta,
    ops,
    partners,
    passkeys,
    recovery,
    registrations,
    sessions,
    support,
    tokens,
)
from gckey_tui.service.security import Secrets

#: every error answer has the same documented shape
ERROR_RESPONSES = {
    status: {"model": ErrorResponse, "description": description}
    for status, description in (
        (400, "Bad request"),
        (401, "Not signed in, or the credentials or code are wrong"),
        (403, "Not allowed for this session"),
        (404, "Not found"),
        (409, "Conflict"),
        (422, "Invalid fields"),
        (429, "Too many attempts (see Retry-After)"),
        (503, "Busy: password hashing is saturated, try again (see Retry-After)"),
    )
}

#: every area's router; an area adds its own here
ROUTERS = (
    meta.router,
    registrations.router,
    sessions.router,
    me.router,
    applications.router,
    recovery.router,
    account.router,
    account_centre.router,
    support.router,
    partners.router,
    passkeys.router,
    dev_partner.router,
    institutions.router,
    tokens.router,
    ops.router,
)


def build_context(settings: Settings, *, clock: Clock | None = None, embedded: bool = False) -> ServiceContext:
    """Engine (schema prepared), keys, mailer and clock for ``settings``."""
    clock = clock or Clock()
    engine = make_engine(settings.resolved_database_url())
    secret_key = settings.resolved_secret_key()
    secrets = Secrets(secret_key, settings.hash_profile, settings.hash_concurrency)
    # an older store is migrated here; its encrypted secrets are bound to their rows with the service key
    prepare_store(engine, secrets=secrets)
    mailer = Mailer(
        settings.mail_from,
        clock,
        maildir=None if settings.smtp_url else settings.resolved_mail_dir(),
        smtp_url=settings.smtp_url,
    )
    return ServiceContext(
        settings=settings,
        engine=engine,
        secrets=secrets,
        mailer=mailer,
        clock=clock,
        outbox=Outbox(engine, mailer, clock, secret_key),
        embedded=embedded,
    )


def create_app(
    settings: Settings,
    *,
    clock: Clock | None = None,
    embedded: bool = False,
    context: ServiceContext | None = None,
) -> FastAPI:
    """The reference service for ``settings`` (or an already built ``context``)."""
    app = FastAPI(
        title="gckey-tui reference service",
        version=__version__,
        description="GCKey-style sign-in, second factor, applications and DLI compliance reports.",
        # Swagger UI and ReDoc load scripts from a CDN with no integrity pin: not served (/openapi.json is)
        docs_url=None,
        redoc_url=None,
    )
    app.state.context = context or build_context(settings, clock=clock, embedded=embedded)
    install_error_handlers(app)
    install_body_limits(app)
    app.add_middleware(Observability)  # it counts the body limits' refusals too
    app.add_middleware(ResponseHeaders)  # outermost: it also sees the body limits' refusals
    for router in ROUTERS:
        app.include_router(router, responses=ERROR_RESPONSES)
    return app
