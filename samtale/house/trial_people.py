"""Who is responsible for a prøvehandling: residents (with their consent to be named on
the common-room board, per resident per trial; default: not named) and staff."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from samtale import clock
from samtale.errors import NotFound, SamtaleError
from samtale.i18n import gettext as _
from samtale.staff import works_in


@dataclass(frozen=True)
class TrialPerson:
    resident_id: int
    display_name: str
    named_on_board: bool
    living_here: bool

    @property
    def first_name(self) -> str:
        parts = self.display_name.split()
        return parts[0] if parts else ""


def people(db: Database, trial_id: int):
    """(residents, staff) of the trial: TrialPerson tuples and (staff_id, name) tuples."""
    residents_ = db.execute(
        "SELECT r.id, r.display_name, tr.named_on_board, r.status = 'bor_her' "
        "FROM trial_residents tr JOIN residents r ON r.id = tr.resident_id "
        "WHERE tr.trial_id = ? ORDER BY r.display_name COLLATE NOCASE",
        [trial_id],
    )
    staff_ = db.execute(
        "SELECT s.id, s.display_name FROM trial_staff ts JOIN staff s ON s.id = ts.staff_id "
        "WHERE ts.trial_id = ? ORDER BY s.display_name",
        [trial_id],
    )
    return (
        tuple(TrialPerson(r[0], r[1], bool(r[2]), bool(r[3])) for r in residents_),
        tuple((s[0], s[1]) for s in staff_),
    )


def candidates(db: Database, unit_id: int) -> list[dict]:
    """Residents who can be responsible: living in the unit, by name."""
    rows = db.execute(
        "SELECT id, display_name FROM residents WHERE unit_id = ? AND status = 'bor_her' "
        "ORDER BY display_name COLLATE NOCASE",
        [unit_id],
    )
    return [{"id": r[0], "display_name": r[1]} for r in rows]


def _check(db: Database, unit_id: int, resident_ids, staff_ids) -> None:
    for resident_id in resident_ids:
        row = db.execute(
            "SELECT 1 FROM residents WHERE id = ? AND unit_id = ? AND status = 'bor_her'",
            [resident_id, unit_id],
        ).fetchone()
        if not row:
            raise SamtaleError(_("En ansvarlig beboer skal bo i afdelingen."))
    for staff_id in staff_ids:
        if not works_in(db, staff_id, unit_id):
            raise SamtaleError(_("En ansvarlig medarbejder skal høre til afdelingen."))


def set_people(db: Database, trial, resident_ids, staff_ids) -> None:
    """Replace the responsible people; residents who stay keep their board consent."""
    _check(db, trial.unit_id, resident_ids, staff_ids)
    keep = {p.resident_id for p in trial.residents} & set(resident_ids)
    marks = ",".join("?" * len(keep)) or "NULL"
    db.execute(
        f"DELETE FROM trial_residents WHERE trial_id = ? AND resident_id NOT IN ({marks})",
        [trial.id, *keep],
    )
    for resident_id in set(resident_ids) - keep:
        db["trial_residents"].insert({"resident_id": resident_id, "trial_id": trial.id})
    db.execute("DELETE FROM trial_staff WHERE trial_id = ?", [trial.id])
    for staff_id in staff_ids:
        db["trial_staff"].insert({"trial_id": trial.id, "staff_id": staff_id})


def set_board_consent(db: Database, trial_id: int, resident_id: int, named: bool) -> None:
    """Record whether the resident may be named (first name) on the board for this trial."""
    cursor = db.execute(
        "UPDATE trial_residents SET named_on_board = ?, consent_at = ? "
        "WHERE trial_id = ? AND resident_id = ?",
        [int(bool(named)), clock.now_iso(), trial_id, resident_id],
    )
    if cursor.rowcount == 0:
        raise NotFound()
