"""The resident's plan as one dict (docs/plan.schema.json): what Min plan shows and every
export reads. No Flask.

    plan = build(db, resident_id)            # validates against the schema
    export_plan(db, plan, "pdf", actor_id=..., ...)

Lists are in the order they were written (oldest first); evaluations and history oldest
first; `next_follow_up` is the earliest next follow-up over the active goals. Nine
queries whatever the size of the plan."""

from __future__ import annotations

from sqlite_utils import Database

from samtale import clock, goals, i18n, plan_items, residents
from samtale.export.schema import SCHEMA_VERSION
from samtale.i18n import gettext as _

_EVALUATION_COLUMNS = ("id", "goal_id", "date", "text", "written_by", "author_name",
                       "resident_agrees", "resident_view", "status", "what_happened",
                       "next_step")


def _resident(db: Database, resident_id: int) -> dict:
    resident = residents.get(db, resident_id)
    return {"id": resident.id, "display_name": resident.display_name,
            "unit": resident.unit_name, "moved_in": resident.moved_in or None,
            "status": resident.status, "contact_persons": list(resident.contact_names)}


def evaluations_by_goal(db: Database, resident_id: int) -> dict[int, list[dict]]:
    """{goal_id: [evaluation dict, ...]} oldest first, as the plan dict writes them."""
    out: dict[int, list[dict]] = {}
    rows = db.execute(
        f"SELECT {', '.join(_EVALUATION_COLUMNS)} FROM evaluations WHERE resident_id = ? "
        "ORDER BY date, id", [resident_id])
    for row in rows:
        data = dict(zip(_EVALUATION_COLUMNS, row, strict=True))
        goal_id = data.pop("goal_id")
        if data["resident_agrees"] is not None:
            data["resident_agrees"] = bool(data["resident_agrees"])
        out.setdefault(goal_id, []).append(data)
    return out


def _history(db: Database, resident_id: int) -> list[dict]:
    entries = []
    for day, event, text, at in db.execute(
            "SELECT date, event, text, created_at FROM plan_events WHERE resident_id = ?",
            [resident_id]):
        entries.append((day, at, {"date": day, "event": event, "text": text}))
    for finished_at, title in db.execute(
            "SELECT finished_at, bank_title FROM conversations WHERE resident_id = ? AND "
            "status = 'finished' AND finished_at IS NOT NULL", [resident_id]):
        day = clock.local(clock.parse_iso(finished_at)).date().isoformat()
        text = _("Samtalen «%(title)s» er færdig.", title=title)
        entries.append((day, finished_at, {"date": day, "event": "conversation_finished",
                                           "text": text}))
    entries.sort(key=lambda entry: (entry[0], entry[1]))
    return [entry[2] for entry in entries]


def next_follow_up(goal_dicts: list[dict]) -> str | None:
    dates = [g["next_follow_up"] for g in goal_dicts
             if g["lifecycle"] == "active" and g["next_follow_up"]]
    return min(dates) if dates else None


def build(db: Database, resident_id: int, *, language: str = "da") -> dict:
    """The plan dict of one resident. NotFound for an unknown resident."""
    with i18n.locale(language):
        resident = _resident(db, resident_id)
        items = plan_items.for_resident(db, resident_id)
        evaluations = evaluations_by_goal(db, resident_id)
        goal_dicts = [{**goals.to_dict(goal), "evaluations": evaluations.get(goal.id, [])}
                      for goal in goals.for_resident(db, resident_id)]
        plan = {
            "schema_version": SCHEMA_VERSION,
            "generated_at": clock.now_iso(),
            "language": language if language in i18n.LANGUAGES else "da",
            "resident": resident,
            **{plan_items.PLAN_LISTS[kind]: [plan_items.to_dict(item) for item in items[kind]]
               for kind in plan_items.KINDS},
            "goals": goal_dicts,
            "next_follow_up": next_follow_up(goal_dicts),
            "history": _history(db, resident_id),
        }
    return plan
