"""The follow-up overview: for a contact person's own residents ("Mine beboere") and for
a unit (the leader). No Flask.

Four lists, each one query with a LIMIT and the full count (a window function), so the
page stays fast with thousands of residents:

- due: residents with an active goal whose follow-up date is within 7 days or past
  (unless the follow-up was postponed to a later date: then it is under postponed);
- postponed: conversations and follow-ups put off with "ikke i dag", with the date to
  try again;
- no_dreams: residents whose plan holds no hopes and dreams yet;
- quiet: residents with no conversation or follow-up in the last three months.

Only residents who live here (status bor_her) are counted. Reasons given for "ikke i
dag" are left out: the overview may be seen by others; the resident's page shows them."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlite_utils import Database

from samtale import clock

DUE_DAYS = 7
QUIET_MONTHS = 3
LIMIT = 25


@dataclass(frozen=True)
class Scope:
    """Whose residents: a contact person's own (`staff_id`) or a unit's (`unit_id`)."""

    staff_id: int | None = None
    unit_id: int | None = None

    def sql(self) -> tuple[str, list]:
        if self.staff_id is not None:
            return ("r.status = 'bor_her' AND r.id IN (SELECT resident_id FROM "
                    "resident_contacts WHERE staff_id = ?)", [self.staff_id])
        return "r.status = 'bor_her' AND r.unit_id = ?", [self.unit_id]


@dataclass
class Section:
    items: list[dict] = field(default_factory=list)
    total: int = 0

    @property
    def more(self) -> int:
        return self.total - len(self.items)


@dataclass
class Overview:
    due: Section
    postponed: Section
    no_dreams: Section
    quiet: Section
    today: str
    extras: dict = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not any(s.total for s in (self.due, self.postponed, self.no_dreams, self.quiet))


def _section(rows, keys: tuple[str, ...]) -> Section:
    rows = rows.fetchall()
    items = [dict(zip(keys, row[:-1], strict=True)) for row in rows]
    return Section(items, rows[0][-1] if rows else 0)


def due(db: Database, scope: Scope, today: date, limit: int = LIMIT) -> Section:
    where, params = scope.sql()
    rows = db.execute(
        "SELECT r.id, r.display_name, MIN(g.next_follow_up) AS due, COUNT(*), "
        "(SELECT f.id FROM followups f WHERE f.resident_id = r.id AND f.status = 'in_progress' "
        "ORDER BY f.id DESC LIMIT 1), COUNT(*) OVER () FROM residents r "
        "CROSS JOIN goals g ON g.resident_id = r.id AND g.lifecycle = 'active' "
        f"AND g.next_follow_up <= ? WHERE {where} AND NOT EXISTS (SELECT 1 FROM followups p "
        "INDEXED BY followups_resident WHERE p.resident_id = r.id AND p.status = 'postponed' "
        "AND p.retry_on > ?) "
        "GROUP BY r.id ORDER BY due, r.display_name LIMIT ?",
        [(today + timedelta(days=DUE_DAYS)).isoformat(), *params, today.isoformat(), limit])
    section = _section(rows, ("resident_id", "name", "due", "goals", "followup_id"))
    for item in section.items:
        item["overdue"] = item["due"] < today.isoformat()
    return section


def postponed(db: Database, scope: Scope, today: date, limit: int = LIMIT) -> Section:
    where, params = scope.sql()
    rows = db.execute(
        "SELECT kind, id, resident_id, name, retry_on, title, COUNT(*) OVER () FROM ("
        "SELECT 'conversation' AS kind, c.id AS id, r.id AS resident_id, r.display_name AS "
        "name, c.retry_on AS retry_on, c.bank_title AS title FROM conversations c JOIN "
        f"residents r ON r.id = c.resident_id WHERE c.status = 'postponed' AND {where} "
        "UNION ALL SELECT 'followup', f.id, r.id, r.display_name, f.retry_on, NULL FROM "
        f"followups f JOIN residents r ON r.id = f.resident_id WHERE f.status = 'postponed' "
        f"AND {where}) ORDER BY retry_on IS NULL, retry_on, name LIMIT ?",
        [*params, *params, limit])
    section = _section(rows, ("kind", "id", "resident_id", "name", "retry_on", "title"))
    for item in section.items:
        item["try_now"] = bool(item["retry_on"]) and item["retry_on"] <= today.isoformat()
    return section


def no_dreams(db: Database, scope: Scope, limit: int = LIMIT) -> Section:
    where, params = scope.sql()
    rows = db.execute(
        "SELECT r.id, r.display_name, r.moved_in, COUNT(*) OVER () FROM residents r "
        f"WHERE {where} AND NOT EXISTS (SELECT 1 FROM plan_items p WHERE p.resident_id = r.id "
        "AND p.kind = 'dream') ORDER BY r.moved_in DESC, r.display_name LIMIT ?",
        [*params, limit])
    return _section(rows, ("resident_id", "name", "moved_in"))


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier (the month's last day if shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def quiet(db: Database, scope: Scope, today: date, limit: int = LIMIT) -> Section:
    where, params = scope.sql()
    cutoff = months_before(today, QUIET_MONTHS).isoformat()
    rows = db.execute(
        "SELECT id, name, last, COUNT(*) OVER () FROM (SELECT r.id AS id, r.display_name AS "
        "name, MAX(IFNULL((SELECT MAX(c.updated_at) FROM conversations c WHERE c.resident_id "
        "= r.id), ''), IFNULL((SELECT MAX(f.updated_at) FROM followups f WHERE f.resident_id "
        f"= r.id), '')) AS last FROM residents r WHERE {where} AND NOT EXISTS (SELECT 1 FROM "
        "conversations c WHERE c.resident_id = r.id AND c.updated_at >= ?) AND NOT EXISTS "
        "(SELECT 1 FROM followups f WHERE f.resident_id = r.id AND f.updated_at >= ?)) "
        "ORDER BY last, name LIMIT ?",
        [*params, cutoff, cutoff, limit])
    section = _section(rows, ("resident_id", "name", "last"))
    for item in section.items:
        item["last"] = item["last"] or None
    return section


def build(db: Database, scope: Scope, today: date | None = None, limit: int = LIMIT) -> Overview:
    """The whole overview for `scope` (house extras are added by `with_house`)."""
    today = today or clock.today()
    return Overview(due(db, scope, today, limit), postponed(db, scope, today, limit),
                    no_dreams(db, scope, limit), quiet(db, scope, today, limit),
                    today.isoformat())


def with_house(db: Database, overview: Overview, unit_ids: list[int],
               resident_ids: set[int] | None = None, limit: int = LIMIT) -> Overview:
    """Add the house's newcomers without a mentor offer and the next status meeting,
    when the house area is installed. `resident_ids` limits the newcomers (Mine beboere)."""
    try:
        from samtale.house import newcomers_without_mentor, next_status_meeting
    except ImportError:
        return overview
    newcomers = [r for r in newcomers_without_mentor(db, unit_ids)
                 if resident_ids is None or r.id in resident_ids]
    overview.extras["newcomers"] = Section(
        [{"resident_id": r.id, "name": r.display_name, "moved_in": r.moved_in}
         for r in newcomers[:limit]], len(newcomers))
    meetings = [m for m in (next_status_meeting(db, u) for u in unit_ids) if m]
    overview.extras["next_status_meeting"] = min(meetings).isoformat() if meetings else None
    return overview
