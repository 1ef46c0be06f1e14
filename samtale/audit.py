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


_INSERT = (f"INSERT INTO audit_log ({', '.join(FIELDS)}, prev_hash, hash) "
           f"VALUES ({', '.join('?' * (len(FIELDS) + 2))})")


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
        db.execute(_INSERT, [*(entry[f] for f in FIELDS), prev, entry_hash(prev, entry)])


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


@dataclass(frozen=True)
class Head:
    count: int  # entries in the log now
    last_id: int | None
    last_hash: str  # GENESIS (or the checkpoint's hash) when the log is empty
    pruned: int  # entries removed by pruning, over all checkpoints


def head(db: Database) -> Head:
    """The chain's newest entry and size: cheap, for operators to note down elsewhere
    (a hash chain cannot by itself reveal that its newest entries were cut off)."""
    count = db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    row = db.execute("SELECT id FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    pruned = db.execute("SELECT coalesce(sum(pruned_count), 0) FROM audit_checkpoints")
    return Head(count, row[0] if row else None, _last_hash(db), pruned.fetchone()[0])


@dataclass(frozen=True)
class Pruning:
    pruned: int
    last_id: int | None = None  # the last pruned entry, now the checkpoint
    last_hash: str | None = None


def _prune_cut(db: Database, before: str) -> tuple[int, str] | None:
    """The last entry to prune (id, hash): the entries older than `before`, from the
    start of the chain up to the first newer one, and never the newest entry."""
    newest = db.execute("SELECT max(id) FROM audit_log").fetchone()[0] or 0
    first_kept = db.execute("SELECT min(id) FROM audit_log WHERE at >= ?", [before])
    cut = min(first_kept.fetchone()[0] or newest, newest)
    row = db.execute(
        "SELECT id, hash FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT 1", [cut]
    ).fetchone()
    return (row[0], row[1]) if row else None


def prunable(db: Database, before: str) -> int:
    """How many entries `prune(db, before)` would delete."""
    cut = _prune_cut(db, before)
    if cut is None:
        return 0
    return db.execute("SELECT count(*) FROM audit_log WHERE id <= ?", [cut[0]]).fetchone()[0]


def prune(db: Database, before: str, *, actor_name: str | None = None) -> Pruning:
    """Delete the entries older than `before` (a stored UTC timestamp), oldest first.

    In one transaction: the spot-check reviews of those entries go too, a checkpoint
    keeps the last pruned id and hash (where `verify` starts next time), and an "admin"
    entry records the pruning. The newest entry is never pruned, so ids keep counting
    up from it and the chain continues unbroken."""
    with write_transaction(db):
        cut = _prune_cut(db, before)
        if cut is None:
            return Pruning(0)
        last_id, last_hash = cut
        count = prunable(db, before)
        db.execute("DELETE FROM audit_reviews WHERE entry_id <= ?", [last_id])
        db.execute("DELETE FROM audit_log WHERE id <= ?", [last_id])
        checkpoint = {"last_id": last_id, "last_hash": last_hash, "pruned_count": count}
        db["audit_checkpoints"].insert({**checkpoint, "created_at": clock.now_iso()})
        record(
            db,
            action="admin",
            actor_name=actor_name,
            object_type="audit_log",
            object_id=count,
            purpose="prune",
        )
    return Pruning(count, last_id, last_hash)
