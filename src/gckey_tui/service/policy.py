"""Username, password and recovery-question rules (DESIGN §3). Each check returns translation keys."""

from __future__ import annotations

import re
import string
from functools import cache

USERNAME_MIN, USERNAME_MAX, USERNAME_MAX_DIGITS = 8, 16, 7
PASSWORD_MIN, PASSWORD_MAX = 8, 64
USERNAME_RUN = 3  # a password may not contain this many consecutive characters of the username

#: ids of the fixed bilingual recovery-question list (texts in the ``questions`` catalogue)
RECOVERY_QUESTIONS = tuple(f"q{n:02d}" for n in range(1, 13))
SECURITY_ANSWER_COUNT = 3
ANSWER_MIN = 2

EMAIL_PATTERN = re.compile(r"^[^@\s\x00-\x1f\x7f]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+$")


@cache
def common_passwords() -> frozenset[str]:
    """zxcvbn's list of the 30,000 most common passwords, lower-cased."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(word.lower() for word in FREQUENCY_LISTS["passwords"])


def username_problems(username: str) -> list[str]:
    """Translation keys of every rule ``username`` breaks (empty when acceptable)."""
    problems = []
    if not USERNAME_MIN <= len(username) <= USERNAME_MAX:
        problems.append("policy.username.length")
    if not all(ch in string.ascii_letters + string.digits for ch in username):
        problems.append("policy.username.charset")
    if sum(ch.isdigit() for ch in username) > USERNAME_MAX_DIGITS:
        problems.append("policy.username.digits")
    return problems


def password_problems(password: str, username: str = "") -> list[str]:
    """Translation keys of every rule ``password`` breaks (empty when acceptable)."""
    problems = []
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        problems.append("policy.password.length")
    if not any(ch.isupper() for ch in password):
        problems.append("policy.password.upper")
    if not any(ch.islower() for ch in password):
        problems.append("policy.password.lower")
    if not any(ch.isdigit() for ch in password):
        problems.append("policy.password.digit")
    if shares_username_run(password, username):
        problems.append("policy.password.username")
    if password.lower() in common_passwords():
        problems.append("policy.password.common")
    return problems


def shares_username_run(password: str, username: str) -> bool:
    """True when the password holds 3 or more consecutive characters of the username (any case)."""
    lowered_password, lowered_username = password.lower(), username.lower()
    return any(
        lowered_username[i : i + USERNAME_RUN] in lowered_password
        for i in range(len(lowered_username) - USERNAME_RUN + 1)
    )


def email_problems(email: str) -> list[str]:
    """Translation keys when ``email`` is not a plausible address."""
    return [] if EMAIL_PATTERN.match(email.strip()) else ["policy.email.invalid"]


def password_strength(password: str, username: str = "") -> int:
    """zxcvbn's score, 0 (weakest) to 4, for the strength meter."""
    if not password:
        return 0
    from zxcvbn import zxcvbn

    return int(zxcvbn(password[:PASSWORD_MAX], user_inputs=[username] if username else [])["score"])
