"""``DomainError``: what a flow raises when a rule says no. It knows nothing of HTTP.

The code is stable (it is the API's ``error.code``); ``service/errors.py`` maps each code to an HTTP status,
headers and the localised message. ``fields`` maps a form field to the translation key of its message;
``retry_after`` says when trying again can succeed; other keyword details fill the message's placeholders.
"""

from __future__ import annotations


class DomainError(Exception):
    """A rule refused the request."""

    def __init__(
        self,
        code: str,
        *,
        fields: dict[str, str] | None = None,
        retry_after: float | None = None,
        **details: object,
    ) -> None:
        super().__init__(code)
        self.code = code
        self.fields = fields or {}
        self.retry_after = retry_after
        self.details = details
