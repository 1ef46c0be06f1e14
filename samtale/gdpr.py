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

import base64
import io
import json
import sqlite3
import zipfile
from datetime import date

from sqlite_utils import Database

from samtale import audit, audit_report, clock, settings
from samtale.db import write_transaction
from samtale.errors import NotFound, SamtaleError
from samtale.i18n import gettext as _
from samtale.i18n import ngettext
from samtale.resident_data import (
    IN_ROWIDS,
    KEPT,
    column_types,
    ids_json,
    owned_rows,
    owning_keys,
    party_rows,
    quote,
    resident_columns,
    resident_tables,
    shown_in_party_row,
)

__all__ = [
    "KEPT", "due_for_erasure", "erase_resident", "export_resident", "owned_rows",
    "resident_tables",
]

ERASE_AFTER_MONTHS = 12  # default of the facility setting "erase_after_months"
EXPORT_FORMAT = "samtale.resident-export"
EXPORT_VERSION = 1


# --- export --------------------------------------------------------------


def _json_value(value: object) -> object:
    if isinstance(value, bytes):
        return {"base64": base64.b64encode(value).decode("ascii")}
    return value


def _first_name(db: Database, resident_id: int) -> dict:
    row = db.execute("SELECT display_name FROM residents WHERE id = ?", [resident_id]).fetchone()
    words = row[0].split() if row else []
    return {"first_name": words[0] if words else None}


def _rows(db: Database, table: str, rowids: set[int], resident_id: int,
          party: bool = False) -> list[dict]:
    """The rows, with other residents by first name; a party row without its text."""
    sql = f"SELECT * FROM {quote(table)} WHERE {IN_ROWIDS} ORDER BY rowid"
    cursor = db.execute(sql, [ids_json(rowids)])
    names = [c[0] for c in cursor.description]
    others, types = set(resident_columns(db, table)), column_types(db, table)
    shown = [n for n in names if not party or n in others or shown_in_party_row(n, types[n])]
    rows = []
    for row in cursor:
        values = dict(zip(names, row, strict=True))
        rows.append({
            n: _first_name(db, values[n])
            if n in others and values[n] is not None and values[n] != resident_id
            else _json_value(values[n])
            for n in shown
        })
    return rows


def _access_log(db: Database, resident_id: int) -> list[dict]:
    """When the resident's data was accessed, how and why; no staff names."""
    return [
        {
            "at": e.at,
            "action": e.action,
            "action_label": e.action_label,
            "object_type": e.object_type,
            "object_label": e.object_label,
            "purpose": e.purpose,
            "purpose_label": e.purpose_label if e.purpose else None,
        }
        for e in reversed(audit_report.resident_accesses(db, resident_id))
    ]


def _schema_versions(db: Database) -> list[str]:
    rows = db.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = 'samtale' ORDER BY name"
    )
    return [row[0] for row in rows]


def _dump(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False).encode("utf-8")


def export_resident(
    db: Database, resident_id: int, extra_files: dict[str, bytes] | None = None
) -> bytes:
    """A ZIP with one JSON file per table holding the resident's rows, the access log,
    `extra_files` (say min-plan.pdf), manifest.json and a Danish README.txt."""
    if not db.execute("SELECT 1 FROM residents WHERE id = ?", [resident_id]).fetchone():
        raise NotFound()
    extra = dict(extra_files or {})
    if any("/" in name or "\\" in name or name.startswith(".") for name in extra):
        raise ValueError("extra file names must be plain file names")
    tables = _exported(db, resident_id)
    access = _access_log(db, resident_id)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, (_table, rows) in tables.items():
            archive.writestr(name, _dump(rows))
        archive.writestr("adgangslog.json", _dump(access))
        for name, content in extra.items():
            archive.writestr(name, content)
        manifest = _manifest(db, resident_id, tables, len(access), extra)
        archive.writestr("manifest.json", _dump(manifest))
        archive.writestr("README.txt", readme(manifest).encode("utf-8"))
    return buffer.getvalue()


