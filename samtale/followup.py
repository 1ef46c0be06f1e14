"""The six-week follow-up: a conversation of its own that walks through the resident's
active goals, one goal per screen. No Flask.

For each goal: what happened, the status colour, an evaluation in jeg-form, who wrote it
(the resident personally or staff), whether the resident agrees (and the resident's own
view when not), the next step, and what happens to the goal (continue to a next date, six
weeks ahead by default; reached; stopped). "Ikke i dag" postpones the whole follow-up
with an optional reason and a date to try again; it can be resumed where it stopped.

    fu = start(db, resident_id, staff_id)
    evaluate(db, fu, goal_id, EvaluationInput(...), staff_id=..., staff_name=..., ...)
    finish(db, fu)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlite_utils import Database

from samtale import clock, goals, postponing
from samtale.db import write_transaction
from samtale.errors import NotFound, SamtaleError
from samtale.export.labels import long_date
from samtale.goal_rules import STATUSES, parse_date
from samtale.i18n import gettext as _
from samtale.i18n import ngettext

WRITERS = ("resident", "staff")
DECISIONS = {"continue": "active", "achieved": "achieved", "abandoned": "abandoned"}
MAX_TEXT = 4000


@dataclass
class Step:
    goal_id: int
    position: int
    outcome: str  # pending, evaluated, skipped
    evaluation_id: int | None


@dataclass
class FollowUp:
    id: int
    resident_id: int
    status: str  # in_progress, finished, postponed
    started_at: str
    updated_at: str
    finished_at: str | None
    postponed_reason: str | None
    retry_on: str | None
    steps: list[Step] = field(default_factory=list)

    def step(self, goal_id: int) -> Step:
        found = next((s for s in self.steps if s.goal_id == goal_id), None)
        if found is None:
            raise NotFound()
        return found

    @property
    def next_step(self) -> Step | None:
        return next((s for s in self.steps if s.outcome == "pending"), None)

    @property
    def evaluated(self) -> int:
        return sum(1 for s in self.steps if s.outcome == "evaluated")


@dataclass
class EvaluationInput:
    text: str
    written_by: str
    status: str | None
    decision: str = "continue"
    what_happened: str | None = None
    resident_agrees: bool | None = None
    resident_view: str | None = None
    next_step: str | None = None
    next_date: str | None = None


_COLUMNS = ("id", "resident_id", "status", "started_at", "updated_at", "finished_at",
            "postponed_reason", "retry_on")


def get(db: Database, resident_id: int, followup_id: int) -> FollowUp:
    """The follow-up if it belongs to `resident_id`; NotFound otherwise."""
    row = db.execute(f"SELECT {', '.join(_COLUMNS)} FROM followups WHERE id = ? AND "
                     "resident_id = ?", [followup_id, resident_id]).fetchone()
    if row is None:
        raise NotFound()
    steps = [Step(*r) for r in db.execute(
        "SELECT goal_id, position, outcome, evaluation_id FROM followup_goals WHERE "
        "followup_id = ? ORDER BY position", [followup_id])]
    return FollowUp(*row, steps=steps)


def for_resident(db: Database, resident_id: int) -> list[FollowUp]:
    """The resident's follow-ups, newest first (without their steps)."""
    rows = db.execute(f"SELECT {', '.join(_COLUMNS)} FROM followups WHERE resident_id = ? "
                      "ORDER BY started_at DESC, id DESC", [resident_id])
    return [FollowUp(*row) for row in rows]


def open_for(db: Database, resident_id: int) -> FollowUp | None:
    """The follow-up in progress or postponed, if any (the newest)."""
    row = db.execute("SELECT id FROM followups WHERE resident_id = ? AND status IN "
                     "('in_progress', 'postponed') ORDER BY started_at DESC, id DESC LIMIT 1",
                     [resident_id]).fetchone()
    return get(db, resident_id, row[0]) if row else None


