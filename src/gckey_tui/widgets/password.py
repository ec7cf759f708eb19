"""Live password feedback: the policy's rules ticked as you type, and a zxcvbn strength meter.

The rules mirror the service's (DESIGN §3) from the numbers in GET /meta, the common-password rule included
(zxcvbn's list, as the service uses it), so that the checklist agrees with the service's answer; the service
stays the judge, and its field messages show under the form.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from gckey_tui.accessibility import check_marks, meter_glyphs
from gckey_tui.i18n import _
from gckey_tui.i18n.labels import STRENGTHS

if TYPE_CHECKING:
    from gckey_tui.api import models as m

USERNAME_RUN = 3


@cache
def common_passwords() -> frozenset[str]:
    """zxcvbn's list of the 30,000 most common passwords, lower-cased: the list the service refuses."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(word.lower() for word in FREQUENCY_LISTS["passwords"])


def password_checks(password: str, username: str, policy: m.PasswordPolicy) -> list[tuple[bool, str]]:
    """Each rule as (met, i18n key of the rule)."""
    lowered, user = password.lower(), username.lower()
    shares_run = any(user[i : i + USERNAME_RUN] in lowered for i in range(len(user) - USERNAME_RUN + 1))
    return [
        (policy.min_length <= len(password) <= policy.max_length, "policy.password.length"),
        (any(ch.isupper() for ch in password), "policy.password.upper"),
        (any(ch.islower() for ch in password), "policy.password.lower"),
        (any(ch.isdigit() for ch in password), "policy.password.digit"),
        (bool(password) and not shares_run, "policy.password.username"),
        (bool(password) and lowered not in common_passwords(), "policy.password.not_common"),
    ]


def strength(password: str, username: str = "") -> int:
    """zxcvbn's score, 0 (weakest) to 4."""
    if not password:
        return 0
    from zxcvbn import zxcvbn

    return int(zxcvbn(password[:64], user_inputs=[username] if username else [])["score"])


class PasswordFeedback(Static):
    """The rules and the meter for the password typed so far."""

    def __init__(self, policy: m.PasswordPolicy, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.policy = policy

    def show(self, password: str, username: str) -> None:
        """Redraw for this password and username."""
        access = getattr(self.app, "access", None)
        plain = bool(access and access.plain)
        yes, no = check_marks(plain)
        filled, empty = meter_glyphs(plain)
        text = Text()
        for met, key in password_checks(password, username, self.policy):
            text.append(f"{yes if met else no} ", style="green" if met else "red")
            text.append(_(key) + "\n")
        score = strength(password, username)
        text.append(_("console.register.strength") + " ")
        text.append(filled * (score + 1) + empty * (4 - score), style=("red", "red", "yellow", "green", "green")[score])
        text.append(" " + _(STRENGTHS[str(score)]))
        self.update(text)
