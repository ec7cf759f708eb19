"""Hashes, HMACs, tokens, one-time codes, TOTP and secret encryption (DESIGN §3)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import unicodedata

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from gckey_tui.service import hash_pool

#: argon2id parameters per profile. ``standard`` is OWASP's m=19 MiB, t=2, p=1; ``fast`` is for tests.
HASH_PROFILES = {
    "standard": {"memory_cost": 19 * 1024, "time_cost": 2, "parallelism": 1},
    "fast": {"memory_cost": 8, "time_cost": 1, "parallelism": 1},
}

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CROCKFORD_ALIASES = str.maketrans({"O": "0", "I": "1", "L": "1"})

TOTP_PERIOD = 30
TOTP_WINDOW = 1  # ±1 step


class Secrets:
    """The service's keyed operations, built from the secret key and the hash profile."""

    def __init__(
        self, secret_key: bytes, hash_profile: str = "standard", max_concurrent_hashes: int | None = None
    ) -> None:
        # argon2id is memory-hard (19 MiB each): every hash runs on the process's fixed pool of threads, one
        # per core by default, and calls that would wait too long for it are shed (``service/hash_pool.py``)
        self.pool = hash_pool.shared(max_concurrent_hashes or os.cpu_count() or 1)
        self._hmac_key = hashlib.sha256(b"gckey-hmac\0" + secret_key).digest()
        self._aead = AESGCM(hashlib.sha256(b"gckey-aead\0" + secret_key).digest())
        self.hasher = PasswordHasher(**HASH_PROFILES[hash_profile])
        # Verified against when the username is unknown, so both paths cost one argon2 verify.
        self.dummy_hash = self.pool.run(self.hasher.hash, secrets.token_urlsafe(16))

    # -- hashing ------------------------------------------------------------------------------

    def hash_password(self, password: str) -> str:
        """argon2id hash of a password or a normalised recovery answer."""
        return self.pool.run(self.hasher.hash, password)

    def verify_password(self, password_hash: str | None, password: str) -> bool:
        """True when ``password`` matches; an absent hash costs the same as a real one."""
        try:
            return (
                self.pool.run(self.hasher.verify, password_hash or self.dummy_hash, password)
                and password_hash is not None
            )
        except (VerificationError, InvalidHashError):
            return False

    def hmac(self, purpose: str, value: str) -> str:
        """Hex HMAC-SHA256 of ``value``, separated by ``purpose`` (codes and tokens are stored only so)."""
        return hmac.new(self._hmac_key, f"{purpose}\0{value}".encode(), hashlib.sha256).hexdigest()

    # -- secret encryption (the TOTP secret must be readable to verify codes) -----------------

    def encrypt(self, plaintext: str, bound_to: str) -> bytes:
        """AES-256-GCM with a fresh nonce; ``bound_to`` (e.g. ``account_binding(id)``) is the associated data,
        so the ciphertext decrypts only for the row it was made for."""
        nonce = os.urandom(12)
        return nonce + self._aead.encrypt(nonce, plaintext.encode(), bound_to.encode())

    def decrypt(self, ciphertext: bytes, bound_to: str) -> str:
        """Reverse of ``encrypt``; ``SecretNotBound`` when the ciphertext was made for something else (a value
        copied from another row) or under another key."""
        try:
            return self._aead.decrypt(ciphertext[:12], ciphertext[12:], bound_to.encode()).decode()
        except InvalidTag:
            raise SecretNotBound(bound_to) from None


class SecretNotBound(ValueError):
    """A stored ciphertext that does not decrypt for the row it is in."""


def account_binding(account_id: int) -> str:
    """The associated data of an account's TOTP secret (in its account row or a pending enrolment)."""
    return f"totp-secret:account:{account_id}"


def new_token() -> str:
    """An opaque 256-bit bearer token."""
    return secrets.token_urlsafe(32)


def new_email_code() -> str:
    """A 6-digit code."""
    return f"{secrets.randbelow(1_000_000):06d}"


def new_recovery_code() -> str:
    """12 Crockford base32 characters shown as XXXX-XXXX-XXXX (60 bits)."""
    raw = "".join(secrets.choice(CROCKFORD) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalise_recovery_code(code: str) -> str:
    """Upper-case, separators removed, Crockford's look-alikes mapped (O→0, I/L→1)."""
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum()).translate(_CROCKFORD_ALIASES)
    return cleaned


def normalise_code(code: str) -> str:
    """A typed numeric code without spaces or dashes."""
    return "".join(ch for ch in code if not ch.isspace() and ch != "-")


def normalise_answer(answer: str) -> str:
    """Recovery answers compare without case, accents or extra spaces."""
    decomposed = unicodedata.normalize("NFKD", answer.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())


def new_totp_secret() -> str:
    """A 160-bit base32 secret."""
    return base64.b32encode(secrets.token_bytes(20)).decode()


def group_secret(secret: str) -> str:
    """The secret in groups of four for reading aloud or typing."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def otpauth_uri(secret: str, username: str) -> str:
    """The otpauth:// URI authenticator apps scan."""
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name="GCKey")


def totp_matching_step(secret: str, code: str, at_seconds: float) -> int | None:
    """The RFC 6238 time step within ±1 of ``at_seconds`` whose code is ``code``, if any."""
    code = normalise_code(code)
    if len(code) != 6 or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    current = int(at_seconds // TOTP_PERIOD)
    for step in range(current - TOTP_WINDOW, current + TOTP_WINDOW + 1):
        if hmac.compare_digest(totp.at(step * TOTP_PERIOD), code):
            return step
    return None
