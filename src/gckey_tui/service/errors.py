"""Domain errors to HTTP: one table of status codes, the error envelope, and the app's exception handlers.

Every answer that is not a success has the shape ``{"error": {code, message, fields}}``; the message is the
``error.<code>`` translation in the caller's language, ``fields`` maps form fields to their messages, and a
``retry_after`` becomes the ``Retry-After`` header.
"""

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
from gckey_tui.i18n.labels import ERRORS
from gckey_tui.service.domain_error import DomainError

log = logging.getLogger("gckey_tui.service")

#: the HTTP status of each domain error code
STATUS = {
    # not signed in, or the credentials or code are wrong
    "unauthorized": 401,
    "session_expired": 401,
    "invalid_credentials": 401,
    "invalid_code": 401,
    "sign_in_restart": 401,
    # signed in, but not allowed this
    "session_incomplete": 403,
    "reauthentication_required": 403,
    "insufficient_scope": 403,
    # a form or request that breaks a rule
    "bad_request": 400,
    "invalid_recovery": 400,
    "invalid_setup_code": 400,
    "code_expired": 400,
    "csv_not_utf8": 400,
    "authorization_pending": 400,
    "slow_down": 400,
    "expired_token": 400,
    "access_denied": 400,
    "identity_linked_elsewhere": 400,
    "invalid_grant": 400,
    "invalid_registration": 422,
    "invalid_password": 422,
    "invalid_support_request": 422,
    "invalid_fields": 422,
    "confirmation_mismatch": 422,
    "csv_too_large": 413,
    # nothing there (or not the caller's)
    "not_found": 404,
    "registration_not_found": 404,
    "enrolment_not_found": 404,
    "no_matching_application": 404,
    "application_not_found": 404,
    "institution_not_found": 404,
    "report_not_found": 404,
    "student_not_found": 404,
    "token_not_found": 404,
    "session_not_found": 404,
    "partner_not_found": 404,
    "passkey_not_found": 404,
    "ticket_not_found": 404,
    # the state of things says no
    "username_taken": 409,
    "not_email_method": 409,
    "partner_unavailable": 409,
    "too_many_tokens": 409,
    "report_exempt": 409,
    "report_not_open": 409,
    "report_submitted": 409,
    "report_incomplete": 409,
    "report_empty": 409,
    "no_passkeys": 409,
    "too_many_passkeys": 409,
    "last_factor": 409,
    "wrong_number": 400,
    "passkey_refused": 401,
    "passkey_cloned": 401,
    # limits (always with Retry-After)
    "too_many_attempts": 429,
    "too_many_requests": 429,
    "code_sent_recently": 429,
    "linking_locked": 429,
    # load shed at once (with Retry-After): hashing is saturated
    "busy": 503,
}

#: the message key of each error code: every code above has one, and so have the framework's below (a test checks)
MESSAGES = ERRORS

#: HTTP errors raised by the framework (routing, body limits) → stable codes
HTTP_ERROR_CODES = {401: "unauthorized", 404: "not_found", 405: "method_not_allowed", 413: "payload_too_large"}


#: a wrong code typed into a form (registration, enrolment: a field message) is a bad request, not a failed
#: sign-in step
FORM_STATUS = {"invalid_code": 400}


def status_of(error: DomainError) -> int:
    """The HTTP status that answers ``error``."""
    if error.fields and error.code in FORM_STATUS:
        return FORM_STATUS[error.code]
    return STATUS[error.code]


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
    request.state.error_code = code  # for the request's metrics (sign-ins by outcome)
    body = {
        "error": {
            "code": code,
            "message": translate(MESSAGES[code], language, **params),
            "fields": {name: translate(key, language) for name, key in (fields or {}).items()},
        }
    }
    headers = dict(headers or {})
    if retry_after is not None:
        headers["Retry-After"] = str(max(1, ceil(retry_after)))
    return JSONResponse(body, status_code=status, headers=headers)


def domain_error_response(request: Request, error: DomainError) -> JSONResponse:
    """The answer to a refused rule."""
    return error_response(request, status_of(error), error.code, error.fields, error.retry_after, **error.details)


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

    @app.exception_handler(DomainError)
    async def _domain_error(request: Request, error: DomainError) -> JSONResponse:
        return domain_error_response(request, error)

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
