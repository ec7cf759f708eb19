"""The passkey pages: pick the console's number, then the WebAuthn ceremony run by one static script.

Plain, escaped, localised HTML readable on a phone; no inline script (the policy allows only our own script
file and calls to our own origin), no third-party resource, never framed.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape
from importlib.resources import files
from urllib.parse import urlencode

from fastapi.responses import HTMLResponse

from gckey_tui.i18n import translate

STYLE = (
    "body{font-family:sans-serif;max-width:32em;margin:1em auto;padding:0 1em;line-height:1.4}"
    "input,button{font-size:1.2em}.numbers{display:flex;gap:1em;flex-wrap:wrap}"
    ".numbers button{font-size:2em;min-width:3.5em;padding:.4em}#status{font-weight:bold}"
    "#language{float:right}"
)
_STYLE_HASH = base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
#: only our own script and our own origin (the ceremony's answer is posted to it)
CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'sha256-{_STYLE_HASH}'; "
    "img-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SCRIPT_PATH = "/passkeys/passkeys.js"
#: the pages of each purpose: the number page, then the ceremony's answer under ``/finish``
PATHS = {"enrol": "/passkeys/new", "sign_in": "/passkeys/sign-in"}
TITLES = {"enrol": "passkeys.page.enrol_title", "sign_in": "passkeys.page.sign_in_title"}


def script() -> str:
    """The ceremony's script (a file of the package)."""
    return files("gckey_tui.service").joinpath("static/passkeys.js").read_text(encoding="utf-8")


def page(language: str, purpose: str, body: str, status: int = 200, *, ticket: str = "", with_script=False):
    """A complete page; ``body`` is HTML the caller already escaped. A link offers the other language."""
    title = escape(translate(TITLES[purpose], language))
    other = "fr" if language == "en" else "en"
    query = urlencode({"ticket": ticket, "lang": other} if ticket else {"lang": other})
    switch = (
        f'<a id="language" lang="{other}" href="{PATHS[purpose]}?{escape(query)}">'
        + escape(translate("passkeys.page.other_language", language))
        + "</a>"
    )
    head_script = f'<script src="{SCRIPT_PATH}" defer></script>' if with_script else ""
    html = (
        f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>'
        f"<style>{STYLE}</style>{head_script}</head><body>{switch}<h1>{title}</h1>{body}</body></html>"
    )
    return HTMLResponse(
        html,
        status_code=status,
        headers={
            "Cache-Control": "no-store",
            "X-Frame-Options": "DENY",
            # the ticket in the address never leaves for another site; our own posts keep their Origin (with
            # no-referrer, browsers send "Origin: null" and the CSRF check cannot tell)
            "Referrer-Policy": "same-origin",
            "Content-Security-Policy": CONTENT_SECURITY_POLICY,
        },
    )


def message(language: str, purpose: str, key: str, status: int = 200, **params: object) -> HTMLResponse:
    """A page with one localised paragraph (``#message``)."""
    text = escape(translate(key, language, **params))
    return page(language, purpose, f'<p id="message" role="alert">{text}</p>', status)


def hidden(name: str, value: str) -> str:
    """A hidden form field."""
    return f'<input type="hidden" name="{escape(name)}" value="{escape(value)}">'


def number_form(language: str, purpose: str, ticket: str, numbers: list[str], csrf_field: str) -> HTMLResponse:
    """Which number does the console show? Three buttons; the wrong one ends the ticket."""
    question = escape(translate("passkeys.page.question", language))
    warning = escape(translate("passkeys.page.warning", language))
    buttons = "".join(
        f'<button name="number" value="{escape(n)}" id="number-{escape(n)}">{escape(n)}</button>' for n in numbers
    )
    body = (
        f'<p id="question">{question}</p>'
        f'<form method="post" action="{PATHS[purpose]}">{csrf_field}{hidden("ticket", ticket)}'
        f'{hidden("lang", language)}<div class="numbers">{buttons}</div></form>'
        f'<p id="warning">{warning}</p>'
    )
    return page(language, purpose, body, ticket=ticket)


def ceremony(language: str, purpose: str, ticket: str, options: str, csrf_token: str) -> HTMLResponse:
    """The ceremony: the script reads its options and words from ``#ceremony`` and posts the answer."""

    def say(key: str) -> str:
        return escape(translate(key, language))

    data = {
        "options": options,
        "purpose": purpose,
        "finish": f"{PATHS[purpose]}/finish?lang={language}",
        "csrf": csrf_token,
        "ticket": ticket,
        "working": translate("passkeys.page.working", language),
        "cancelled": translate("passkeys.page.cancelled", language),
        "failed": translate("passkeys.page.failed", language),
        "unsupported": translate("passkeys.page.unsupported", language),
    }
    attributes = " ".join(f'data-{name}="{escape(value)}"' for name, value in data.items())
    if purpose == "enrol":
        fields = (
            f'<p>{say("passkeys.page.enrol_intro")}</p><label for="name">{say("passkeys.page.name")}</label><br>'
            f'<input id="name" maxlength="64" value="{say("passkeys.page.default_name")}" required><br><br>'
            f'<button id="start" type="button">{say("passkeys.page.create")}</button>'
        )
    else:
        fields = (
            f"<p>{say('passkeys.page.sign_in_intro')}</p>"
            f'<button id="start" type="button">{say("passkeys.page.use")}</button>'
        )
    body = (
        f'<div id="ceremony" {attributes}>{fields}</div><p id="status" role="status" aria-live="polite"></p>'
        f"<noscript><p>{say('passkeys.page.unsupported')}</p></noscript>"
    )
    return page(language, purpose, body, ticket=ticket, with_script=True)
