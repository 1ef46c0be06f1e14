"""Goals in jeg-form: the dream a goal serves, its FFB theme and måltype, delmål, actions,
status colour, next follow-up date and lifecycle. No Flask.

Every change is a new version: `goals.version` counts up and `goal_versions` keeps the
whole goal as JSON with who and when. Saving carries the version the form was loaded at;
when someone else saved in between, `save` refuses with `GoalConflict`, which holds both
the stored goal (theirs) and the cleaned draft (yours), so nothing typed is lost.

    goal = create(db, resident_id, GoalDraft(text="Jeg ..."), staff_id=1, staff_name="Mette")
    save(db, resident_id, goal.id, draft, base_version=goal.version, staff_id=2, ...)
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta

from sqlite_utils import Database

from samtale import clock, ffb, settings
from samtale.banks.problems import message_id as N_
from samtale.db import write_transaction
from samtale.errors import Conflict, NotFound
from samtale.goal_rules import InvalidGoal, clean
from samtale.i18n import gettext as _
from samtale.i18n import locale

__all__ = [
    "Action", "Goal", "GoalConflict", "GoalDraft", "InvalidGoal", "SubGoal", "Version",
    "apply_follow_up", "create", "default_follow_up", "for_resident", "get", "record_event",
    "save", "to_dict", "versions",
]


@dataclass
class SubGoal:
    text: str
    lifecycle: str = "active"
    status: str | None = None
    id: int | None = None


@dataclass
class Action:
    what: str
    who: str = "me"
    who_name: str | None = None
    when: str | None = None
    done: bool = False
    id: int | None = None


@dataclass
class GoalDraft:
    """What a form or a suggestion gives: a goal before it is stored."""

    text: str
    dream_id: int | None = None
    ffb_theme: str | None = None
    goal_type: str = "develop"
    status: str | None = None
    lifecycle: str = "active"
    next_follow_up: str | None = None
    subgoals: list[SubGoal] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)


@dataclass(kw_only=True)
class Goal(GoalDraft):
    id: int
    resident_id: int
    version: int
    created_at: str
    updated_at: str
    updated_by_name: str | None = None
    source_conversation_id: int | None = None
    source_question_id: str | None = None

    def draft(self) -> GoalDraft:
        data = {f: getattr(self, f) for f in GoalDraft.__dataclass_fields__}
        return GoalDraft(**data)


class GoalConflict(Conflict):
    """Someone saved the goal after the form was loaded: `theirs` is the stored goal,
    `yours` the draft that was not saved."""

    def __init__(self, theirs: Goal, yours: GoalDraft):
        super().__init__(_("Nogen har gemt målet, mens du skrev. Se begge udgaver, vælg "
                           "eller sæt dem sammen, og gem igen."))
        self.theirs = theirs
        self.yours = yours


@dataclass(frozen=True)
class Version:
    version: int
    change: str
    data: dict
    staff_name: str | None
    created_at: str


def default_follow_up(db: Database, today: date | None = None) -> date:
    """Today plus the facility's follow_up_weeks (six by default)."""
    try:
        weeks = int(settings.get(db, "follow_up_weeks", 6))
    except (TypeError, ValueError):
        weeks = 6
    return (today or clock.today()) + timedelta(weeks=min(max(weeks, 1), 52))


_GOAL_COLUMNS = ("id", "resident_id", "text", "dream_id", "ffb_theme", "goal_type", "status",
                 "lifecycle", "next_follow_up", "version", "created_at", "updated_at",
                 "source_conversation_id", "source_question_id")
_SELECT = (f"SELECT {', '.join('g.' + c for c in _GOAL_COLUMNS)}, s.display_name FROM goals g "
           "LEFT JOIN staff s ON s.id = g.updated_by ")


def _children(db: Database, where: str, params: list) -> tuple[dict, dict]:
    subs: dict[int, list[SubGoal]] = {}
    for r in db.execute(f"SELECT goal_id, id, text, lifecycle, status FROM subgoals WHERE {where} "
                        "ORDER BY goal_id, position", params):
        subs.setdefault(r[0], []).append(SubGoal(r[2], r[3], r[4], r[1]))
    acts: dict[int, list[Action]] = {}
    for r in db.execute(f"SELECT goal_id, id, what, who, who_name, when_text, done FROM "
                        f"goal_actions WHERE {where} ORDER BY goal_id, position", params):
        acts.setdefault(r[0], []).append(Action(r[2], r[3], r[4], r[5], bool(r[6]), r[1]))
    return subs, acts


