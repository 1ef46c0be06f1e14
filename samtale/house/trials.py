"""Prøvehandlinger (Opgangsfællesskabet og Kollegiet): small concrete trials.

idea → planned (what, responsible residents and staff, when) → tried → evaluated
(what worked, what did not, the residents' own words) → decided (keep, adjust, drop).
"Adjust" opens a new round: a new trial that starts as an idea with the plan copied.
Every step is written to trial_events (who, when, what was set): the history.

A trial belongs to a unit; `get` refuses one outside the given units (NotFound)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlite_utils import Database

from samtale import clock
from samtale.errors import NotFound, SamtaleError
from samtale.house import dates
from samtale.house.trial_people import TrialPerson, people, set_people
from samtale.i18n import gettext as _

STAGES = ("idea", "planned", "tried", "evaluated", "decided")
DECISIONS = ("keep", "adjust", "drop")
TITLE_LENGTH = 120
TEXT_LENGTH = 2000

_FIELDS = (
    "id, unit_id, previous_id, round, source, source_ref, title, idea, stage, plan_what, "
    "plan_start, plan_end, tried_on, tried_note, worked, not_worked, residents_words, decision, "
    "decision_note, created_at, updated_at"
)


def stage_label(stage: str) -> str:
    return {
        "idea": _("Idé"),
        "planned": _("Planlagt"),
        "tried": _("Prøvet"),
        "evaluated": _("Evalueret"),
        "decided": _("Besluttet"),
    }[stage]


def decision_label(decision: str) -> str:
    return {"keep": _("Fortsæt"), "adjust": _("Justér"), "drop": _("Stop")}[decision]


def event_label(step: str) -> str:
    if step == "idea_changed":
        return _("Idéen blev rettet")
    if step == "idea":
        return _("Idéen blev skrevet")
    return stage_label(step)


@dataclass(frozen=True)
class Trial:
    id: int
    unit_id: int
    previous_id: int | None
    round: int
    source: str
    source_ref: str | None
    title: str
    idea: str
    stage: str
    plan_what: str | None
    plan_start: str | None
    plan_end: str | None
    tried_on: str | None
    tried_note: str | None
    worked: str | None
    not_worked: str | None
    residents_words: str | None
    decision: str | None
    decision_note: str | None
    created_at: str
    updated_at: str
    residents: tuple[TrialPerson, ...] = ()
    staff: tuple[tuple[int, str], ...] = ()
    next_id: int | None = None


@dataclass(frozen=True)
class Event:
    step: str
    at: str
    staff_name: str | None
    details: dict


def _row(db: Database, trial_id: int):
    return db.execute(f"SELECT {_FIELDS} FROM trials WHERE id = ?", [trial_id]).fetchone()


def get(db: Database, trial_id: int, unit_ids) -> Trial:
    """The trial, if it belongs to one of `unit_ids`; NotFound otherwise."""
    row = _row(db, trial_id)
    if row is None or row[1] not in set(unit_ids):
        raise NotFound()
    residents_, staff_ = people(db, trial_id)
    following = db.execute("SELECT id FROM trials WHERE previous_id = ?", [trial_id]).fetchone()
    return Trial(*row, residents=residents_, staff=staff_, next_id=following and following[0])


def list_for_unit(db: Database, unit_id: int) -> list[Trial]:
    """The unit's trials: open ones first (by stage), then decided ones, newest first."""
    rows = db.execute(
        f"SELECT {_FIELDS} FROM trials WHERE unit_id = ? ORDER BY stage = 'decided', "
        "CASE stage WHEN 'tried' THEN 0 WHEN 'evaluated' THEN 0 WHEN 'planned' THEN 1 ELSE 2 END, "
        "coalesce(plan_start, created_at) DESC, id DESC",
        [unit_id],
    ).fetchall()
    return [Trial(*row) for row in rows]


def _log(db: Database, trial_id: int, step: str, staff_id, details: dict) -> None:
    name = None
    if staff_id:
        found = db.execute("SELECT display_name FROM staff WHERE id = ?", [staff_id]).fetchone()
        name = found and found[0]
    db["trial_events"].insert(
        {
            "trial_id": trial_id,
            "step": step,
            "at": clock.now_iso(),
            "staff_id": staff_id,
            "staff_name": name,
            "details": json.dumps(details, ensure_ascii=False),
        }
    )


def history(db: Database, trial_id: int) -> list[Event]:
    rows = db.execute(
        "SELECT step, at, staff_name, details FROM trial_events WHERE trial_id = ? ORDER BY id",
        [trial_id],
    )
    return [Event(r[0], r[1], r[2], json.loads(r[3])) for r in rows]


def _title(title: str) -> str:
    return dates.clean_text(
        title, TITLE_LENGTH, _("Giv idéen en kort titel (højst %(n)s tegn).", n=TITLE_LENGTH)
    )


def _text(text, message: str | None = None) -> str:
    """Optional text, or required when a `message` for the empty case is given."""
    too_long = _("Teksten er for lang (højst %(n)s tegn).", n=TEXT_LENGTH)
    return dates.clean_text(text, TEXT_LENGTH, message or too_long, message is not None)


def create_idea(
    db: Database,
    unit_id: int,
    *,
    title: str,
    idea: str = "",
    staff_id=None,
    source="new",
    source_ref: str | None = None,
) -> int:
    """A new idea for the unit. `source` is 'new' or where it came from ('board')."""
    values = {"title": _title(title), "idea": _text(idea)}
    if not db.execute("SELECT 1 FROM units WHERE id = ?", [unit_id]).fetchone():
        raise NotFound()
    now = clock.now_iso()
    values |= {"unit_id": unit_id, "source": source, "source_ref": source_ref, "stage": "idea"}
    with db.atomic():
        trial_id = db["trials"].insert(values | {"created_at": now, "updated_at": now}).last_pk
        _log(db, trial_id, "idea", staff_id, {"title": values["title"], "idea": values["idea"]})
    return trial_id


