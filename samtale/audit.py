"""The audit log: who did what to which resident's data, and when.

Append-only: the app has no code path that updates or deletes a row, except pruning
entries older than the retention period (see `prune`), which records where it cut so
the chain stays verifiable. Each entry carries the SHA-256 of its own fields and of the
entry before it; changing, removing or inserting a row breaks the chain, and
`verify` finds the first place where it breaks.

An entry never holds what a resident said: only who, when, which action, which
resident, which kind of object and its id, the request id and the purpose.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from sqlite_utils import Database

from samtale import clock
from samtale.db import write_transaction

GENESIS = "0" * 64
FIELDS = (
    "at",
    "actor_id",
    "actor_name",
    "action",
    "resident_id",
    "object_type",
    "object_id",
    "request_id",
    "purpose",
    "outcome",
    "address",
)

# Actions, in English in the database, in Danish on screen (see views/audit).
ACTIONS = (
    "read",
    "create",
    "update",
    "delete",
    "export",
    "erase",
    "login",
    "login_failed",
    "logout",
    "refused",
    "handover",
    "admin",
)


def entry_hash(prev_hash: str, entry: dict) -> str:
    payload = json.dumps([entry.get(f) for f in FIELDS], ensure_ascii=False, default=str)
    return hashlib.sha256((prev_hash + payload).encode("utf-8")).hexdigest()


def _last_hash(db: Database) -> str:
    row = db.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    if row:
        return row[0]
    anchor = db.execute(
        "SELECT last_hash FROM audit_checkpoints ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return anchor[0] if anchor else GENESIS


def record(
    db: Database,
    *,
    action: str,
    actor_id: int | None = None,
    actor_name: str | None = None,
    resident_id: int | None = None,
    object_type: str | None = None,
    object_id: object = None,
    request_id: str | None = None,
    purpose: str | None = None,
    outcome: str = "ok",
    address: str | None = None,
) -> None:
    """Append one entry to the chain (inside the caller's transaction, if any)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    entry = {
        "at": clock.now_iso(),
        "actor_id": actor_id,
        "actor_name": actor_name,
        "action": action,
        "resident_id": resident_id,
        "object_type": object_type,
        "object_id": None if object_id is None else str(object_id),
        "request_id": request_id,
        "purpose": purpose,
        "outcome": outcome,
        "address": address,
    }
    with write_transaction(db):
        prev = _last_hash(db)
        entry["prev_hash"] = prev
        entry["hash"] = entry_hash(prev, entry)
        db["audit_log"].insert(entry)


@dataclass
class Verification:
    ok: bool
    checked: int
    first_bad_id: int | None = None
    problem: str | None = None


def verify(db: Database) -> Verification:
    """Walk the chain from the last pruning checkpoint and report the first break."""
    anchor = db.execute(
        "SELECT last_id, last_hash FROM audit_checkpoints ORDER BY id DESC LIMIT 1"
    ).fetchone()
    last_id, prev = (anchor[0], anchor[1]) if anchor else (0, GENESIS)
    checked = 0
    cursor = db.execute(
        f"SELECT id, prev_hash, hash, {', '.join(FIELDS)} FROM audit_log WHERE id > ? ORDER BY id",
        [last_id],
    )
    for row in cursor:
        entry = dict(zip(("id", "prev_hash", "hash", *FIELDS), row, strict=True))
        problem = _check_entry(entry, prev, last_id)
        if problem:
            return Verification(False, checked, entry["id"], problem)
        prev, last_id, checked = entry["hash"], entry["id"], checked + 1
    return Verification(True, checked)


def _check_entry(entry: dict, prev: str, last_id: int) -> str | None:
    if entry["id"] != last_id + 1:
        return "gap"
    if entry["prev_hash"] != prev:
        return "broken_link"
    if entry_hash(prev, entry) != entry["hash"]:
        return "altered"
    return None
