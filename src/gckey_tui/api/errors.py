"""Client-side error type: every failed call raises ``ApiError`` with the service's stable code."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gckey_tui.api.models_reports import CsvError


class ApiError(Exception):
    """A call the service refused, or could not be reached for.

    ``code`` is the stable error code (``invalid_credentials``, ``too_many_attempts``, ...);
    ``network_error`` when the service could not be reached at all.
    """

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        fields: dict[str, str] | None = None,
        retry_after: int | None = None,
    ) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields or {}
        self.retry_after = retry_after


class CsvImportError(ApiError):
    """A CSV import refused (nothing was applied): the first errors with their lines, and how many in all."""

    def __init__(self, status: int, code: str, message: str, errors: list[CsvError], error_count: int) -> None:
        super().__init__(status, code, message)
        self.errors = errors
        self.error_count = error_count
