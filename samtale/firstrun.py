"""First-run setup: while no staff account exists, `samtale serve` prints a one-time
link with a random token (valid one hour) that lets the first leader create their
account. There is no default password anywhere."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlite_utils import Database

from samtale import clock, staff

VALID_FOR = timedelta(hours=1)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def needed(db: Database) -> bool:
    return staff.count(db) == 0


def new_token(db: Database) -> str:
    """Create a fresh setup token (older unused ones stop working) and return it."""
    token = secrets.token_urlsafe(24)
    now = clock.now()
    with db.atomic():
        db.execute("DELETE FROM setup_tokens WHERE used_at IS NULL")
        db["setup_tokens"].insert(
            {
                "token_hash": _hash(token),
                "created_at": clock.to_iso(now),
                "expires_at": clock.to_iso(now + VALID_FOR),
                "used_at": None,
            }
        )
    return token


def is_valid(db: Database, token: str) -> bool:
    if not token or len(token) > 100 or not needed(db):
        return False
    row = db.execute(
        "SELECT expires_at FROM setup_tokens WHERE token_hash = ? AND used_at IS NULL",
        [_hash(token)],
    ).fetchone()
    return row is not None and clock.parse_iso(row[0]) > clock.now()


def mark_used(db: Database, token: str) -> None:
    db.execute(
        "UPDATE setup_tokens SET used_at = ? WHERE token_hash = ?", [clock.now_iso(), _hash(token)]
    )
