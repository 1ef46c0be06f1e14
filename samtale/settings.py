"""The facility's own settings, changed on screen by the leader (key-value, JSON)."""

from __future__ import annotations

import json

from sqlite_utils import Database

DEFAULTS: dict[str, object] = {
    "follow_up_weeks": 6,
    "require_totp": False,
}


def get(db: Database, key: str, default: object = None) -> object:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    if row is None:
        return DEFAULTS.get(key, default)
    return json.loads(row[0])


def put(db: Database, key: str, value: object) -> None:
    db.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, json.dumps(value, ensure_ascii=False)],
    )
