"""Cross-site request forgery defence for the service's few HTML forms (OWASP: signed double submit + Origin).

The browser holds a random value in an HttpOnly, SameSite=Strict cookie; each form carries an HMAC of it. A
form post is accepted only when the field matches the cookie's HMAC and, when the browser says where the post
comes from (Origin, else Referer), that is the service's own public address.
"""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import Response

from gckey_tui.service.context import ServiceContext

COOKIE = "gckey_csrf"
FIELD = "csrf"
LIFETIME_SECONDS = 3600


def browser_value(request: Request) -> str:
    """The browser's CSRF cookie value, or a new one (set it with ``remember``)."""
    return request.cookies.get(COOKIE) or secrets.token_urlsafe(32)


def form_token(context: ServiceContext, value: str) -> str:
    """What a form carries for the browser holding ``value``."""
    return context.secrets.hmac("csrf", value)


def remember(response: Response, value: str, secure: bool, path: str = "/partners") -> None:
    """Set (or renew) the browser's CSRF cookie on ``response``, for the pages under ``path``."""
    response.set_cookie(
        COOKIE, value, max_age=LIFETIME_SECONDS, path=path, httponly=True, samesite="strict", secure=secure
    )


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


def same_origin(request: Request, public_base: str) -> bool:
    """Whether the post comes from the service's own pages (browsers send Origin on posts; Referer otherwise)."""
    source = request.headers.get("origin") or request.headers.get("referer")
    if not source or source == "null":
        return source is None  # no header at all: a non-browser client; the token still has to match
    return _origin(source) == _origin(public_base)


def valid_post(context: ServiceContext, request: Request, fields: dict[str, str], public_base: str) -> bool:
    """A form post made from our page in this browser."""
    cookie = request.cookies.get(COOKIE, "")
    sent = fields.get(FIELD, "")
    return (
        bool(cookie and sent)
        and hmac.compare_digest(sent, form_token(context, cookie))
        and same_origin(request, public_base)
    )
