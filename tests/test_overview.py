"""The overview's queries: who is due or overdue for follow-up, who said "ikke i dag", whose
plan has no hopes and dreams, who has had no conversation for three months; for a contact
person's own residents and for a unit; with indexes and a fixed number of queries."""

from __future__ import annotations

from datetime import date

import pytest

from samtale import conversations, followup, goals, overview, plan_items, residents, staff
from samtale.banks import default_folders, load_banks
from samtale.goals import GoalDraft
from tests.plan_fixtures import memory_db, person, resident, set_now

TODAY = date(2026, 11, 25)


@pytest.fixture
def env(monkeypatch):
    set_now(monkeypatch, "2026-11-25T10:00:00")
    db = memory_db()
    north, south = staff.create_unit(db, "Nord"), staff.create_unit(db, "Syd")
    mette = person(db, "mette", [north])
    ali = person(db, "ali", [south])
    people = {name: resident(db, name, unit, contacts) for name, unit, contacts in (
        ("Karin", north, [mette]), ("Bo", north, [mette]), ("Eva", north, []),
        ("Sara", south, [ali]))}
    return {"db": db, "north": north, "south": south, "mette": mette, "ali": ali, **people,
            "monkeypatch": monkeypatch}


def _goal(env, who: str, due: str | None, lifecycle: str = "active"):
    return goals.create(env["db"], env[who], GoalDraft(f"Jeg øver mig, {who}.", lifecycle=lifecycle,
                                                       next_follow_up=due),
                        staff_id=None, staff_name=None)


def _mine(env):
    return overview.Scope(staff_id=env["mette"])


def test_due_within_seven_days_and_overdue(env):
    _goal(env, "Karin", "2026-11-20")
    _goal(env, "Karin", "2026-12-30")
    _goal(env, "Bo", "2026-12-02")  # exactly 7 days ahead
    _goal(env, "Bo", "2026-12-03")  # 8 days: not yet
    _goal(env, "Eva", "2026-11-26")  # not Mette's resident
    _goal(env, "Karin", "2026-11-01", lifecycle="proposed")  # only active goals count
    due = overview.due(env["db"], _mine(env), TODAY)
    assert [(i["name"], i["due"], i["goals"], i["overdue"]) for i in due.items] == [
        ("Karin", "2026-11-20", 1, True), ("Bo", "2026-12-02", 1, False)]
    assert due.total == 2
    unit = overview.due(env["db"], overview.Scope(unit_id=env["north"]), TODAY)
    assert [i["name"] for i in unit.items] == ["Karin", "Eva", "Bo"]


def test_follow_up_in_progress_is_linked_and_postponed_ones_wait(env):
    db = env["db"]
    _goal(env, "Karin", "2026-11-20")
    _goal(env, "Bo", "2026-11-21")
    started = followup.start(db, env["Karin"], env["mette"])
    later = followup.start(db, env["Bo"], env["mette"])
    followup.postpone(db, later, "Træt", date(2026, 12, 4))
    due = overview.due(db, _mine(env), TODAY)
    assert [(i["name"], i["followup_id"]) for i in due.items] == [("Karin", started.id)]
    waiting = overview.postponed(db, _mine(env), TODAY)
    assert [(i["kind"], i["name"], i["retry_on"], i["try_now"]) for i in waiting.items] == [
        ("followup", "Bo", "2026-12-04", False)]


def test_postponed_conversations_with_the_date_to_try_again(env):
    db = env["db"]
    bank = load_banks(default_folders(None)).get("haab-og-droemme")
    for who, retry in (("Karin", date(2026, 12, 1)), ("Bo", date(2026, 11, 26))):
        conv = conversations.get(db, env[who], conversations.start(db, env[who], bank, None))
        conversations.postpone(db, conv, "ikke i dag", retry)
    env["monkeypatch"].undo()
    set_now(env["monkeypatch"], "2026-11-27T10:00:00")
    items = overview.postponed(db, _mine(env), date(2026, 11, 27)).items
    assert [(i["name"], i["title"], i["try_now"]) for i in items] == [
        ("Bo", "Håb og drømme", True), ("Karin", "Håb og drømme", False)]


