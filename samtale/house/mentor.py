"""Mentor matches (Enghaven): a new resident, a mentor who lives in the same unit, a start
date, the new resident's agreements in jeg-form, the staff member to call on, an end
date and an evaluation in jeg-form (by whom, when).

A match belongs to the new resident: every function takes `resident_id` and refuses a
match that is not theirs (NotFound), so a view can pass the id from its URL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlite_utils import Database

from samtale import clock
from samtale.errors import NotFound, SamtaleError
from samtale.house import dates
from samtale.house.newcomers import mark_matched
from samtale.i18n import gettext as _
from samtale.staff import works_in

EVALUATORS = ("newcomer", "mentor")
DEFAULT_WEEKS = 8
MAX_AGREEMENTS = 12
AGREEMENT_LENGTH = 300
EVALUATION_LENGTH = 4000


@dataclass(frozen=True)
class Agreement:
    id: int
    text: str


@dataclass(frozen=True)
class MentorMatch:
    id: int
    resident_id: int
    resident_name: str
    mentor_id: int
    mentor_name: str
    unit_id: int
    staff_id: int | None
    staff_name: str | None
    started_on: str
    ends_on: str | None
    evaluation: str | None
    evaluation_by: str | None
    evaluated_on: str | None
    agreements: tuple[Agreement, ...] = ()

    @property
    def active(self) -> bool:
        return not self.evaluation

    @property
    def evaluation_due(self) -> bool:
        """The planned end has come and nobody has evaluated yet."""
        return self.active and bool(self.ends_on) and self.ends_on <= clock.today().isoformat()

    def role_of(self, resident_id: int) -> str:
        return "newcomer" if resident_id == self.resident_id else "mentor"

    def other(self, resident_id: int) -> tuple[int, str]:
        """The other resident of the match, seen from `resident_id`: (id, name)."""
        if resident_id == self.resident_id:
            return self.mentor_id, self.mentor_name
        return self.resident_id, self.resident_name


_SELECT = (
    "SELECT m.id, m.resident_id, n.display_name, m.mentor_id, t.display_name, m.unit_id, "
    "m.staff_id, s.display_name, m.started_on, m.ends_on, m.evaluation, m.evaluation_by, "
    "m.evaluated_on FROM mentor_matches m JOIN residents n ON n.id = m.resident_id "
    "JOIN residents t ON t.id = m.mentor_id LEFT JOIN staff s ON s.id = m.staff_id "
)


def _agreements(db: Database, match_id: int) -> tuple[Agreement, ...]:
    rows = db.execute(
        "SELECT id, text FROM mentor_agreements WHERE match_id = ? ORDER BY id", [match_id]
    )
    return tuple(Agreement(*row) for row in rows)


def _from_row(db: Database, row) -> MentorMatch:
    return MentorMatch(*row, agreements=_agreements(db, row[0]))


def get_match(db: Database, match_id: int, resident_id: int) -> MentorMatch:
    """The match `match_id` of the new resident `resident_id`; NotFound otherwise."""
    row = db.execute(_SELECT + "WHERE m.id = ? AND m.resident_id = ?", [match_id, resident_id])
    found = row.fetchone()
    if found is None:
        raise NotFound()
    return _from_row(db, found)


def mentor_matches_for(db: Database, resident_id: int) -> list[MentorMatch]:
    """Every match the resident is part of, as new resident or as mentor; newest first."""
    rows = db.execute(
        _SELECT + "WHERE m.resident_id = ? OR m.mentor_id = ? "
        "ORDER BY m.started_on DESC, m.id DESC",
        [resident_id, resident_id],
    ).fetchall()
    return [_from_row(db, row) for row in rows]


def active_matches_in_unit(db: Database, unit_id: int) -> list[MentorMatch]:
    """The unit's matches that have not been evaluated yet, oldest first."""
    rows = db.execute(
        _SELECT + "WHERE m.unit_id = ? AND m.evaluation IS NULL ORDER BY m.started_on, m.id",
        [unit_id],
    ).fetchall()
    return [_from_row(db, row) for row in rows]


def mentor_candidates(db: Database, resident_id: int) -> list[dict]:
    """Residents who could be the mentor: same unit, living there, not the resident."""
    rows = db.execute(
        "SELECT c.id, c.display_name FROM residents c JOIN residents r ON r.unit_id = c.unit_id "
        "WHERE r.id = ? AND c.id != r.id AND c.status = 'bor_her' "
        "ORDER BY c.display_name COLLATE NOCASE",
        [resident_id],
    ).fetchall()
    return [{"id": row[0], "display_name": row[1]} for row in rows]


def default_end(started_on: date) -> date:
    return started_on + timedelta(weeks=DEFAULT_WEEKS)


def _living(db: Database, resident_id: int):
    row = db.execute("SELECT unit_id, status FROM residents WHERE id = ?", [resident_id])
    found = row.fetchone()
    if found is None:
        raise NotFound()
    return found


def _check_people(db: Database, resident_id: int, mentor_id: int) -> int:
    unit_id, status = _living(db, resident_id)
    if status != "bor_her":
        raise SamtaleError(_("Den nye beboer bor her ikke længere."))
    if mentor_id == resident_id:
        raise SamtaleError(_("Mentoren skal være en anden beboer."))
    try:
        mentor_unit, mentor_status = _living(db, mentor_id)
    except NotFound:
        raise SamtaleError(_("Vælg en mentor.")) from None
    if mentor_unit != unit_id or mentor_status != "bor_her":
        raise SamtaleError(_("Mentoren skal bo i samme afdeling som den nye beboer."))
    return unit_id