def start(db: Database, resident_id: int, staff_id: int | None) -> FollowUp:
    """Start a follow-up of every active goal (earliest follow-up date first), or return
    the one already in progress. SamtaleError when there is no active goal."""
    with write_transaction(db):
        existing = open_for(db, resident_id)
        if existing and existing.status == "in_progress":
            return existing
        goal_ids = [r[0] for r in db.execute(
            "SELECT id FROM goals WHERE resident_id = ? AND lifecycle = 'active' "
            "ORDER BY next_follow_up IS NULL, next_follow_up, id", [resident_id])]
        if not goal_ids:
            raise SamtaleError(_("Der er ingen aktive mål at følge op på endnu."))
        now = clock.now_iso()
        followup_id = db["followups"].insert({
            "resident_id": resident_id, "status": "in_progress", "started_at": now,
            "started_by": staff_id, "updated_at": now}).last_pk
        db["followup_goals"].insert_all(
            {"followup_id": followup_id, "goal_id": goal_id, "resident_id": resident_id,
             "position": n} for n, goal_id in enumerate(goal_ids))
    return get(db, resident_id, followup_id)


def _check_open(followup: FollowUp) -> None:
    if followup.status != "in_progress":
        raise SamtaleError(_("Opfølgningen er ikke i gang. Genoptag den for at fortsætte."), 409)


def _optional(text: str | None, errors: dict, key: str) -> str | None:
    value = (text or "").strip()
    if len(value) > MAX_TEXT:
        errors[key] = _("Skriv højst %(n)s tegn.", n=MAX_TEXT)
    return value or None


def clean(db: Database, data: EvaluationInput) -> tuple[EvaluationInput, dict[str, str]]:
    """The cleaned input and {field: message} for every problem."""
    errors: dict[str, str] = {}
    text = _optional(data.text, errors, "text")
    if not text:
        errors["text"] = _("Skriv evalueringen, gerne med beboerens egne ord.")
    if data.written_by not in WRITERS:
        errors["written_by"] = _("Vælg, hvem der skrev evalueringen.")
    if data.status not in STATUSES:
        errors["status"] = _("Vælg en farve: grøn, gul eller rød.")
    if data.decision not in DECISIONS:
        errors["decision"] = _("Vælg, hvad der skal ske med målet.")
    next_date = None
    if data.decision == "continue":
        try:
            next_date = parse_date(data.next_date) or goals.default_follow_up(db)
        except SamtaleError as problem:
            errors["next_date"] = problem.message
    agrees = data.resident_agrees
    cleaned = EvaluationInput(
        text=text or "", written_by=data.written_by, status=data.status,
        decision=data.decision,
        what_happened=_optional(data.what_happened, errors, "what_happened"),
        resident_agrees=agrees,
        resident_view=_optional(data.resident_view, errors, "resident_view") if agrees is False
        else None,
        next_step=_optional(data.next_step, errors, "next_step"),
        next_date=next_date.isoformat() if next_date else None)
    return cleaned, errors


class InvalidEvaluation(SamtaleError):
    def __init__(self, fields: dict[str, str]):
        super().__init__(_("Evalueringen er ikke gemt. Ret det, der er markeret."))
        self.fields = fields


