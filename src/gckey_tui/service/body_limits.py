"""Request bodies limited per route, before anything buffers them: 413 with the error envelope.

A pure ASGI middleware: a declared ``Content-Length`` over the limit is refused before a byte is read; a
body sent without one (chunked) is counted as it streams and refused as soon as it passes the limit.
"""

from __future__ import annotations

import re

from fastapi import FastAPI, HTTPException
from fastapi.responses import JSONResponse
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gckey_tui.service.errors import error_response

#: JSON requests and forms are small: the largest (a registration) is under 2 KiB
DEFAULT_LIMIT = 64 * 1024
#: (path, limit in bytes, error code): the routes that take more
ROUTE_LIMITS = (
    # the statuses of a 40,000-row report with long notes fit well below it (the CSV import's own limit)
    (re.compile(r"/api/v1/institutions/[^/]+/reports/[^/]+/statuses"), 16 * 1024 * 1024, "csv_too_large"),
    # a 1 MB SVG screenshot, escaped inside JSON
    (re.compile(r"/api/v1/support/requests"), 4 * 1024 * 1024, "payload_too_large"),
)


def limit_for(path: str) -> tuple[int, str]:
    """The body limit of ``path`` and the error code that refuses more."""
    for pattern, limit, code in ROUTE_LIMITS:
        if pattern.fullmatch(path):
            return limit, code
    return DEFAULT_LIMIT, "payload_too_large"


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` mid-stream. An HTTP exception, so that FastAPI's body parsing lets it through
    to the handler installed with the middleware (or to the middleware itself, if it escapes the app)."""

    def __init__(self, code: str) -> None:
        super().__init__(413)
        self.code = code


class BodyLimits:
    """Refuses request bodies over their route's limit."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit, code = limit_for(scope["path"])
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            await error_response(Request(scope), 413, code)(scope, receive, send)
            return
        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(code)
            return message

        started = False

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except BodyTooLarge as refused:
            if started:
                raise
            await error_response(Request(scope), 413, refused.code)(scope, receive, send)


def install_body_limits(app: FastAPI) -> None:
    """Add the middleware, and the 413 answer for a body refused while the app was reading it."""

    @app.exception_handler(BodyTooLarge)
    async def _too_large(request: Request, error: BodyTooLarge) -> JSONResponse:
        return error_response(request, 413, error.code)

    app.add_middleware(BodyLimits)
