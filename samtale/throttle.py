"""Login throttling per account and per address (OWASP ASVS 5.0 V6.3).

After `max_failures` failed logins for one username within the window (counted since
its last successful login), that username is paused until the window has passed; the
same for `max_address_failures` from one address. A pause, not a lockout: an attacker
cannot disable an account for longer than the window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlite_utils import Database

from samtale import clock


@dataclass(frozen=True)
class Limits:
    max_failures: int = 5
    max_address_failures: int = 20
    window_minutes: int = 15


def record(db: Database, username: str, address: str, succeeded: bool) -> None:
    db["login_attempts"].insert(
        {
            "username": (username or "")[:100].lower(),
            "address": address or "-",
            "at": clock.now_iso(),
            "succeeded": int(succeeded),
        }
    )


def _failures(db: Database, column: str, value: str, since: str) -> int:
    last_ok = db.execute(
        f"SELECT max(at) FROM login_attempts WHERE {column} = ? AND succeeded = 1", [value]
    ).fetchone()[0]
    since = max(since, last_ok or "")
    return db.execute(
        f"SELECT count(*) FROM login_attempts WHERE {column} = ? AND succeeded = 0 AND at > ?",
        [value, since],
    ).fetchone()[0]


def is_paused(db: Database, username: str, address: str, limits: Limits) -> bool:
    """True when the username or the address has failed too often in the window."""
    since = clock.to_iso(clock.now() - timedelta(minutes=limits.window_minutes))
    if _failures(db, "username", (username or "")[:100].lower(), since) >= limits.max_failures:
        return True
    return _failures(db, "address", address or "-", since) >= limits.max_address_failures


def purge(db: Database, older_than_days: int = 30) -> int:
    cut = clock.to_iso(clock.now() - timedelta(days=older_than_days))
    return db.execute("DELETE FROM login_attempts WHERE at < ?", [cut]).rowcount
