"""Settings: defaults < config.toml < GCKEY_* environment variables < command-line flags (DESIGN §2)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from platformdirs import user_config_path, user_data_path

APP_NAME = "gckey-tui"

HASH_PROFILES = ("standard", "fast")

#: environment variable → settings field
ENV_VARIABLES = {
    "GCKEY_DATABASE_URL": "database_url",
    "GCKEY_MAIL_DIR": "mail_dir",
    "GCKEY_SMTP_URL": "smtp_url",
    "GCKEY_SECRET_KEY": "secret_key",
    "GCKEY_HASH_PROFILE": "hash_profile",
    "GCKEY_SERVER": "server",
    "GCKEY_TOKEN": "token",
    "GCKEY_LANG": "language",
    "GCKEY_THEME": "theme",
    "GCKEY_DATA_DIR": "data_dir",
    "GCKEY_HASH_CONCURRENCY": "hash_concurrency",
    "GCKEY_PUBLIC_URL": "public_url",
    "GCKEY_REPORT_DAYS": "report_days",
    "GCKEY_TRUSTED_PROXIES": "trusted_proxies",
    "GCKEY_MAIL_FROM": "mail_from",
    "GCKEY_SHED_AFTER": "shed_after",
    "GCKEY_LOG_FORMAT": "log_format",
    "GCKEY_ASCII": "ascii",
    "GCKEY_REDUCED_MOTION": "reduced_motion",
}

#: HMAC and AES-256 keys are derived from the secret key: it must hold at least 256 bits
MIN_SECRET_KEY_BYTES = 32
SECRET_KEY_ADVICE = "make one with: python3 -c 'import secrets; print(secrets.token_hex(32))'"

LOG_FORMATS = ("text", "json")

#: fields the console may write back to config.toml (never secrets)
SAVED_FIELDS = ("language", "theme", "keymap", "server")


def _default_data_dir() -> Path:
    return user_data_path(APP_NAME)


def _as_bool(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


@dataclass
class Settings:
    """Everything configurable, for the console and the service alike.

    A plain dataclass (not pydantic) so that starting the console stays cheap; values from files and
    the environment are coerced and checked in ``__post_init__``.
    """

    data_dir: Path = field(default_factory=_default_data_dir)
    database_url: str | None = None
    mail_dir: Path | None = None
    smtp_url: str | None = None
    mail_from: str = "GCKey <no-reply@gckey.invalid>"
    support_mailbox: str = "dli-eed@gckey.invalid"
    secret_key: str | None = None
    hash_profile: str = "standard"
    #: argon2id computations at once per process (default: the number of cores)
    hash_concurrency: int | None = None
    server: str | None = None
    token: str | None = None
    language: str | None = None
    theme: str = "textual-dark"
    keymap: dict[str, str] = field(default_factory=dict)
    #: plain glyphs (ASCII borders, no emoji or block glyphs); None: chosen from TERM (linux, vt100…)
    ascii: bool | None = None
    #: no animations, no blinking cursor, "Working…" instead of spinners
    reduced_motion: bool = False
    demo: bool = False
    #: Development Sign-In Partner: only in demo and test settings.
    dev_partner: bool = False
    #: Sign-In Partners: ``{partner_id: {issuer, client_id, client_secret[, discovery_url]}}`` (config.toml)
    partners: dict[str, dict[str, str]] = field(default_factory=dict)
    #: the address browsers reach the service at (partner verification page), when not the request's own
    public_url: str | None = None
    #: how long a DLI reporting cycle stays open, from the 1st of April or November (IRCC: 60 days)
    report_days: int = 60
    #: comma-separated addresses of reverse proxies whose X-Forwarded-For is believed (none by default)
    trusted_proxies: str = ""
    #: seconds a call may wait for password hashing before it is refused at once (503 busy, Retry-After)
    shed_after: float = 2.0
    #: served log lines: ``text`` or ``json`` (one object per line, with the request id)
    log_format: str = "text"

    def __post_init__(self) -> None:
        self.data_dir = Path(self.data_dir)
        self.mail_dir = Path(self.mail_dir) if self.mail_dir else None
        self.hash_concurrency = _as_int("hash_concurrency", self.hash_concurrency) if self.hash_concurrency else None
        self.report_days = _as_int("report_days", self.report_days)
        self.shed_after = _as_seconds("shed_after", self.shed_after)
        if self.log_format not in LOG_FORMATS:
            raise ValueError(f"log_format must be one of {', '.join(LOG_FORMATS)}, not {self.log_format!r}")
        if not 1 <= self.report_days <= 180:
            raise ValueError(f"report_days must be between 1 and 180, not {self.report_days}")
        self.demo = _as_bool(self.demo)
        self.ascii = None if self.ascii is None else _as_bool(self.ascii)
        self.reduced_motion = _as_bool(self.reduced_motion)
        self.dev_partner = _as_bool(self.dev_partner)
        if self.hash_profile not in HASH_PROFILES:
            raise ValueError(f"hash_profile must be one of {', '.join(HASH_PROFILES)}, not {self.hash_profile!r}")
        if self.language not in (None, "en", "fr"):
            raise ValueError(f"language must be en or fr, not {self.language!r}")
        if not isinstance(self.keymap, dict):
            raise ValueError("keymap must be a table of binding id = key")
        if self.secret_key:
            _check_secret_key(self.secret_key, "GCKEY_SECRET_KEY")
        for partner_id, partner in self.partners.items():
            missing = {"issuer", "client_id", "client_secret"} - set(partner)
            if missing:
                raise ValueError(f"partners.{partner_id} lacks {', '.join(sorted(missing))}")

    def resolved_database_url(self) -> str:
        """The store's URL: explicit, or a SQLite file in the data directory (demo mode has its own)."""
        if self.database_url:
            return self.database_url
        name = "demo.sqlite3" if self.demo else "gckey.sqlite3"
        return f"sqlite:///{self.data_dir / name}"

    def resolved_mail_dir(self) -> Path:
        """The Maildir outgoing mail is delivered to."""
        if self.mail_dir:
            return Path(self.mail_dir)
        return self.data_dir / ("demo-mail" if self.demo else "mail")

    def resolved_secret_key(self) -> bytes:
        """The HMAC key: explicit, or generated once and stored with mode 0600 in the data directory."""
        if self.secret_key:
            return self.secret_key.encode()
        path = self.data_dir / "secret.key"
        if path.exists():
            return _check_secret_key(path.read_text().strip(), str(path)).encode()
        path.parent.mkdir(parents=True, exist_ok=True)
        import secrets  # only on first run: the console's start stays light

        key = secrets.token_hex(32)
        from gckey_tui.private_files import write_private_text

        # not replacing: two processes starting at once must not each write a different key
        try:
            write_private_text(path, key, replace=False)
        except FileExistsError:
            return path.read_text().strip().encode()
        return key.encode()


