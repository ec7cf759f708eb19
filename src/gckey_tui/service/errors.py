"""Service errors: a stable code, a localised message, optional field messages and Retry-After."""

from __future__ import annotations

import logging
from math import ceil

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from gckey_tui.i18n import accept_language, translate

log = logging.getLogger("gckey_tui.service")


class ServiceError(Exception):
    """Raised by domain code; rendered as ``{"error": {code, message, fields}}``.

    The message is the ``error.<code>`` translation; ``fields`` maps field names to translation keys.
    """

    def __init__(
        self,
        status: int,
        code: str,
        *,
        fields: dict[str, str] | None = None,
        retry_after: float | None = None,
        **params: object,
    ) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.fields = fields or {}
        self.retry_after = retry_after
        self.params = params


def error_response(
    request: Request,
    status: int,
    code: str,
    fields: dict[str, str] | None = None,
    retry_after: float | None = None,
    **params: object,
) -> JSONResponse:
    """The JSON error answer in the caller's language."""
    language = accept_language(request.headers.get("accept-language"))
    body = {
        "error": {
            "code": code,
            "message": translate(f"error.{code}", language, **params),
            "fields": {name: translate(key, language) for name, key in (fields or {}).items()},
        }
    }
    headers = {}
    if retry_after is not None:
        headers["Retry-After"] = str(max(1, ceil(retry_after)))
    return JSONResponse(body, status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    """Map every failure to the error shape: never a traceback, never an HTML page."""

    @app.exception_handler(ServiceError)
    async def _service_error(request: Request, error: ServiceError) -> JSONResponse:
        return error_response(request, error.status, error.code, error.fields, error.retry_after, **error.params)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
        fields = {}
        for problem in error.errors():
            location = [str(part) for part in problem.get("loc", ()) if part not in ("body", "query", "path")]
            fields[".".join(location) or "body"] = "error.field_invalid"
        return error_response(request, 422, "invalid_request", fields)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        code = {401: "unauthorized", 404: "not_found", 405: "method_not_allowed"}.get(error.status_code, "bad_request")
        return error_response(request, error.status_code, code)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, error: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(request, 500, "internal_error")
