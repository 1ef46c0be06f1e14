"""Where a resident's data lives: found from the schema, not from a list. No Flask.

Every table with a `resident_id` column holds rows of that resident, and so does every
table whose foreign key points at such rows (answers under a conversation), and so on
down. Every column that REFERENCES residents(id) is followed, not only `resident_id`: a
mentor match names its mentor in `mentor_id`, so it is found (and erased) from the
mentor's side too. Such a row of another resident that only names this one is a *party
row* (`party_rows`): the export shows it without the other resident's words.
A foreign key declared ON DELETE SET NULL (or SET DEFAULT) says the row outlives
its parent: it is not followed. Single-column foreign keys only; tables must have rowids.
The audit log is left out (see samtale.gdpr).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlite_utils import Database

KEPT = frozenset({"audit_log"})  # never exported as a table, never erased


@dataclass(frozen=True)
class ForeignKey:
    column: str
    parent: str
    parent_column: str
    on_delete: str = "NO ACTION"

    @property
    def owned(self) -> bool:
        """False when the schema says the row outlives its parent (SET NULL/DEFAULT)."""
        return self.on_delete not in ("SET NULL", "SET DEFAULT")


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _tables(db: Database) -> list[str]:
    rows = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_%' ESCAPE '\\' "
        "ORDER BY name"
    )
    return [row[0] for row in rows if row[0] not in KEPT]


def _columns(db: Database, table: str) -> list[tuple[str, int]]:
    """(name, position in the primary key) of each column."""
    return [(r[1], r[5]) for r in db.execute(f"PRAGMA table_info({quote(table)})")]


def _foreign_keys(db: Database, table: str) -> list[ForeignKey]:
    rows = db.execute(f"PRAGMA foreign_key_list({quote(table)})").fetchall()
    compound = {r[0] for r in rows if r[1] > 0}  # single-column keys only
    keys = []
    for key_id, _seq, parent, column, parent_column, _update, on_delete, _match in rows:
        if key_id not in compound:
            pk = [name for name, position in _columns(db, parent) if position == 1]
            target = parent_column or (pk[0] if pk else "rowid")
            keys.append(ForeignKey(column, parent, target, on_delete))
    return keys


def column_types(db: Database, table: str) -> dict[str, str]:
    """{column: declared type, upper case} of `table`."""
    return {r[1]: (r[2] or "").upper() for r in db.execute(f"PRAGMA table_info({quote(table)})")}


def resident_columns(db: Database, table: str) -> list[str]:
    """The columns of `table` that reference residents(id), whatever their ON DELETE."""
    return [fk.column for fk in _foreign_keys(db, table) if fk.parent == "residents"]


def resident_tables(db: Database) -> list[str]:
    """Every table (but the audit log) with a `resident_id` column."""
    return [t for t in _tables(db) if "resident_id" in dict(_columns(db, t))]


def owning_keys(db: Database) -> dict[str, list[ForeignKey]]:
    """Each table's foreign keys that make its rows belong to the parent row."""
    return {t: [fk for fk in _foreign_keys(db, t) if fk.owned] for t in _tables(db)}


def ids_json(values) -> str:
    return json.dumps(sorted(values))


IN_ROWIDS = "rowid IN (SELECT value FROM json_each(?))"


def _rowids(db: Database, sql: str, params: list) -> set[int]:
    return {row[0] for row in db.execute(sql, params)}


def _children(db: Database, table: str, fk: ForeignKey, parent_rows: set[int]) -> set[int]:
    if not parent_rows:
        return set()
    return _rowids(
        db,
        f"SELECT rowid FROM {quote(table)} WHERE {quote(fk.column)} IN "
        f"(SELECT {quote(fk.parent_column)} FROM {quote(fk.parent)} WHERE {IN_ROWIDS})",
        [ids_json(parent_rows)],
    )


def owned_rows(
    db: Database, resident_id: int, depth: int | None = None, keys: dict | None = None
) -> dict[str, set[int]]:
    """{table: rowids} of every row that is the resident's: the resident, the rows with
    their resident_id, and the rows pointing at those through foreign keys, `depth`
    steps down (None: all the way)."""
    keys = owning_keys(db) if keys is None else keys
    rows = {t: set() for t in keys}
    rows["residents"] = _rowids(db, "SELECT rowid FROM residents WHERE id = ?", [resident_id])
    for table in resident_tables(db):
        sql = f"SELECT rowid FROM {quote(table)} WHERE resident_id = ?"
        rows[table] = _rowids(db, sql, [resident_id])
    steps, changed = 0, True
    while changed and (depth is None or steps < depth):
        steps, changed = steps + 1, False
        reached = {table: set(ids) for table, ids in rows.items()}  # one step at a time
        for table, fks in keys.items():
            for fk in fks:
                found = _children(db, table, fk, reached.get(fk.parent, set())) - rows[table]
                rows[table] |= found
                changed = changed or bool(found)
    return rows


def party_rows(db: Database, resident_id: int, keys: dict | None = None
               ) -> dict[tuple[str, str], set[int]]:
    """{(table, column): rowids} of rows that belong to ANOTHER resident (their
    `resident_id`) and name this one in another column referencing residents(id): the
    mentor matches where this resident is the mentor."""
    keys = owning_keys(db) if keys is None else keys
    found = {}
    for table, fks in keys.items():
        if "resident_id" not in dict(_columns(db, table)):
            continue
        for fk in fks:
            if fk.parent == "residents" and fk.column != "resident_id":
                sql = (f"SELECT rowid FROM {quote(table)} WHERE {quote(fk.column)} = ? "
                       "AND resident_id IS NOT ?")
                found[(table, fk.column)] = _rowids(db, sql, [resident_id, resident_id])
    return found


def shown_in_party_row(column: str, declared_type: str) -> bool:
    """Whether a party row's column is exported: numbers, ids, dates and times (`_on`,
    `_at`); not text, which may be the other resident's own words."""
    numeric = any(word in declared_type for word in ("INT", "REAL", "NUM"))
    return numeric or column.endswith(("_on", "_at"))