def _exported(db: Database, resident_id: int) -> dict[str, tuple[str, list[dict]]]:
    """{file name: (table, rows)}: the resident's own rows one level down, and the
    party rows of other residents that name them, each (table, column) in its own file."""
    keys = owning_keys(db)
    own = owned_rows(db, resident_id, depth=1, keys=keys)
    party = party_rows(db, resident_id, keys)
    for (table, _column), rowids in party.items():
        own[table] = own.get(table, set()) - rowids
    listed = {"residents", *resident_tables(db)}
    files = {
        f"{table}.json": (table, _rows(db, table, rowids, resident_id))
        for table, rowids in sorted(own.items())
        if rowids or table in listed
    }
    files |= {
        f"{table}.{column}.json": (table, _rows(db, table, rowids, resident_id, party=True))
        for (table, column), rowids in sorted(party.items())
        if rowids
    }
    return files


def _manifest(db, resident_id: int, tables: dict, access_rows: int, extra: dict) -> dict:
    versions = _schema_versions(db)
    return {
        "format": EXPORT_FORMAT,
        "format_version": EXPORT_VERSION,
        "resident_id": resident_id,
        "created_at": clock.now_iso(),
        "schema_version": versions[-1] if versions else None,
        "migrations": versions,
        "files": [
            {"name": name, "table": table, "rows": len(rows)}
            | ({"names_you_in": name.split(".")[1]} if name.count(".") == 2 else {})
            for name, (table, rows) in tables.items()
        ]
        + [{"name": "adgangslog.json", "table": "audit_log", "rows": access_rows}],
        "extra_files": sorted(extra),
        "plan_pdf": any(name.endswith(".pdf") for name in extra),
    }


def _descriptions() -> dict[str, str]:
    return {
        "residents": _("dig: navn, afdeling, ind- og fraflytning"),
        "resident_contacts": _("dine kontaktpersoner"),
        "conversations": _("dine samtaler"),
        "answers": _("dine svar i samtalerne"),
        "goals": _("dine mål"),
        "subgoals": _("dine delmål"),
        "goal_actions": _("hvad der skal ske for at nå dine mål"),
        "evaluations": _("hvordan det er gået med dine mål"),
        "plan_items": _("dine drømme, ressourcer og netværk i planen"),
        "mentor_matches": _("din mentor (kun fornavnet)"),
        "mentor_matches.mentor_id": _("forløb, hvor du er mentor for en anden beboer "
                                      "(kun fornavnet, uden evalueringen)"),
        "trial_residents": _("prøvehandlinger, du er med i"),
        "audit_log": _("hvornår dine data er set eller ændret"),
    }


def readme(manifest: dict) -> str:
    """README.txt: what the files are, in plain Danish."""
    lines = [
        _("Dine data fra Samtale"),
        "",
        _("Her er alle de oplysninger, Samtale har gemt om dig, den %(date)s.",
          date=audit_report.local_time(manifest["created_at"])[:10]),
        _("Filerne med .json er data i et åbent format, som andre programmer kan læse."),
        _("Hver fil svarer til en tabel i databasen. Hver række er én ting, fx et svar."),
        "",
    ]
    described = _descriptions()
    for item in manifest["files"]:
        rows = ngettext("%(num)s række", "%(num)s rækker", item["rows"])
        about = described.get(item["name"].removesuffix(".json"))
        if about is None and "names_you_in" in item:
            about = _("rækker, hvor en anden beboer har nævnt dig (uden deres tekster)")
        lines.append(f"- {item['name']}: " + (f"{about} ({rows})" if about else rows))
    lines += [
        "",
        _("adgangslog.json viser, hvornår dine data er set eller ændret, og hvorfor. "
          "Medarbejdernes navne står der ikke. Spørg lederen, hvis du vil vide mere."),
        "",
    ]
    if manifest["plan_pdf"]:
        lines.append(_("Din plan er med som PDF, så du kan læse og printe den."))
    else:
        lines.append(_("Din plan er ikke med som PDF i denne udgave. Dataene i planen "
                       "er med i JSON-filerne. Spørg din kontaktperson om en udskrift."))
    for name in manifest["extra_files"]:
        lines.append(f"- {name}")
    lines += ["", _("manifest.json beskriver filerne for andre programmer.")]
    return "\n".join(lines) + "\n"


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
