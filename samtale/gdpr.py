"""A resident's data: find it, export it (GDPR Art. 15 and 20), erase it. No Flask.

The data is found from the schema, so an area added later is covered without an edit
here: every table with a `resident_id` column holds rows of that resident, and so does
every table whose foreign key points at such rows (answers under a conversation).
The export follows foreign keys one level down; erasure follows them all the way and
deletes children before parents, in one transaction, with foreign keys enforced.

Every column that references residents(id) is followed, so a mentor match is erased
from the mentor's side as well as the new resident's. In the export, another resident
named in a row (the mentor of a match, or the new resident the mentor helps) shows as
`{"first_name": "Karin"}`, never their id; and a *party row*, one that belongs to
another resident and only names this one (the match where this resident is the mentor),
goes into its own file `<table>.<column>.json` with its numbers, ids, dates and times
but without its text, which may be the other resident's own words.

The audit log is the exception: its entries hold only ids, stay after erasure (an
"erase" entry is added), and appear in the export as the resident's access log,
without the names of staff members.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from sqlite_utils import Database

from samtale import audit, clock, settings
from samtale.db import write_transaction
from samtale.errors import NotFound, SamtaleError
from samtale.gdpr_export import EXPORT_FORMAT, EXPORT_VERSION, export_resident, readme
from samtale.i18n import gettext as _
from samtale.resident_data import (
    IN_ROWIDS,
    KEPT,
    ids_json,
    owned_rows,
    owning_keys,
    party_rows,
    quote,
    resident_tables,
)

__all__ = [
    "EXPORT_FORMAT", "EXPORT_VERSION", "KEPT", "due_for_erasure", "erase_resident",
    "export_resident", "owned_rows", "party_rows", "readme", "resident_tables",
]

ERASE_AFTER_MONTHS = 12  # default of the facility setting "erase_after_months"


# --- erasure -------------------------------------------------------------


def _deletion_order(tables: list[str], keys: dict[str, list]) -> tuple[list[str], bool]:
    """Children before parents; True when a cycle forced a guess."""
    remaining, order = set(tables), []
    while remaining:
        leaves = sorted(
            t
            for t in remaining
            if not any(fk.parent == t for c in remaining - {t} for fk in keys.get(c, []))
        )
        if not leaves:
            return order + sorted(remaining), True
        order += leaves
        remaining -= set(leaves)
    return order, False


def erase_resident(
    db: Database,
    resident_id: int,
    *,
    actor_id: int | None = None,
    actor_name: str | None = None,
    request_id: str | None = None,
) -> dict[str, int]:
    """Delete every row of a moved-out resident in every table, then the resident, in
    one transaction; write an "erase" audit entry. Returns {table: rows deleted}."""
    row = db.execute("SELECT status FROM residents WHERE id = ?", [resident_id]).fetchone()
    if row is None:
        raise NotFound()
    if row[0] != "fraflyttet":
        raise SamtaleError(_("Kun data om beboere, der er flyttet, kan slettes."))
    try:
        with write_transaction(db):
            counts = _delete_all(db, resident_id)
            audit.record(
                db,
                action="erase",
                actor_id=actor_id,
                actor_name=actor_name,
                resident_id=resident_id,
                object_type="resident",
                object_id=resident_id,
                request_id=request_id,
                purpose="erasure",
            )
    except sqlite3.IntegrityError as error:
        raise SamtaleError(
            _("Beboerens data kunne ikke slettes (%(reason)s). Intet er slettet.", reason=error)
        ) from None
    return counts


def _delete_all(db: Database, resident_id: int) -> dict[str, int]:
    keys = owning_keys(db)
    rows = {t: ids for t, ids in owned_rows(db, resident_id, keys=keys).items() if ids}
    order, cyclic = _deletion_order(list(rows), keys)
    if cyclic:
        db.execute("PRAGMA defer_foreign_keys = ON")
    counts = {}
    for table in order:
        sql = f"DELETE FROM {quote(table)} WHERE {IN_ROWIDS}"
        deleted = db.execute(sql, [ids_json(rows[table])])
        counts[table] = deleted.rowcount
    if cyclic and db.execute("PRAGMA foreign_key_check").fetchone():
        raise sqlite3.IntegrityError(_("andre data peger stadig på dem"))
    return counts


# --- retention -----------------------------------------------------------


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # unreachable


def erase_after_months(db: Database) -> int:
    return int(settings.get(db, "erase_after_months", ERASE_AFTER_MONTHS))


def due_for_erasure(db: Database, months: int | None = None) -> list[dict]:
    """Residents who moved out more than `months` (default: the facility's setting)
    months ago: id, display_name, unit, moved_out; earliest first."""
    months = erase_after_months(db) if months is None else months
    cutoff = months_before(clock.today(), months).isoformat()
    rows = db.execute(
        "SELECT r.id, r.display_name, u.name, r.moved_out FROM residents r "
        "JOIN units u ON u.id = r.unit_id "
        "WHERE r.status = 'fraflyttet' AND r.moved_out IS NOT NULL AND r.moved_out < ? "
        "ORDER BY r.moved_out, r.id",
        [cutoff],
    ).fetchall()
    return [dict(zip(("id", "display_name", "unit", "moved_out"), r, strict=True)) for r in rows]
