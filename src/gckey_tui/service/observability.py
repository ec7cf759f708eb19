"""Per request: an id (on every log line of the request, and answered in ``X-Request-ID``), its metrics, and
one access log line — by route template, never the raw path or query (``service/logs.py``)."""

from __future__ import annotations

import logging
import re
import secrets
import time
from typing import Any

from gckey_tui.service import metrics
from gckey_tui.service.logs import REQUEST_ID

log = logging.getLogger("gckey_tui.service.access")

#: the sign-in steps counted by outcome: (method, route) → step
SIGN_IN_STEPS = {
    ("POST", "/api/v1/sessions"): "password",
    ("POST", "/api/v1/sessions/current/two-factor"): "second_factor",
    ("POST", "/api/v1/sessions/current/recovery"): "recovery_code",
    ("POST", "/api/v1/sessions/current/reauthenticate"): "reauthentication",
}

#: a request id a trusted proxy may pass on: short, and nothing that could forge a log line
_FORWARDED_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


class Observability:
    """ASGI middleware around the whole app."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = self._request_id(scope)
        token = REQUEST_ID.set(request_id)
        # shared with the handlers, which note the error code that answered (``service/errors.py``)
        scope.setdefault("state", {})
        status = 500  # unless an answer starts: an exception is answered 500 further out
        began = time.perf_counter()

        async def answer(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, answer)
        finally:
            self._record(scope, status, time.perf_counter() - began)
            REQUEST_ID.reset(token)

    @staticmethod
    def _request_id(scope: dict[str, Any]) -> str:
        """A new id, or the one a trusted proxy forwarded (so its log and ours line up)."""
        peer = scope["client"][0] if scope.get("client") else ""
        settings = scope["app"].state.context.settings
        trusted = {part.strip() for part in settings.trusted_proxies.split(",") if part.strip()}
        if peer in trusted:
            forwarded = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
            if _FORWARDED_ID.fullmatch(forwarded):
                return forwarded
        return secrets.token_hex(8)

    @staticmethod
    def _record(scope: dict[str, Any], status: int, took: float) -> None:
        method = scope["method"]
        route = getattr(scope.get("route"), "path", "unmatched")
        metrics.REQUESTS.labels(method, route, str(status)).inc()
        metrics.LATENCY.labels(method, route).observe(took)
        step = SIGN_IN_STEPS.get((method, route))
        if step is not None:
            outcome = "ok" if status < 400 else scope["state"].get("error_code", str(status))
            metrics.SIGN_INS.labels(step, outcome).inc()
        if log.isEnabledFor(logging.INFO):
            log.info(
                "%s %s %d %.1f ms",
                method,
                route,
                status,
                took * 1000,
                extra={"method": method, "route": route, "status": status, "duration_ms": round(took * 1000, 1)},
            )
