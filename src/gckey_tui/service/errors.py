"""Service errors: a stable code, a localised message, optional field messages and Retry-After."""

from __future__ import annotations

import logging
from math import ceil

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from gckey_tui.i18n import accept_language, translate

log = logging.getLogger("gckey_tui.service")

#: HTTP errors raised by the framework (routing, body limits) → stable codes
HTTP_ERROR_CODES = {401: "unauthorized", 404: "not_found", 405: "method_not_allowed", 413: "payload_too_large"}


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
    headers: dict[str, str] | None = None,
    **params: object,
) -> JSONResponse:
    """The JSON error answer in the caller's language (``headers`` such as a 405's ``Allow`` are kept)."""
    language = accept_language(request.headers.get("accept-language"))
    body = {
        "error": {
            "code": code,
            "message": translate(f"error.{code}", language, **params),
            "fields": {name: translate(key, language) for name, key in (fields or {}).items()},
        }
    }
    headers = dict(headers or {})
    if retry_after is not None:
        headers["Retry-After"] = str(max(1, ceil(retry_after)))
    return JSONResponse(body, status_code=status, headers=headers)


#: methods a 405's ``Allow`` may name
HTTP_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(request: Request) -> str:
    """Every method some route takes at this path (Starlette's 405 names only the first such route's)."""
    return ", ".join(
        method
        for method in HTTP_METHODS
        if any(route.matches({**request.scope, "method": method})[0] is Match.FULL for route in request.app.routes)
    )


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
        code = HTTP_ERROR_CODES.get(error.status_code, "bad_request")
        headers = dict(error.headers or {})
        if error.status_code == 405:
            headers["Allow"] = allowed_methods(request)
        return error_response(request, error.status_code, code, headers=headers)

    @app.exception_handler(DataError)
    async def _data_error(request: Request, error: DataError) -> JSONResponse:
        # a value the store cannot hold (a NUL character on PostgreSQL, a number out of range): bad input
        log.warning("value refused by the store on %s %s (%s)", request.method, request.url.path, type(error.orig))
        return error_response(request, 422, "unsupported_value")

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, error: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(request, 500, "internal_error")