def test_no_hopes_and_dreams_yet(env):
    plan_items.add(env["db"], env["Karin"], "dream", "Jeg drømmer om en have.")
    plan_items.add(env["db"], env["Bo"], "resource", "Jeg er god til at lytte.")
    section = overview.no_dreams(env["db"], _mine(env))
    assert [i["name"] for i in section.items] == ["Bo"] and section.total == 1


def test_no_conversation_in_three_months(env):
    db = env["db"]
    bank = load_banks(default_folders(None)).get("haab-og-droemme")
    conversations.start(db, env["Karin"], bank, None)  # today
    old = conversations.start(db, env["Bo"], bank, None)
    db.execute("UPDATE conversations SET updated_at = '2026-08-24T10:00:00.000000Z' WHERE id = ?",
               [old])
    section = overview.quiet(db, overview.Scope(unit_id=env["north"]), TODAY)
    assert [(i["name"], i["last"]) for i in section.items] == [
        ("Eva", None), ("Bo", "2026-08-24T10:00:00.000000Z")]
    db.execute("UPDATE conversations SET updated_at = '2026-08-25T10:00:00.000000Z' WHERE id = ?",
               [old])
    assert [i["name"] for i in overview.quiet(db, overview.Scope(unit_id=env["north"]),
                                              TODAY).items] == ["Eva"]


def test_a_follow_up_counts_as_a_conversation(env):
    _goal(env, "Eva", "2026-12-24")
    followup.start(env["db"], env["Eva"], None)
    names = [i["name"] for i in overview.quiet(env["db"], overview.Scope(unit_id=env["north"]),
                                               TODAY).items]
    assert names == ["Bo", "Karin"]  # Eva had her follow-up today


def test_moved_out_residents_are_left_out(env):
    r = residents.get(env["db"], env["Bo"])
    residents.update(env["db"], r.id, display_name=r.display_name, unit_id=r.unit_id,
                     moved_in=r.moved_in, status="fraflyttet", moved_out="2026-11-01",
                     contact_ids=list(r.contact_ids))
    assert [i["name"] for i in overview.no_dreams(env["db"], _mine(env)).items] == ["Karin"]


def test_limit_keeps_the_total(env):
    for n in range(7):
        resident(env["db"], f"Ny {n}", env["south"], [env["ali"]])
    section = overview.no_dreams(env["db"], overview.Scope(staff_id=env["ali"]), limit=3)
    assert len(section.items) == 3 and section.total == 8 and section.more == 5


@pytest.mark.parametrize("day, expected", [
    (date(2026, 11, 25), date(2026, 8, 25)), (date(2026, 5, 31), date(2026, 2, 28)),
    (date(2026, 2, 15), date(2025, 11, 15)), (date(2024, 5, 31), date(2024, 2, 29)),
])
def test_three_months_before(day, expected):
    assert overview.months_before(day, 3) == expected


def test_build_uses_indexes_and_a_fixed_number_of_queries(env):
    db = env["db"]
    for who in ("Karin", "Bo", "Eva"):
        _goal(env, who, "2026-11-27")
    statements = []
    db.conn.set_trace_callback(statements.append)
    try:
        result = overview.build(db, overview.Scope(unit_id=env["north"]), TODAY)
    finally:
        db.conn.set_trace_callback(None)
    assert len(statements) == 4 and result.due.total == 3
    for statement in statements:
        plan = " ".join(row[3] for row in db.execute("EXPLAIN QUERY PLAN " + statement))
        assert "SCAN g " not in plan and "SCAN goals" not in plan, plan
        assert "SCAN p " not in plan and "SCAN f " not in plan, plan


def test_house_extras_are_added_when_the_house_exists(env):
    result = overview.with_house(env["db"], overview.build(env["db"], _mine(env), TODAY),
                                 [env["north"]], {env["Karin"]})
    assert result.extras["newcomers"].items == []  # moved in January
    newcomer = resident(env["db"], "Ny beboer", env["north"], [env["mette"]],
                        moved_in="2026-11-20")
    result = overview.with_house(env["db"], overview.build(env["db"], _mine(env), TODAY),
                                 [env["north"]], {newcomer})
    assert [n["name"] for n in result.extras["newcomers"].items] == ["Ny beboer"]
