"""Server-side sessions. The browser holds only an opaque random token; the database
holds its SHA-256, the staff member and the session's data. Logging out deletes the
row; disabling a staff member deletes all their rows; a session also ends after
`idle_minutes` without a request and `max_hours` after it began."""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import timedelta

from sqlite_utils import Database

from samtale import clock

TOUCH_EVERY = timedelta(seconds=30)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def load(db: Database, token: str, idle_minutes: int, max_hours: int) -> dict | None:
    """The session's data, or None if the token is unknown or the session expired
    (an expired row is deleted). Refreshes last_seen_at at most every 30 seconds."""
    if not token or len(token) > 100:
        return None
    key = _hash(token)
    row = db.execute(
        "SELECT data, created_at, last_seen_at FROM sessions WHERE token_hash = ?", [key]
    ).fetchone()
    if row is None:
        return None
    now = clock.now()
    created, seen = clock.parse_iso(row[1]), clock.parse_iso(row[2])
    if now - seen > timedelta(minutes=idle_minutes) or now - created > timedelta(hours=max_hours):
        db.execute("DELETE FROM sessions WHERE token_hash = ?", [key])
        return None
    if now - seen > TOUCH_EVERY:
        db.execute(
            "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", [clock.to_iso(now), key]
        )
    return json.loads(row[0])


def save(db: Database, token: str, data: dict, *, created: bool) -> None:
    """Store `data` under `token`; `created` marks a brand-new session."""
    now = clock.now_iso()
    payload = json.dumps(data, separators=(",", ":"))
    staff_id = data.get("staff_id")
    if created:
        db.execute(
            "INSERT INTO sessions (token_hash, staff_id, data, created_at, last_seen_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [_hash(token), staff_id, payload, now, now],
        )
    else:
        db.execute(
            "UPDATE sessions SET data = ?, staff_id = ?, last_seen_at = ? WHERE token_hash = ?",
            [payload, staff_id, now, _hash(token)],
        )


def delete(db: Database, token: str) -> None:
    db.execute("DELETE FROM sessions WHERE token_hash = ?", [_hash(token)])


def delete_for_staff(db: Database, staff_id: int) -> int:
    return db.execute("DELETE FROM sessions WHERE staff_id = ?", [staff_id]).rowcount


def purge_expired(db: Database, idle_minutes: int, max_hours: int) -> int:
    """Delete every expired session; return how many."""
    now = clock.now()
    idle_cut = clock.to_iso(now - timedelta(minutes=idle_minutes))
    age_cut = clock.to_iso(now - timedelta(hours=max_hours))
    return db.execute(
        "DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?", [idle_cut, age_cut]
    ).rowcount