def _check_staff(db: Database, unit_id: int, staff_id) -> int:
    if not works_in(db, staff_id, unit_id):
        raise SamtaleError(_("Vælg den medarbejder, I kan hente, fra afdelingen."))
    return int(staff_id)


def _period(started_on, ends_on) -> tuple[str, str | None]:
    start = dates.parse(started_on, _("Skriv startdatoen som en dato, fx 2026-03-01."))
    end = dates.optional(ends_on, _("Skriv slutdatoen som en dato, fx 2026-05-01."))
    if end is not None and end < start:
        raise SamtaleError(_("Slutdatoen ligger før startdatoen."))
    return start.isoformat(), end.isoformat() if end else None


def create_match(
    db: Database,
    *,
    resident_id: int,
    mentor_id: int,
    started_on,
    ends_on=None,
    staff_id: int | None,
    created_by: int | None = None,
) -> int:
    """Start a match; records the mentor offer as 'matched'. Returns the match id."""
    unit_id = _check_people(db, resident_id, int(mentor_id or 0))
    call_on = _check_staff(db, unit_id, staff_id)
    start, end = _period(started_on, ends_on)
    if any(m.active and m.resident_id == resident_id for m in mentor_matches_for(db, resident_id)):
        raise SamtaleError(_("Den nye beboer har allerede en mentor. Evaluér det forløb først."))
    now = clock.now_iso()
    row = {"resident_id": resident_id, "mentor_id": int(mentor_id), "unit_id": unit_id}
    row |= {"staff_id": call_on, "started_on": start, "ends_on": end, "created_at": now}
    with db.atomic():
        match_id = db["mentor_matches"].insert(row | {"created_by": created_by, "updated_at": now})
        mark_matched(db, resident_id, created_by)
    return match_id.last_pk


def update_match(db: Database, match_id: int, resident_id: int, *, started_on, ends_on, staff_id):
    match = get_match(db, match_id, resident_id)
    call_on = _check_staff(db, match.unit_id, staff_id)
    start, end = _period(started_on, ends_on)
    db.execute(
        "UPDATE mentor_matches SET started_on = ?, ends_on = ?, staff_id = ?, updated_at = ? "
        "WHERE id = ? AND resident_id = ?",
        [start, end, call_on, clock.now_iso(), match.id, resident_id],
    )


def _agreement_text(text: str | None) -> str:
    return dates.clean_text(
        text, AGREEMENT_LENGTH, _("Skriv aftalen (højst %(n)s tegn).", n=AGREEMENT_LENGTH)
    )


def add_agreement(db: Database, match_id: int, resident_id: int, text: str) -> int:
    match = get_match(db, match_id, resident_id)
    value = _agreement_text(text)
    if len(match.agreements) >= MAX_AGREEMENTS:
        raise SamtaleError(_("Hold listen kort: højst %(n)s aftaler.", n=MAX_AGREEMENTS))
    now = clock.now_iso()
    row = {"resident_id": resident_id, "match_id": match.id, "text": value}
    return db["mentor_agreements"].insert(row | {"created_at": now, "updated_at": now}).last_pk


def _agreement_or_404(db: Database, agreement_id: int, match_id: int, resident_id: int) -> None:
    found = db.execute(
        "SELECT 1 FROM mentor_agreements WHERE id = ? AND match_id = ? AND resident_id = ?",
        [agreement_id, match_id, resident_id],
    ).fetchone()
    if not found:
        raise NotFound()


def update_agreement(db: Database, agreement_id: int, match_id: int, resident_id: int, text: str):
    _agreement_or_404(db, agreement_id, match_id, resident_id)
    db.execute(
        "UPDATE mentor_agreements SET text = ?, updated_at = ? WHERE id = ?",
        [_agreement_text(text), clock.now_iso(), agreement_id],
    )


def delete_agreement(db: Database, agreement_id: int, match_id: int, resident_id: int) -> None:
    _agreement_or_404(db, agreement_id, match_id, resident_id)
    db.execute("DELETE FROM mentor_agreements WHERE id = ?", [agreement_id])


def evaluate(db: Database, match_id: int, resident_id: int, *, text: str, by: str, on) -> None:
    """Write (or rewrite) the evaluation; it ends the match."""
    match = get_match(db, match_id, resident_id)
    value = dates.clean_text(
        text, EVALUATION_LENGTH, _("Skriv evalueringen (højst %(n)s tegn).", n=EVALUATION_LENGTH)
    )
    if by not in EVALUATORS:
        raise SamtaleError(_("Vælg, hvem der har skrevet evalueringen."))
    day = dates.parse(on, _("Skriv datoen for evalueringen som en dato, fx 2026-05-01."))
    if day > clock.today():
        raise SamtaleError(_("Datoen for evalueringen ligger i fremtiden."))
    db.execute(
        "UPDATE mentor_matches SET evaluation = ?, evaluation_by = ?, evaluated_on = ?, "
        "updated_at = ? WHERE id = ? AND resident_id = ?",
        [value, by, day.isoformat(), clock.now_iso(), match.id, resident_id],
    )