def _require(trial: Trial, stages: tuple[str, ...]) -> None:
    if trial.stage not in stages:
        raise SamtaleError(_("Prøvehandlingen er ikke på det trin længere. Opdater siden."), 409)


def _update(db: Database, trial_id: int, values: dict, step: str, staff_id, details=None):
    sets = ", ".join(f"{key} = ?" for key in values)
    db.execute(
        f"UPDATE trials SET {sets}, updated_at = ? WHERE id = ?",
        [*values.values(), clock.now_iso(), trial_id],
    )
    _log(db, trial_id, step, staff_id, details if details is not None else values)


def update_idea(db: Database, trial: Trial, *, title: str, idea: str, staff_id=None) -> None:
    _require(trial, ("idea", "planned"))
    values = {"title": _title(title), "idea": _text(idea)}
    with db.atomic():
        _update(db, trial.id, values, "idea_changed", staff_id)


def plan(
    db: Database,
    trial: Trial,
    *,
    what: str,
    start,
    end=None,
    resident_ids=(),
    staff_ids=(),
    staff_id=None,
) -> None:
    """Plan (or re-plan) the trial: what, when, and who is responsible."""
    _require(trial, ("idea", "planned"))
    what = _text(what, _("Skriv, hvad I vil prøve."))
    first, last = _plan_dates(start, end)
    resident_ids = sorted({int(i) for i in resident_ids})
    staff_ids = sorted({int(i) for i in staff_ids})
    if not resident_ids and not staff_ids:
        raise SamtaleError(_("Vælg mindst én ansvarlig: en beboer eller en medarbejder."))
    values = {"plan_what": what, "plan_start": first, "plan_end": last, "stage": "planned"}
    details = values | {"resident_ids": resident_ids, "staff_ids": staff_ids}
    with db.atomic():
        set_people(db, trial, resident_ids, staff_ids)
        _update(db, trial.id, values, "planned", staff_id, details)


def _plan_dates(start, end) -> tuple[str, str | None]:
    first = dates.parse(start, _("Skriv, hvornår I starter, som en dato, fx 2026-03-01."))
    last = dates.optional(end, _("Skriv slutdatoen som en dato, fx 2026-04-01."))
    if last is not None and last < first:
        raise SamtaleError(_("Slutdatoen ligger før startdatoen."))
    return first.isoformat(), last.isoformat() if last else None


def mark_tried(db: Database, trial: Trial, *, tried_on, note: str = "", staff_id=None) -> None:
    _require(trial, ("planned",))
    day = dates.parse(tried_on, _("Skriv, hvornår I prøvede det, som en dato."))
    if day > clock.today():
        raise SamtaleError(_("Datoen ligger i fremtiden. Markér det som prøvet, når det er sket."))
    values = {"tried_on": day.isoformat(), "tried_note": _text(note)}
    with db.atomic():
        _update(db, trial.id, values | {"stage": "tried"}, "tried", staff_id)


def evaluate(
    db: Database,
    trial: Trial,
    *,
    worked: str,
    not_worked: str,
    residents_words: str,
    staff_id=None,
) -> None:
    """The shared evaluation; may be rewritten until a decision is made."""
    _require(trial, ("tried", "evaluated"))
    values = {
        "worked": _text(worked),
        "not_worked": _text(not_worked),
        "residents_words": _text(residents_words),
    }
    if not any(values.values()):
        raise SamtaleError(_("Skriv mindst én ting i evalueringen."))
    with db.atomic():
        _update(db, trial.id, values | {"stage": "evaluated"}, "evaluated", staff_id)


def decide(db: Database, trial: Trial, *, decision: str, note: str = "", staff_id=None):
    """Keep, adjust or drop. 'adjust' returns the id of the new round; else None."""
    _require(trial, ("evaluated",))
    if decision not in DECISIONS:
        raise SamtaleError(_("Vælg en beslutning: fortsæt, justér eller stop."))
    values = {"decision": decision, "decision_note": _text(note)}
    with db.atomic():
        _update(db, trial.id, values | {"stage": "decided"}, "decided", staff_id)
        if decision == "adjust":
            return _next_round(db, trial, values["decision_note"], staff_id)
    return None


def _next_round(db: Database, trial: Trial, note: str, staff_id) -> int:
    now = clock.now_iso()
    values = {
        "unit_id": trial.unit_id,
        "previous_id": trial.id,
        "round": trial.round + 1,
        "source": "adjusted",
        "title": trial.title,
        "idea": note or trial.idea,
        "stage": "idea",
        "plan_what": trial.plan_what,
        "created_at": now,
        "updated_at": now,
    }
    new_id = db["trials"].insert(values).last_pk
    copy = [(r.resident_id, new_id) for r in trial.residents]
    db.conn.executemany("INSERT INTO trial_residents (resident_id, trial_id) VALUES (?, ?)", copy)
    staff_rows = [(new_id, staff_id_) for staff_id_, _name in trial.staff]
    db.conn.executemany("INSERT INTO trial_staff (trial_id, staff_id) VALUES (?, ?)", staff_rows)
    _log(db, new_id, "idea", staff_id, {"title": trial.title, "previous_id": trial.id})
    return new_id
