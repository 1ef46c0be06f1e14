"""The unit's indsatsplan (Hedebo): a formål, delmål, and for each delmål activities
with hvad, ansvarlig (free text: staff, residents, the activity committee) and tid.
Each activity's status (grøn, gul, rød; "ikke vurderet" before the first meeting) is
set at a status meeting about once a quarter; a meeting saves every activity at once.
The next meeting defaults to three months after the last one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from samtale import clock
from samtale.errors import NotFound, SamtaleError
from samtale.house import dates
from samtale.i18n import gettext as _

STATUSES = ("green", "yellow", "red", "not_assessed")
MEETING_MONTHS = 3
PURPOSE_LENGTH = 2000
LINE_LENGTH = 300


def status_label(status: str) -> str:
    return {
        "green": _("Grøn: gennemført eller godt på vej"),
        "yellow": _("Gul: i gang, men halter"),
        "red": _("Rød: ikke startet eller gået i stå"),
        "not_assessed": _("Ikke vurderet"),
    }[status]


def status_word(status: str) -> str:
    return {
        "green": _("Grøn"),
        "yellow": _("Gul"),
        "red": _("Rød"),
        "not_assessed": _("Ikke vurderet"),
    }[status]


@dataclass(frozen=True)
class Activity:
    id: int
    subgoal_id: int
    what: str
    responsible: str
    timing: str
    status: str = "not_assessed"
    note: str = ""


@dataclass(frozen=True)
class Subgoal:
    id: int
    title: str
    activities: tuple[Activity, ...]


@dataclass(frozen=True)
class Meeting:
    id: int
    held_on: str
    participants: str


@dataclass(frozen=True)
class EffortPlan:
    unit_id: int
    purpose: str
    subgoals: tuple[Subgoal, ...]
    meetings: tuple[Meeting, ...]  # newest first
    next_meeting_on: date | None

    @property
    def activities(self) -> list[Activity]:
        return [a for s in self.subgoals for a in s.activities]


def meetings(db: Database, unit_id: int) -> tuple[Meeting, ...]:
    rows = db.execute(
        "SELECT id, held_on, participants FROM effort_meetings WHERE unit_id = ? "
        "ORDER BY held_on DESC, id DESC",
        [unit_id],
    )
    return tuple(Meeting(*row) for row in rows)


def _latest_statuses(db: Database, unit_id: int) -> dict[int, tuple[str, str]]:
    """activity id -> (status, note) from the newest meeting that assessed it."""
    rows = db.execute(
        "SELECT st.activity_id, st.status, st.note FROM effort_statuses st "
        "JOIN effort_meetings m ON m.id = st.meeting_id WHERE m.unit_id = ? "
        "ORDER BY m.held_on, m.id",
        [unit_id],
    )
    return {row[0]: (row[1], row[2]) for row in rows}


def _activities(db: Database, unit_id: int) -> dict[int, list[Activity]]:
    latest = _latest_statuses(db, unit_id)
    grouped: dict[int, list[Activity]] = {}
    rows = db.execute(
        "SELECT id, subgoal_id, what, responsible, timing FROM effort_activities "
        "WHERE unit_id = ? ORDER BY position, id",
        [unit_id],
    )
    for row in rows:
        status, note = latest.get(row[0], ("not_assessed", ""))
        grouped.setdefault(row[1], []).append(Activity(*row, status=status, note=note))
    return grouped


def get_plan(db: Database, unit_id: int) -> EffortPlan:
    row = db.execute("SELECT purpose FROM effort_plans WHERE unit_id = ?", [unit_id]).fetchone()
    grouped = _activities(db, unit_id)
    subgoals = tuple(
        Subgoal(r[0], r[1], tuple(grouped.get(r[0], ())))
        for r in db.execute(
            "SELECT id, title FROM effort_subgoals WHERE unit_id = ? ORDER BY position, id",
            [unit_id],
        )
    )
    return EffortPlan(
        unit_id,
        row[0] if row else "",
        subgoals,
        meetings(db, unit_id),
        next_status_meeting(db, unit_id),
    )


def ensure_plan(db: Database, unit_id: int, staff_id=None) -> None:
    db.execute(
        "INSERT INTO effort_plans (unit_id, updated_at, updated_by) VALUES (?, ?, ?) "
        "ON CONFLICT(unit_id) DO NOTHING",
        [unit_id, clock.now_iso(), staff_id],
    )


def set_purpose(db: Database, unit_id: int, purpose: str, staff_id=None) -> None:
    text = dates.clean_text(
        purpose, PURPOSE_LENGTH, _("Skriv formålet (højst %(n)s tegn).", n=PURPOSE_LENGTH)
    )
    with db.atomic():
        ensure_plan(db, unit_id, staff_id)
        db.execute(
            "UPDATE effort_plans SET purpose = ?, updated_at = ?, updated_by = ? WHERE unit_id = ?",
            [text, clock.now_iso(), staff_id, unit_id],
        )


def _line(text: str, message: str, required: bool = True) -> str:
    return dates.clean_text(text, LINE_LENGTH, message, required)


def _next_position(db: Database, table: str, where: str, value: int) -> int:
    row = db.execute(f"SELECT coalesce(max(position), 0) + 1 FROM {table} WHERE {where}", [value])
    return row.fetchone()[0]


def add_subgoal(db: Database, unit_id: int, title: str) -> int:
    title = _line(title, _("Skriv delmålet (højst %(n)s tegn).", n=LINE_LENGTH))
    position = _next_position(db, "effort_subgoals", "unit_id = ?", unit_id)
    row = {"unit_id": unit_id, "position": position, "title": title}
    return db["effort_subgoals"].insert(row | {"created_at": clock.now_iso()}).last_pk


def subgoal_or_404(db: Database, subgoal_id: int, unit_ids) -> int:
    """The unit id of the delmål, if it is in `unit_ids`; NotFound otherwise."""
    row = db.execute("SELECT unit_id FROM effort_subgoals WHERE id = ?", [subgoal_id]).fetchone()
    if row is None or row[0] not in set(unit_ids):
        raise NotFound()
    return row[0]


def update_subgoal(db: Database, subgoal_id: int, unit_id: int, title: str) -> None:
    title = _line(title, _("Skriv delmålet (højst %(n)s tegn).", n=LINE_LENGTH))
    db.execute(
        "UPDATE effort_subgoals SET title = ? WHERE id = ? AND unit_id = ?",
        [title, subgoal_id, unit_id],
    )


def _activity_values(what: str, responsible: str, timing: str) -> dict:
    return {
        "what": _line(what, _("Skriv, hvad der skal gøres (højst %(n)s tegn).", n=LINE_LENGTH)),
        "responsible": _line(
            responsible, _("Skriv, hvem der er ansvarlig (højst %(n)s tegn).", n=LINE_LENGTH)
        ),
        "timing": _line(timing, _("Skriv, hvornår det sker (højst %(n)s tegn).", n=LINE_LENGTH)),
    }


def add_activity(
    db: Database, unit_id: int, subgoal_id: int, *, what: str, responsible: str, timing: str
) -> int:
    subgoal_or_404(db, subgoal_id, [unit_id])
    values = _activity_values(what, responsible, timing)
    position = _next_position(db, "effort_activities", "subgoal_id = ?", subgoal_id)
    now = clock.now_iso()
    values |= {"unit_id": unit_id, "subgoal_id": subgoal_id, "position": position}
    return db["effort_activities"].insert(values | {"created_at": now, "updated_at": now}).last_pk


def get_activity(db: Database, activity_id: int, unit_ids) -> Activity:
    """The activity, if its unit is in `unit_ids`; NotFound otherwise."""
    row = db.execute(
        "SELECT id, subgoal_id, what, responsible, timing, unit_id FROM effort_activities "
        "WHERE id = ?",
        [activity_id],
    ).fetchone()
    if row is None or row[5] not in set(unit_ids):
        raise NotFound()
    status, note = _latest_statuses(db, row[5]).get(row[0], ("not_assessed", ""))
    return Activity(*row[:5], status=status, note=note)


def update_activity(
    db: Database, activity_id: int, unit_id: int, *, what: str, responsible: str, timing: str
) -> None:
    values = _activity_values(what, responsible, timing)
    db.execute(
        "UPDATE effort_activities SET what = ?, responsible = ?, timing = ?, updated_at = ? "
        "WHERE id = ? AND unit_id = ?",
        [*values.values(), clock.now_iso(), activity_id, unit_id],
    )


def remove_activity(db: Database, activity_id: int, unit_id: int) -> None:
    """Remove an activity that no status meeting has assessed yet."""
    assessed = db.execute(
        "SELECT 1 FROM effort_statuses WHERE activity_id = ? AND status != 'not_assessed'",
        [activity_id],
    ).fetchone()
    if assessed:
        raise SamtaleError(_("Aktiviteten har en status fra et møde og kan ikke fjernes."))
    db.execute("DELETE FROM effort_activities WHERE id = ? AND unit_id = ?", [activity_id, unit_id])


def next_status_meeting(db: Database, unit_id: int) -> date | None:
    """The next quarterly status meeting: the date set, or three months after the last."""
    row = db.execute(
        "SELECT next_meeting_on FROM effort_plans WHERE unit_id = ?", [unit_id]
    ).fetchone()
    if row and row[0]:
        return date.fromisoformat(row[0])
    last = db.execute(
        "SELECT max(held_on) FROM effort_meetings WHERE unit_id = ?", [unit_id]
    ).fetchone()[0]
    return dates.add_months(date.fromisoformat(last), MEETING_MONTHS) if last else None


def set_next_meeting(db: Database, unit_id: int, on, staff_id=None) -> None:
    day = dates.optional(on, _("Skriv datoen for næste møde som en dato, fx 2026-06-01."))
    with db.atomic():
        ensure_plan(db, unit_id, staff_id)
        db.execute(
            "UPDATE effort_plans SET next_meeting_on = ? WHERE unit_id = ?",
            [day.isoformat() if day else None, unit_id],
        )
