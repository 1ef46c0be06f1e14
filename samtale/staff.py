"""Staff accounts and units (afdelinger). No Flask.

Roles: `kontaktperson` runs conversations and follows up; `leder` also manages staff,
units and question banks. Both see resident data only in the units they belong to.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlite_utils import Database

from samtale import clock, passwords
from samtale.errors import NotFound, SamtaleError
from samtale.i18n import gettext as _

ROLES = ("kontaktperson", "leder")
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")


@dataclass(frozen=True)
class Staff:
    id: int
    username: str
    display_name: str
    role: str
    active: bool
    language: str
    unit_ids: tuple[int, ...]

    @property
    def is_leader(self) -> bool:
        return self.role == "leder"


def _clean_username(username: str) -> str:
    username = (username or "").strip().lower()
    if not USERNAME_RE.match(username):
        raise SamtaleError(
            _(
                "Brugernavnet skal være 2-40 tegn: små bogstaver a-z, tal, punktum, "
                "bindestreg eller understreg, og begynde med et bogstav eller tal."
            )
        )
    return username


def _clean_name(name: str, field: str) -> str:
    name = " ".join((name or "").split())
    if not name or len(name) > 80:
        raise SamtaleError(_("%(field)s skal udfyldes (højst 80 tegn).", field=field))
    return name


def create(
    db: Database,
    hasher: passwords.Hasher,
    *,
    username: str,
    display_name: str,
    password: str,
    role: str,
    unit_ids: list[int] = (),
) -> int:
    """Create a staff account and return its id. Raises SamtaleError on bad input."""
    username = _clean_username(username)
    display_name = _clean_name(display_name, _("Navn"))
    if role not in ROLES:
        raise SamtaleError(_("Ukendt rolle: %(role)s.", role=role))
    if db.execute("SELECT 1 FROM staff WHERE username = ?", [username]).fetchone():
        raise SamtaleError(_("Brugernavnet %(u)s er allerede i brug.", u=username))
    passwords.check_policy(password, username)
    with db.atomic():
        staff_id = (
            db["staff"]
            .insert(
                {
                    "username": username,
                    "display_name": display_name,
                    "password_hash": hasher.hash(password),
                    "role": role,
                    "active": 1,
                    "language": "da",
                    "created_at": clock.now_iso(),
                }
            )
            .last_pk
        )
        set_units(db, staff_id, unit_ids)
    return staff_id


def set_units(db: Database, staff_id: int, unit_ids) -> None:
    known = {row[0] for row in db.execute("SELECT id FROM units")}
    wanted = {int(u) for u in unit_ids}
    if wanted - known:
        raise SamtaleError(_("En valgt afdeling findes ikke."))
    with db.atomic():
        db.execute("DELETE FROM staff_units WHERE staff_id = ?", [staff_id])
        for unit_id in sorted(wanted):
            db["staff_units"].insert({"staff_id": staff_id, "unit_id": unit_id})


def get(db: Database, staff_id: int) -> Staff:
    row = db.execute(
        "SELECT id, username, display_name, role, active, language FROM staff WHERE id = ?",
        [staff_id],
    ).fetchone()
    if row is None:
        raise NotFound()
    units = tuple(
        r[0]
        for r in db.execute(
            "SELECT unit_id FROM staff_units WHERE staff_id = ? ORDER BY unit_id", [staff_id]
        )
    )
    return Staff(row[0], row[1], row[2], row[3], bool(row[4]), row[5], units)


def find_by_username(db: Database, username: str) -> dict | None:
    row = db.execute(
        "SELECT id, password_hash, active FROM staff WHERE username = ?",
        [(username or "").strip().lower()],
    ).fetchone()
    return None if row is None else {"id": row[0], "password_hash": row[1], "active": bool(row[2])}


def list_all(db: Database) -> list[dict]:
    rows = db.execute(
        "SELECT s.id, s.username, s.display_name, s.role, s.active, "
        "group_concat(u.name, ', ') FROM staff s "
        "LEFT JOIN staff_units su ON su.staff_id = s.id "
        "LEFT JOIN units u ON u.id = su.unit_id GROUP BY s.id ORDER BY s.display_name"
    ).fetchall()
    keys = ("id", "username", "display_name", "role", "active", "units")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def count(db: Database) -> int:
    return db.execute("SELECT count(*) FROM staff").fetchone()[0]


def update(db: Database, staff_id: int, *, display_name: str, role: str, unit_ids) -> None:
    get(db, staff_id)
    display_name = _clean_name(display_name, _("Navn"))
    if role not in ROLES:
        raise SamtaleError(_("Ukendt rolle: %(role)s.", role=role))
    with db.atomic():
        db.execute(
            "UPDATE staff SET display_name = ?, role = ? WHERE id = ?",
            [display_name, role, staff_id],
        )
        set_units(db, staff_id, unit_ids)


def set_password(db: Database, hasher: passwords.Hasher, staff_id: int, password: str) -> None:
    username = get(db, staff_id).username
    passwords.check_policy(password, username)
    db.execute("UPDATE staff SET password_hash = ? WHERE id = ?", [hasher.hash(password), staff_id])


def set_language(db: Database, staff_id: int, language: str) -> None:
    if language not in ("da", "en"):
        raise SamtaleError(_("Ukendt sprog."))
    db.execute("UPDATE staff SET language = ? WHERE id = ?", [language, staff_id])


def set_active(db: Database, staff_id: int, active: bool) -> None:
    """Enable or disable an account. Disabling also ends all its sessions."""
    get(db, staff_id)
    with db.atomic():
        db.execute(
            "UPDATE staff SET active = ?, disabled_at = ? WHERE id = ?",
            [int(active), None if active else clock.now_iso(), staff_id],
        )
        if not active:
            db.execute("DELETE FROM sessions WHERE staff_id = ?", [staff_id])


def active_leaders(db: Database) -> int:
    return db.execute("SELECT count(*) FROM staff WHERE role = 'leder' AND active = 1").fetchone()[
        0
    ]


# --- units ---------------------------------------------------------------


def create_unit(db: Database, name: str) -> int:
    name = _clean_name(name, _("Afdelingens navn"))
    if db.execute("SELECT 1 FROM units WHERE name = ?", [name]).fetchone():
        raise SamtaleError(_("Der findes allerede en afdeling med navnet %(n)s.", n=name))
    return db["units"].insert({"name": name, "created_at": clock.now_iso()}).last_pk


def rename_unit(db: Database, unit_id: int, name: str) -> None:
    name = _clean_name(name, _("Afdelingens navn"))
    clash = db.execute("SELECT id FROM units WHERE name = ? AND id != ?", [name, unit_id])
    if clash.fetchone():
        raise SamtaleError(_("Der findes allerede en afdeling med navnet %(n)s.", n=name))
    db.execute("UPDATE units SET name = ? WHERE id = ?", [name, unit_id])


def units(db: Database, ids: Iterable[int] | None = None) -> list[dict]:
    """The units by name, with their residents and staff counted; only those in `ids`
    when given (a staff member's own units: counting every unit of a large facility
    costs half a millisecond)."""
    where, params = "", []
    if ids is not None:
        params = sorted(set(ids))
        where = f"WHERE u.id IN ({', '.join('?' * len(params))}) "
    rows = db.execute(
        "SELECT u.id, u.name, "
        "(SELECT count(*) FROM residents r WHERE r.unit_id = u.id AND r.status = 'bor_her'), "
        "(SELECT count(*) FROM staff_units su WHERE su.unit_id = u.id) "
        f"FROM units u {where}ORDER BY u.name", params
    ).fetchall()
    return [dict(zip(("id", "name", "residents", "staff"), r, strict=True)) for r in rows]


def works_in(db: Database, staff_id, unit_id: int) -> bool:
    """Whether `staff_id` is an active staff member of the unit."""
    return bool(staff_id) and db.execute(
        "SELECT 1 FROM staff s JOIN staff_units su ON su.staff_id = s.id "
        "WHERE s.id = ? AND su.unit_id = ? AND s.active = 1",
        [staff_id, unit_id],
    ).fetchone() is not None


def unit_name(db: Database, unit_id: int) -> str:
    row = db.execute("SELECT name FROM units WHERE id = ?", [unit_id]).fetchone()
    if row is None:
        raise NotFound()
    return row[0]
