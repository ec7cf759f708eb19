"""The few browser pages of partner sign-in: plain, localised, escaped HTML (no scripts)."""

from __future__ import annotations

from html import escape
from urllib.parse import parse_qs

from fastapi import Request
from fastapi.responses import HTMLResponse

from gckey_tui.i18n import translate
from gckey_tui.service.domain_error import DomainError

STYLE = "body{font-family:sans-serif;max-width:32em;margin:2em auto;padding:0 1em}input,button{font-size:1.2em}"


def page(language: str, title_key: str, body: str, status: int = 200) -> HTMLResponse:
    """A complete page; ``body`` is HTML the caller already escaped."""
    title = escape(translate(title_key, language))
    html = (
        f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width"><title>{title}</title><style>{STYLE}</style>'
        f"</head><body><h1>{title}</h1>{body}</body></html>"
    )
    # same-origin referrers: the user code in the address never leaks to the partner, while our own form
    # posts keep their Origin (with no-referrer, browsers send "Origin: null" and the CSRF check cannot tell)
    return HTMLResponse(
        html,
        status_code=status,
        headers={"Cache-Control": "no-store", "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin"},
    )


def message_page(language: str, title_key: str, message_key: str, status: int = 200, **params: object) -> HTMLResponse:
    """A page with one localised paragraph."""
    text = escape(translate(message_key, language, **params))
    return page(language, title_key, f'<p id="message">{text}</p>', status)


#: the forms here have two or three fields; a body with more is refused rather than parsed
MAX_FORM_FIELDS = 20


async def form_fields(request: Request) -> dict[str, str]:
    """An ``application/x-www-form-urlencoded`` body as single values; 400 ``bad_request`` past 20 fields."""
    body = (await request.body()).decode("utf-8", errors="replace")
    try:
        parsed = parse_qs(body, max_num_fields=MAX_FORM_FIELDS)
    except ValueError:  # more fields than allowed
        raise DomainError("bad_request", fields={"body": "error.too_many_fields"}) from None
    return {name: values[0] for name, values in parsed.items()}


def hidden(name: str, value: str) -> str:
    """A hidden form field."""
    return f'<input type="hidden" name="{escape(name)}" value="{escape(value)}">'