def _goal(row, subs: dict, acts: dict) -> Goal:
    data = dict(zip(_GOAL_COLUMNS, row[:-1], strict=True))
    return Goal(**data, updated_by_name=row[-1], subgoals=subs.get(data["id"], []),
                actions=acts.get(data["id"], []))


def get(db: Database, resident_id: int, goal_id: int) -> Goal:
    """The goal if it belongs to `resident_id`; NotFound otherwise."""
    row = db.execute(_SELECT + "WHERE g.id = ? AND g.resident_id = ?",
                     [goal_id, resident_id]).fetchone()
    if row is None:
        raise NotFound()
    subs, acts = _children(db, "goal_id = ?", [goal_id])
    return _goal(row, subs, acts)


def for_resident(db: Database, resident_id: int) -> list[Goal]:
    """Every goal of the resident (three queries), active and proposed first, then by
    next follow-up and age."""
    rows = db.execute(
        _SELECT + "WHERE g.resident_id = ? ORDER BY CASE g.lifecycle WHEN 'active' THEN 0 "
        "WHEN 'proposed' THEN 1 ELSE 2 END, g.created_at, g.id", [resident_id]).fetchall()
    subs, acts = _children(db, "resident_id = ?", [resident_id])
    return [_goal(row, subs, acts) for row in rows]


def to_dict(goal: Goal) -> dict:
    """The goal as the plan dict writes it (docs/plan.schema.json), without evaluations."""
    code = goal.ffb_theme if ffb.display(goal.ffb_theme) else None
    return {
        "id": goal.id, "text": goal.text, "dream_id": goal.dream_id,
        "ffb_theme": {"code": code, "display": ffb.display(code)} if code else None,
        "goal_type": goal.goal_type, "status": goal.status, "lifecycle": goal.lifecycle,
        "next_follow_up": goal.next_follow_up, "created_at": goal.created_at,
        "updated_at": goal.updated_at, "version": goal.version,
        "subgoals": [{"id": s.id, "text": s.text, "lifecycle": s.lifecycle, "status": s.status}
                     for s in goal.subgoals],
        "actions": [{"id": a.id, "what": a.what, "who": a.who, "who_name": a.who_name,
                     "when": a.when, "done": a.done} for a in goal.actions],
    }


def plan_language():
    """History lines are written in the plan's language (Danish), whoever writes them:
    an English-speaking staff member's change must not put English into a Danish plan."""
    return locale("da")


def record_event(db: Database, resident_id: int, event: str, text: str,
                 on: date | None = None) -> None:
    """One line of the plan's history ("Nyt mål: ..."), already in the plan's language
    (build it inside `with plan_language():`)."""
    text = " ".join(text.split())
    if len(text) > 160:
        text = text[:159].rstrip() + "…"
    db["plan_events"].insert({"resident_id": resident_id, "date": (on or clock.today()).isoformat(),
                              "event": event, "text": text, "created_at": clock.now_iso()})


def _sync_children(db: Database, goal_id: int, resident_id: int, draft: GoalDraft) -> None:
    for table, rows, columns in (
        ("subgoals", draft.subgoals, ("text", "lifecycle", "status")),
        ("goal_actions", draft.actions, ("what", "who", "who_name", "when_text", "done")),
    ):
        kept = [row.id for row in rows if row.id]
        db.execute(f"DELETE FROM {table} WHERE goal_id = ? AND id NOT IN "
                   f"({','.join('?' * len(kept))})", [goal_id, *kept])
        for position, row in enumerate(rows):
            values = asdict(row)
            values["when_text"] = values.pop("when", None)
            record = {c: values[c] for c in columns}
            record.update(goal_id=goal_id, resident_id=resident_id, position=position)
            if row.id:
                db[table].update(row.id, record)
            else:
                db[table].insert(record)


def _snapshot(db: Database, resident_id: int, goal_id: int, change: str, staff_id, staff_name):
    goal = get(db, resident_id, goal_id)
    db["goal_versions"].insert({
        "goal_id": goal_id, "resident_id": resident_id, "version": goal.version,
        "change": change, "data": json.dumps(to_dict(goal), ensure_ascii=False),
        "staff_id": staff_id, "staff_name": staff_name, "created_at": goal.updated_at})
    return goal


def _fields(draft: GoalDraft) -> dict:
    return {"text": draft.text, "dream_id": draft.dream_id, "ffb_theme": draft.ffb_theme,
            "goal_type": draft.goal_type, "status": draft.status, "lifecycle": draft.lifecycle,
            "next_follow_up": draft.next_follow_up}


