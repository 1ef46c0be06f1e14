"""Configuration: defaults, overridden by SAMTALE_* environment variables.

Every variable is documented in docs/configuration.md; a test keeps the two in step.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from samtale.errors import SamtaleError
from samtale.i18n import gettext as _


@dataclass(frozen=True)
class Setting:
    name: str  # the environment variable
    key: str  # the Flask config key
    default: object
    kind: type
    help: str


SETTINGS = (
    Setting(
        "SAMTALE_DATABASE",
        "DATABASE",
        "instance/samtale.db",
        str,
        "Path of the SQLite database file.",
    ),
    Setting(
        "SAMTALE_INSTANCE_DIR",
        "INSTANCE_DIR",
        "instance",
        str,
        "Folder for the database, the secret key and the facility's own banks.",
    ),
    Setting(
        "SAMTALE_BANKS_DIR",
        "BANKS_DIR",
        "",
        str,
        "Folder with the facility's own question banks (default: INSTANCE_DIR/question_banks).",
    ),
    Setting("SAMTALE_HOST", "HOST", "127.0.0.1", str, "Address `samtale serve` listens on."),
    Setting("SAMTALE_PORT", "PORT", 5000, int, "Port `samtale serve` listens on."),
    Setting("SAMTALE_WORKERS", "WORKERS", 2, int, "gunicorn worker processes."),
    Setting(
        "SAMTALE_BASE_URL",
        "BASE_URL",
        "",
        str,
        "Public address, e.g. https://samtale.kommune.dk (used in the setup link); "
        "when it starts with https, cookies are Secure and __Host- prefixed and HSTS is sent.",
    ),
    Setting(
        "SAMTALE_SECRET_KEY",
        "SECRET_KEY",
        "",
        str,
        "Secret for CSRF tokens; when empty, a random key is kept in INSTANCE_DIR/secret_key.",
    ),
    Setting(
        "SAMTALE_IDLE_MINUTES",
        "IDLE_MINUTES",
        20,
        int,
        "A session ends after this many minutes without a request.",
    ),
    Setting(
        "SAMTALE_SESSION_HOURS",
        "SESSION_HOURS",
        10,
        int,
        "A session ends this many hours after login, however active.",
    ),
    Setting(
        "SAMTALE_LOGIN_MAX_FAILURES",
        "LOGIN_MAX_FAILURES",
        5,
        int,
        "Failed logins per account within the window before that account is paused.",
    ),
    Setting(
        "SAMTALE_LOGIN_MAX_ADDRESS_FAILURES",
        "LOGIN_MAX_ADDRESS_FAILURES",
        20,
        int,
        "Failed logins from one address within the window before that address is paused.",
    ),
    Setting(
        "SAMTALE_LOGIN_WINDOW_MINUTES",
        "LOGIN_WINDOW_MINUTES",
        15,
        int,
        "The throttling window and pause, in minutes.",
    ),
    Setting(
        "SAMTALE_TRUST_PROXY",
        "TRUST_PROXY",
        0,
        int,
        "Number of reverse proxies in front whose X-Forwarded-For/-Proto to trust (0: none).",
    ),
    Setting(
        "SAMTALE_FOLLOW_UP_WEEKS",
        "FOLLOW_UP_WEEKS",
        6,
        int,
        "Default weeks until a goal's next follow-up (the facility can change it on screen).",
    ),
    Setting(
        "SAMTALE_AUDIT_RETENTION_MONTHS",
        "AUDIT_RETENTION_MONTHS",
        12,
        int,
        "Months the audit log keeps entries before `samtale audit prune` removes them.",
    ),
    Setting(
        "SAMTALE_FACILITY_NAME",
        "FACILITY_NAME",
        "Botilbuddet",
        str,
        "The facility's name, shown in the header and on printed plans.",
    ),
    Setting(
        "SAMTALE_ARGON2_TIME_COST",
        "ARGON2_TIME_COST",
        3,
        int,
        "argon2id passes (keep the default in production).",
    ),
    Setting(
        "SAMTALE_ARGON2_MEMORY_KIB",
        "ARGON2_MEMORY_KIB",
        65536,
        int,
        "argon2id memory in KiB (keep the default in production).",
    ),
    Setting("SAMTALE_LOG_LEVEL", "LOG_LEVEL", "INFO", str, "Log level for the server log."),
)


def _convert(setting: Setting, raw: str) -> object:
    if setting.kind is int:
        try:
            return int(raw)
        except ValueError:
            raise SamtaleError(
                _("%(name)s skal være et helt tal, ikke '%(value)s'.", name=setting.name, value=raw)
            ) from None
    return raw


def from_environment(environ: dict[str, str] | None = None) -> dict[str, object]:
    """Every setting's value: the environment's when set, else the default."""
    environ = os.environ if environ is None else environ
    values = {}
    for setting in SETTINGS:
        raw = environ.get(setting.name)
        values[setting.key] = setting.default if raw in (None, "") else _convert(setting, raw)
    return values


def secret_key(instance_dir: Path) -> str:
    """The instance's persistent random secret (created on first use, mode 600)."""
    path = instance_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another worker wrote it first
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key
