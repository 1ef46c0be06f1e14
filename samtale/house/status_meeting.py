"""The quarterly status meeting on the indsatsplan, and each activity's status over time.

`record_meeting` saves every activity's colour and note at once as one dated meeting
with who took part, and sets the next meeting (three months later unless given).
`chart` lays out a small row of dots, one per meeting, for a server-rendered SVG."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from babel.dates import format_date
from sqlite_utils import Database

from samtale import clock
from samtale.errors import SamtaleError
from samtale.house import dates
from samtale.house.effort_plan import (
    LINE_LENGTH,
    MEETING_MONTHS,
    STATUSES,
    ensure_plan,
    status_word,
)
from samtale.i18n import date_locale
from samtale.i18n import gettext as _

PARTICIPANTS_LENGTH = 500
COLOURS = {"green": "#2e7d4f", "yellow": "#d4a514", "red": "#c0392b", "not_assessed": "#ffffff"}


@dataclass(frozen=True)
class Point:
    held_on: str
    status: str
    note: str


def _statuses(db: Database, unit_id: int, statuses: dict) -> list[tuple[int, str, str]]:
    query = "SELECT id FROM effort_activities WHERE unit_id = ?"
    known = {row[0] for row in db.execute(query, [unit_id])}
    rows = []
    for activity_id, (status, note) in statuses.items():
        if int(activity_id) not in known:
            raise SamtaleError(_("En aktivitet hører ikke til denne indsatsplan."))
        if status not in STATUSES:
            raise SamtaleError(_("Vælg en status for hver aktivitet."))
        text = dates.clean_text(
            note, LINE_LENGTH, _("En note må højst være %(n)s tegn.", n=LINE_LENGTH), False
        )
        rows.append((int(activity_id), status, text))
    return rows


def _dates(held_on, next_meeting_on) -> tuple[date, date]:
    """The meeting's date (not in the future) and the next one (default: 3 months later)."""
    day = dates.parse(held_on, _("Skriv mødets dato som en dato, fx 2026-03-01."))
    if day > clock.today():
        raise SamtaleError(_("Mødets dato ligger i fremtiden. Gem mødet, når det er holdt."))
    following = dates.optional(next_meeting_on, _("Skriv næste mødedato som en dato."))
    following = following or dates.add_months(day, MEETING_MONTHS)
    if following <= day:
        raise SamtaleError(_("Næste møde skal ligge efter dette møde."))
    return day, following


def record_meeting(
    db: Database,
    unit_id: int,
    *,
    held_on,
    participants: str,
    statuses: dict[int, tuple[str, str]],
    next_meeting_on=None,
    staff_id: int | None = None,
) -> int:
    """Save a status meeting: {activity_id: (status, note)} for the unit's activities."""
    day, following = _dates(held_on, next_meeting_on)
    who = dates.clean_text(
        participants,
        PARTICIPANTS_LENGTH,
        _("Skriv, hvem der deltog (højst %(n)s tegn).", n=PARTICIPANTS_LENGTH),
    )
    rows = _statuses(db, unit_id, statuses)
    meeting = {"unit_id": unit_id, "held_on": day.isoformat(), "participants": who}
    meeting |= {"created_at": clock.now_iso(), "created_by": staff_id}
    with db.atomic():
        meeting_id = db["effort_meetings"].insert(meeting).last_pk
        db.conn.executemany(
            "INSERT INTO effort_statuses (meeting_id, activity_id, status, note) VALUES (?,?,?,?)",
            [(meeting_id, *row) for row in rows],
        )
        ensure_plan(db, unit_id, staff_id)
        db.execute(
            "UPDATE effort_plans SET next_meeting_on = ? WHERE unit_id = ?",
            [following.isoformat(), unit_id],
        )
    return meeting_id


def history(db: Database, unit_id: int) -> dict[int, list[Point]]:
    """activity id -> its status at each meeting, oldest first."""
    rows = db.execute(
        "SELECT st.activity_id, m.held_on, st.status, st.note FROM effort_statuses st "
        "JOIN effort_meetings m ON m.id = st.meeting_id WHERE m.unit_id = ? "
        "ORDER BY m.held_on, m.id",
        [unit_id],
    )
    points: dict[int, list[Point]] = {}
    for activity_id, held_on, status, note in rows:
        points.setdefault(activity_id, []).append(Point(held_on, status, note))
    return points


@dataclass(frozen=True)
class Dot:
    x: int
    fill: str
    word: str
    day: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    dots: tuple[Dot, ...]
    label: str  # the whole chart in words, for <title> and aria-label


STEP = 108
MAX_POINTS = 8
HEIGHT = 78


def short_date(iso: str) -> str:
    return format_date(date.fromisoformat(iso), "d. MMM yy", locale=date_locale())


def chart(points: list[Point], what: str) -> Chart | None:
    """A row of dots, one per meeting (the last eight), with the status word and the date
    under each; `label` says it all in words."""
    if not points:
        return None
    points = points[-MAX_POINTS:]
    dots = tuple(
        Dot(STEP // 2 + i * STEP, COLOURS[p.status], status_word(p.status), short_date(p.held_on))
        for i, p in enumerate(points)
    )
    steps = "; ".join(f"{d.day}: {d.word}" for d in dots)
    label = _("Status over tid for %(what)s: %(steps)s.", what=what, steps=steps)
    return Chart(STEP * len(dots), HEIGHT, dots, label)