def create(db: Database, resident_id: int, draft: GoalDraft, *, staff_id: int | None,
           staff_name: str | None, source: tuple[int, str] | None = None) -> Goal:
    """Store a new goal (version 1). InvalidGoal for bad input."""
    draft = clean(db, resident_id, draft, default_follow_up(db))
    now = clock.now_iso()
    with write_transaction(db):
        goal_id = db["goals"].insert({
            "resident_id": resident_id, **_fields(draft), "version": 1,
            "source_conversation_id": source[0] if source else None,
            "source_question_id": source[1] if source else None,
            "created_at": now, "created_by": staff_id, "updated_at": now,
            "updated_by": staff_id}).last_pk
        _sync_children(db, goal_id, resident_id, replace(
            draft, subgoals=[replace(s, id=None) for s in draft.subgoals],
            actions=[replace(a, id=None) for a in draft.actions]))
        with plan_language():
            record_event(db, resident_id, "goal_created", _("Nyt mål: %(text)s", text=draft.text))
        return _snapshot(db, resident_id, goal_id, "created", staff_id, staff_name)


_LIFECYCLE_EVENTS = {"achieved": ("goal_achieved", N_("Mål nået: %(text)s")),
                     "abandoned": ("goal_abandoned", N_("Mål opgivet: %(text)s"))}


def save(db: Database, resident_id: int, goal_id: int, draft: GoalDraft, *, base_version: int,
         staff_id: int | None, staff_name: str | None, change: str = "edited") -> Goal:
    """Store `draft` as the goal's next version. GoalConflict when the stored version is
    no longer `base_version`; InvalidGoal for bad input; NotFound for another resident's."""
    draft = clean(db, resident_id, draft, default_follow_up(db))
    with write_transaction(db):
        current = get(db, resident_id, goal_id)
        if current.version != base_version:
            raise GoalConflict(current, draft)
        updated = db.execute(
            f"UPDATE goals SET {', '.join(f'{k} = ?' for k in _fields(draft))}, "
            "version = version + 1, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?",
            [*_fields(draft).values(), clock.now_iso(), staff_id, goal_id, base_version])
        if updated.rowcount != 1:
            raise GoalConflict(get(db, resident_id, goal_id), draft)
        _own_child_ids(db, goal_id, draft)
        _sync_children(db, goal_id, resident_id, draft)
        if draft.lifecycle != current.lifecycle and draft.lifecycle in _LIFECYCLE_EVENTS:
            event, message = _LIFECYCLE_EVENTS[draft.lifecycle]
            with plan_language():
                record_event(db, resident_id, event, _(message, text=draft.text))
        return _snapshot(db, resident_id, goal_id, change, staff_id, staff_name)


def _own_child_ids(db: Database, goal_id: int, draft: GoalDraft) -> None:
    """A row id that is not this goal's (a forged or stale form) becomes a new row."""
    subs = {r[0] for r in db.execute("SELECT id FROM subgoals WHERE goal_id = ?", [goal_id])}
    acts = {r[0] for r in db.execute("SELECT id FROM goal_actions WHERE goal_id = ?", [goal_id])}
    draft.subgoals = [s if s.id in subs else replace(s, id=None) for s in draft.subgoals]
    draft.actions = [a if a.id in acts else replace(a, id=None) for a in draft.actions]


def apply_follow_up(db: Database, goal: Goal, *, status: str | None, lifecycle: str,
                    next_follow_up: str | None, staff_id: int | None,
                    staff_name: str | None) -> Goal:
    """The follow-up's decision on a goal (colour, lifecycle, next date) as a new version.
    Applied on the current version: a follow-up decides these fields explicitly."""
    current = get(db, goal.resident_id, goal.id)
    draft = replace(current.draft(), status=status, lifecycle=lifecycle,
                    next_follow_up=next_follow_up)
    return save(db, goal.resident_id, goal.id, draft, base_version=current.version,
                staff_id=staff_id, staff_name=staff_name, change="follow_up")


def versions(db: Database, resident_id: int, goal_id: int) -> list[Version]:
    """Every version of the goal, newest first."""
    rows = db.execute(
        "SELECT version, change, data, staff_name, created_at FROM goal_versions "
        "WHERE goal_id = ? AND resident_id = ? ORDER BY version DESC", [goal_id, resident_id])
    return [Version(r[0], r[1], json.loads(r[2]), r[3], r[4]) for r in rows]
