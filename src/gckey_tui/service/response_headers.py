"""Headers every answer gets (DESIGN §4): nothing cached that carries a token, code or secret; HTML locked down.

A pure ASGI middleware, so it sees every answer, errors and framework answers (404, 405) included.
"""

from __future__ import annotations

import base64
import hashlib

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gckey_tui.service.partners_pages import STYLE

#: GET answers that hold nothing personal or secret and may be cached; every other answer is ``no-store``
#: (tokens, codes, secrets, recovery codes, personal data: a new call cannot forget to say so)
CACHEABLE = frozenset({"/health", "/api/v1/meta", "/api/v1/partners", "/openapi.json"})

_STYLE_HASH = base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
#: the service's pages (partner sign-in) have no script, one known inline style, and are never framed
CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; style-src 'sha256-{_STYLE_HASH}'; base-uri 'none'; frame-ancestors 'none'"
)


class ResponseHeaders:
    """``X-Content-Type-Options: nosniff`` everywhere; ``Cache-Control: no-store`` unless listed cacheable;
    a Content-Security-Policy on HTML."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cacheable = scope["method"] in ("GET", "HEAD") and scope["path"] in CACHEABLE

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["X-Content-Type-Options"] = "nosniff"
                if not cacheable:
                    headers["Cache-Control"] = "no-store"
                # a page with its own policy (the passkey pages load their one script) keeps it
                html = headers.get("content-type", "").startswith("text/html")
                if html and "content-security-policy" not in headers:
                    headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
            await send(message)

        await self.app(scope, receive, send_with_headers)