def _check_secret_key(key: str, origin: str) -> str:
    """``key``, or a clear refusal when it is too short to be a key."""
    size = len(key.encode())
    if size < MIN_SECRET_KEY_BYTES:
        raise ValueError(
            f"{origin} is {size} bytes long; a secret key needs at least {MIN_SECRET_KEY_BYTES} ({SECRET_KEY_ADVICE})"
        )
    return key


def _as_int(name: str, value: object) -> int:
    """A whole number from TOML or an environment variable; a clear message otherwise."""
    try:
        return int(str(value))
    except ValueError:
        raise ValueError(f"{name} must be a whole number, not {value!r}") from None


def _as_seconds(name: str, value: object) -> float:
    """A positive number of seconds from TOML or an environment variable; a clear message otherwise."""
    try:
        seconds = float(str(value))
    except ValueError:
        raise ValueError(f"{name} must be a number of seconds, not {value!r}") from None
    if not 0 < seconds <= 60:
        raise ValueError(f"{name} must be between 0 and 60 seconds, not {value!r}")
    return seconds


def default_config_path() -> Path:
    """Where config.toml lives for this user."""
    return user_config_path(APP_NAME) / "config.toml"


def read_config_file(path: Path | None) -> dict[str, Any]:
    """The TOML settings file as a dict; an absent file is empty."""
    if path is None or not path.exists():
        return {}
    import tomllib

    with path.open("rb") as handle:
        return tomllib.load(handle)


def environment_values(environ: dict[str, str] | os._Environ[str]) -> dict[str, Any]:
    """Settings named by GCKEY_* environment variables."""
    values: dict[str, Any] = {}
    for variable, name in ENV_VARIABLES.items():
        if environ.get(variable):
            values[name] = environ[variable]
    return values


def language_from_locale(environ: dict[str, str] | os._Environ[str]) -> str | None:
    """'fr' or 'en' from LANG / LC_ALL / LC_MESSAGES, if they say so."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable, "")
        if value.lower().startswith("fr"):
            return "fr"
        if value.lower().startswith("en"):
            return "en"
    return None


def load_settings(
    flags: dict[str, Any] | None = None,
    *,
    config_path: Path | None = None,
    environ: dict[str, str] | os._Environ[str] | None = None,
    use_config_file: bool = True,
) -> Settings:
    """Build settings from defaults, the TOML file, the environment and flags, lowest first."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    if use_config_file:
        values.update(read_config_file(config_path or default_config_path()))
    values.update(environment_values(environ))
    values.update({key: value for key, value in (flags or {}).items() if value is not None})
    if not values.get("language"):
        values["language"] = language_from_locale(environ)
    known = {item.name for item in fields(Settings)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise ValueError(f"unknown setting(s): {', '.join(unknown)}")
    return Settings(**values)


def save_preferences(settings: Settings, path: Path | None = None) -> Path:
    """Write the user-editable preferences back to config.toml, keeping the file's other keys."""
    path = path or default_config_path()
    current = read_config_file(path)
    for name in SAVED_FIELDS:
        value = getattr(settings, name)
        if value in (None, {}):
            current.pop(name, None)
        else:
            current[name] = value
    import tomli_w

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        tomli_w.dump(current, handle)
    return path
