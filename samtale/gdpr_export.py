"""The GDPR export (Art. 15 and 20): everything about one resident as a ZIP. No Flask.

See samtale.gdpr for what counts as the resident's data. One JSON file per table with
the resident's rows (one foreign-key level down), party rows of other residents that name
this one in their own files, the access log without staff names, manifest.json and a
Danish README.txt.
"""

from __future__ import annotations

import base64
import io
import json
import zipfile

from sqlite_utils import Database

from samtale import audit_report, clock
from samtale.errors import NotFound
from samtale.i18n import gettext as _
from samtale.i18n import ngettext
from samtale.resident_data import (
    IN_ROWIDS,
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

EXPORT_FORMAT = "samtale.resident-export"
EXPORT_VERSION = 1


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
