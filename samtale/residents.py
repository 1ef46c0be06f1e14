"""Residents (beboere), their contact persons, and the unit check behind every access.

A staff member reaches a resident only when they belong to the resident's unit.
`get_for_staff` is the one gate: it raises NotFound for a resident of another unit
exactly as for one that does not exist, so an id reveals nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from samtale import clock
from samtale.errors import NotFound, SamtaleError
from samtale.i18n import gettext as _
from samtale.staff import Staff, works_in

STATUSES = ("bor_her", "fraflyttet")
MAX_CONTACTS = 2


@dataclass(frozen=True)
class Resident:
    id: int
    display_name: str
    unit_id: int
    unit_name: str
    moved_in: str
    status: str
    moved_out: str | None
    contact_ids: tuple[int, ...]
    contact_names: tuple[str, ...]

    @property
    def first_name(self) -> str:
        return self.display_name.split()[0] if self.display_name.split() else ""


_SELECT = (
    "SELECT r.id, r.display_name, r.unit_id, u.name, r.moved_in, r.status, r.moved_out "
    "FROM residents r JOIN units u ON u.id = r.unit_id "
)


def _contacts(db: Database, resident_id: int) -> tuple[tuple[int, ...], tuple[str, ...]]:
    rows = db.execute(
        "SELECT s.id, s.display_name FROM resident_contacts rc JOIN staff s ON s.id = rc.staff_id "
        "WHERE rc.resident_id = ? ORDER BY s.display_name",
        [resident_id],
    ).fetchall()
    return tuple(r[0] for r in rows), tuple(r[1] for r in rows)


def _from_row(db: Database, row) -> Resident:
    ids, names = _contacts(db, row[0])
    return Resident(*row, contact_ids=ids, contact_names=names)


def get(db: Database, resident_id: int) -> Resident:
    """The resident, with no access check: for the core and the CLI only."""
    row = db.execute(_SELECT + "WHERE r.id = ?", [resident_id]).fetchone()
    if row is None:
        raise NotFound()
    return _from_row(db, row)


def can_access(staff: Staff, resident: Resident) -> bool:
    return staff.active and resident.unit_id in staff.unit_ids


def get_for_staff(db: Database, staff: Staff, resident_id: int) -> Resident:
    """The resident if `staff` shares their unit; NotFound otherwise (never Forbidden)."""
    resident = get(db, resident_id)
    if not can_access(staff, resident):
        raise NotFound()
    return resident


def _listing_where(staff: Staff, include_moved_out: bool, name: str, mine: bool | None):
    """The WHERE clause and parameters shared by list_for_staff and count_for_staff."""
    marks = ",".join("?" * len(staff.unit_ids))
    where = [f"r.unit_id IN ({marks})"]
    params: list = [*staff.unit_ids]
    if not include_moved_out:
        where.append("r.status = 'bor_her'")
    if name.strip():
        pattern = name.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.append("r.display_name LIKE ? ESCAPE '\\'")
        params.append(f"%{pattern}%")
    if mine is not None:
        where.append(("" if mine else "NOT ") + "EXISTS(SELECT 1 FROM resident_contacts c "
                     "WHERE c.resident_id = r.id AND c.staff_id = ?)")
        params.append(staff.id)
    return " AND ".join(where), params


def list_for_staff(db: Database, staff: Staff, include_moved_out: bool = False, *,
                   name: str = "", mine: bool | None = None, limit: int | None = None,
                   offset: int = 0) -> list[dict]:
    """Residents of the staff member's units: their own residents first, then by name.

    `name` keeps those whose name contains it (ignoring case for a-z), `mine` only the
    staff member's own residents (True) or only the others (False), and `limit` and
    `offset` give one page of them."""
    if not staff.unit_ids:
        return []
    where, params = _listing_where(staff, include_moved_out, name, mine)
    page = "" if limit is None else f" LIMIT {int(limit)} OFFSET {max(int(offset), 0)}"
    rows = db.execute(
        "SELECT r.id, r.display_name, u.name, r.status, r.moved_in, "
        "EXISTS(SELECT 1 FROM resident_contacts rc WHERE rc.resident_id = r.id "
        "AND rc.staff_id = ?) AS mine "
        f"FROM residents r JOIN units u ON u.id = r.unit_id WHERE {where} "
        f"ORDER BY mine DESC, r.display_name COLLATE NOCASE, r.id{page}",
        [staff.id, *params],
    ).fetchall()
    keys = ("id", "display_name", "unit", "status", "moved_in", "mine")
    return [dict(zip(keys, r, strict=True)) for r in rows]


def count_for_staff(db: Database, staff: Staff, include_moved_out: bool = False, *,
                    name: str = "", mine: bool | None = None) -> int:
    """How many residents list_for_staff would give without a limit."""
    if not staff.unit_ids:
        return 0
    where, params = _listing_where(staff, include_moved_out, name, mine)
    return db.execute(f"SELECT count(*) FROM residents r WHERE {where}", params).fetchone()[0]


def _clean(display_name: str, moved_in: str) -> tuple[str, str]:
    name = " ".join((display_name or "").split())
    if not name or len(name) > 60:
        raise SamtaleError(_("Skriv beboerens navn, som beboeren selv vil kaldes (højst 60 tegn)."))
    try:
        moved = date.fromisoformat(moved_in or "")
    except ValueError:
        raise SamtaleError(_("Skriv indflytningsdatoen som en dato, fx 2026-03-01.")) from None
    if moved > clock.days_from_today(366):
        raise SamtaleError(_("Indflytningsdatoen ligger mere end et år ude i fremtiden."))
    return name, moved.isoformat()


def _check_contacts(db: Database, unit_id: int, contact_ids) -> list[int]:
    ids = sorted({int(c) for c in contact_ids if c})
    if len(ids) > MAX_CONTACTS:
        raise SamtaleError(_("En beboer kan have højst to kontaktpersoner."))
    for staff_id in ids:
        if not works_in(db, staff_id, unit_id):
            raise SamtaleError(
                _("En kontaktperson skal være aktiv medarbejder i beboerens afdeling.")
            )
    return ids


def create(db: Database, *, display_name: str, unit_id: int, moved_in: str, contact_ids=()) -> int:
    name, moved = _clean(display_name, moved_in)
    if not db.execute("SELECT 1 FROM units WHERE id = ?", [unit_id]).fetchone():
        raise SamtaleError(_("Vælg en afdeling."))
    contacts = _check_contacts(db, unit_id, contact_ids)
    now = clock.now_iso()
    with db.atomic():
        resident_id = (
            db["residents"]
            .insert(
                {
                    "display_name": name,
                    "unit_id": unit_id,
                    "moved_in": moved,
                    "status": "bor_her",
                    "created_at": now,
                    "updated_at": now,
                }
            )
            .last_pk
        )
        _set_contacts(db, resident_id, contacts)
    return resident_id


def _set_contacts(db: Database, resident_id: int, contacts: list[int]) -> None:
    db.execute("DELETE FROM resident_contacts WHERE resident_id = ?", [resident_id])
    for staff_id in contacts:
        db["resident_contacts"].insert({"resident_id": resident_id, "staff_id": staff_id})


def update(
    db: Database,
    resident_id: int,
    *,
    display_name: str,
    unit_id: int,
    moved_in: str,
    status: str,
    moved_out: str | None,
    contact_ids=(),
) -> None:
    get(db, resident_id)
    name, moved = _clean(display_name, moved_in)
    if status not in STATUSES:
        raise SamtaleError(_("Ukendt status."))
    if not db.execute("SELECT 1 FROM units WHERE id = ?", [unit_id]).fetchone():
        raise SamtaleError(_("Vælg en afdeling."))
    contacts = _check_contacts(db, unit_id, contact_ids)
    out = _moved_out(status, moved_out)
    with db.atomic():
        db.execute(
            "UPDATE residents SET display_name = ?, unit_id = ?, moved_in = ?, status = ?, "
            "moved_out = ?, updated_at = ? WHERE id = ?",
            [name, unit_id, moved, status, out, clock.now_iso(), resident_id],
        )
        _set_contacts(db, resident_id, contacts)


def _moved_out(status: str, moved_out: str | None) -> str | None:
    if status == "bor_her":
        return None
    if not moved_out:
        return clock.today().isoformat()
    try:
        return date.fromisoformat(moved_out).isoformat()
    except ValueError:
        raise SamtaleError(_("Skriv fraflytningsdatoen som en dato, fx 2026-03-01.")) from None


def staff_in_unit(db: Database, unit_id: int) -> list[dict]:
    rows = db.execute(
        "SELECT s.id, s.display_name FROM staff s JOIN staff_units su ON su.staff_id = s.id "
        "WHERE su.unit_id = ? AND s.active = 1 ORDER BY s.display_name",
        [unit_id],
    ).fetchall()
    return [{"id": r[0], "display_name": r[1]} for r in rows]


def list_all(db: Database) -> list[dict]:
    """Every resident with id, name and unit: for the CLI (`samtale residents`)."""
    rows = db.execute(
        "SELECT r.id, r.display_name, u.name, r.status FROM residents r "
        "JOIN units u ON u.id = r.unit_id ORDER BY r.id"
    ).fetchall()
    return [dict(zip(("id", "display_name", "unit", "status"), r, strict=True)) for r in rows]