def evaluate(db: Database, followup: FollowUp, goal_id: int, data: EvaluationInput, *,
             staff_id: int | None, staff_name: str, resident_name: str,
             on: date | None = None) -> int:
    """Store the evaluation of one goal (again: a repeated save updates it) and apply the
    decision to the goal as a new version. Returns the evaluation id."""
    _check_open(followup)
    step = followup.step(goal_id)
    data, errors = clean(db, data)
    if errors:
        raise InvalidEvaluation(errors)
    goal = goals.get(db, followup.resident_id, goal_id)
    now = clock.now_iso()
    record = {
        "goal_id": goal_id, "resident_id": followup.resident_id, "followup_id": followup.id,
        "date": (on or clock.today()).isoformat(), "staff_id": staff_id, "updated_at": now,
        "author_name": resident_name if data.written_by == "resident" else staff_name,
        **_columns(data)}
    with write_transaction(db):
        if step.evaluation_id:
            db["evaluations"].update(step.evaluation_id, record)
            evaluation_id = step.evaluation_id
        else:
            evaluation_id = db["evaluations"].insert({**record, "created_at": now}).last_pk
        _set_step(db, followup, goal_id, "evaluated", evaluation_id)
        goals.apply_follow_up(db, goal, status=data.status, lifecycle=DECISIONS[data.decision],
                              next_follow_up=data.next_date, staff_id=staff_id,
                              staff_name=staff_name)
    step.outcome, step.evaluation_id = "evaluated", evaluation_id
    return evaluation_id


def _columns(data: EvaluationInput) -> dict:
    return {"text": data.text, "written_by": data.written_by, "status": data.status,
            "resident_agrees": None if data.resident_agrees is None else int(data.resident_agrees),
            "resident_view": data.resident_view, "what_happened": data.what_happened,
            "next_step": data.next_step}


def _set_step(db: Database, followup: FollowUp, goal_id: int, outcome: str,
              evaluation_id: int | None) -> None:
    db.execute("UPDATE followup_goals SET outcome = ?, evaluation_id = ? WHERE followup_id = ? "
               "AND goal_id = ?", [outcome, evaluation_id, followup.id, goal_id])
    db.execute("UPDATE followups SET updated_at = ? WHERE id = ?", [clock.now_iso(), followup.id])


def skip(db: Database, followup: FollowUp, goal_id: int) -> None:
    """Leave this goal for another time (its follow-up date stays as it is)."""
    _check_open(followup)
    step = followup.step(goal_id)
    if step.outcome == "pending":
        _set_step(db, followup, goal_id, "skipped", None)
        step.outcome = "skipped"


def postpone(db: Database, followup: FollowUp, reason: str | None,
             retry_on: date | None) -> None:
    """"Ikke i dag": respected and recorded, with an optional reason and the date to try
    again (default in 14 days)."""
    reason, retry_on = postponing.terms(reason, retry_on)
    now = clock.now_iso()
    with write_transaction(db):
        db.execute("UPDATE followups SET status = 'postponed', postponed_at = ?, "
                   "postponed_reason = ?, retry_on = ?, updated_at = ? WHERE id = ?",
                   [now, reason, retry_on.isoformat(), now, followup.id])
        with goals.plan_language():
            goals.record_event(db, followup.resident_id, "followup_postponed", _(
                "Opfølgning: ikke i dag. Vi prøver igen %(date)s.", date=long_date(retry_on)))
    followup.status, followup.retry_on = "postponed", retry_on.isoformat()


def resume(db: Database, followup: FollowUp) -> None:
    if followup.status == "finished":
        raise SamtaleError(_("Opfølgningen er afsluttet. Start en ny."), 409)
    db.execute("UPDATE followups SET status = 'in_progress', updated_at = ? WHERE id = ?",
               [clock.now_iso(), followup.id])
    followup.status = "in_progress"


def finish(db: Database, followup: FollowUp) -> None:
    """Close the follow-up; the history gets one line."""
    if followup.status == "finished":
        return
    count = followup.evaluated
    with goals.plan_language():
        text = (ngettext("Opfølgning på %(num)s mål.", "Opfølgning på %(num)s mål.", count)
                if count else _("Opfølgning uden evalueringer."))
    now = clock.now_iso()
    with write_transaction(db):
        db.execute("UPDATE followups SET status = 'finished', finished_at = ?, updated_at = ? "
                   "WHERE id = ?", [now, now, followup.id])
        goals.record_event(db, followup.resident_id, "evaluation", text)
    followup.status, followup.finished_at = "finished", now
