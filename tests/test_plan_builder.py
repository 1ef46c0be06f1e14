"""The plan builder: the dict it makes has exactly the shape of docs/plan.schema.json and of
the fixtures tests/data/plan_full.json and plan_empty.json, validates for a rich and an empty
resident, and takes the same number of queries whatever the size of the plan."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from samtale import conversations, followup, goals, plan, plan_items, staff, suggestions
from samtale.banks import default_folders, load_banks
from samtale.export import validate_plan
from samtale.goals import Action, GoalDraft, SubGoal
from tests.plan_fixtures import memory_db, person, resident, set_now

DATA = Path(__file__).parent / "data"
KOKKEN = "685e8517-2f5c-4ef8-a7c4-fa2d008fdd9d"


def _fixture(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@pytest.fixture
def env(monkeypatch):
    set_now(monkeypatch, "2026-11-25T10:00:00")
    db = memory_db()
    unit = staff.create_unit(db, "Afdeling Syd")
    mette = person(db, "mette", [unit], name="Mette K.")
    ali = person(db, "ali", [unit], name="Ali H.")
    karin = resident(db, "Karin S.", unit, [mette, ali], moved_in="2024-03-01")
    return {"db": db, "unit": unit, "mette": mette, "karin": karin,
            "monkeypatch": monkeypatch}


def _rich(env) -> None:
    db, karin, mette = env["db"], env["karin"], env["mette"]
    bank = load_banks(default_folders(None)).get("haab-og-droemme")
    conv = conversations.get(db, karin, conversations.start(db, karin, bank, mette))
    conversations.save_answer(db, conv, "droem", "at arbejde i et køkken", written_by="resident",
                              staff_id=mette)
    conversations.finish(db, conversations.get(db, karin, conv.id))
    conv = conversations.get(db, karin, conv.id)
    dream = suggestions.decide(db, conv, "droem", "accepted", staff_id=mette)
    plan_items.add(db, karin, "dream", "Jeg vil gerne rejse til Bornholm.")
    plan_items.add(db, karin, "resource", "Jeg er god til at bage.", ffb_theme=KOKKEN)
    plan_items.add(db, karin, "network", "Min søster Åse i Køge.")
    plan_items.add(db, karin, "activity", "Jeg vil gerne til fællesspisning.", share_on_board=True)
    kitchen = goals.create(db, karin, GoalDraft(
        "Jeg arbejder i husets køkken to formiddage om ugen.", dream_id=dream.item_id,
        ffb_theme=KOKKEN, next_follow_up="2027-01-06",
        subgoals=[SubGoal("Jeg tager hygiejnekurset.", "achieved", "green")],
        actions=[Action("Tale med Bjørn", "contact_person", "Mette K.", "2026-12-01", True)]),
        staff_id=mette, staff_name="Mette K.")
    goals.create(db, karin, GoalDraft("Jeg tager trappen hver dag.", goal_type="limit_loss",
                                      next_follow_up="2026-12-09"), staff_id=mette, staff_name="M")
    goals.create(db, karin, GoalDraft("Jeg lærer at cykle.", lifecycle="proposed",
                                      next_follow_up="2026-11-30"), staff_id=mette, staff_name="M")
    for day, words in ((date(2026, 10, 14), "Jeg har været i køkkenet tre gange."),
                       (date(2026, 11, 25), "Jeg møder op de fleste tirsdage.")):
        fu = followup.start(db, karin, mette)  # one follow-up each time
        followup.evaluate(db, fu, kitchen.id, followup.EvaluationInput(
            words, "resident", "yellow", next_date="2027-01-06"), staff_id=mette,
            staff_name="Mette K.", resident_name="Karin S.", on=day)
        followup.finish(db, fu)


def _same_keys(actual, expected, path="plan") -> int:
    """Every object has exactly the fixture's keys, wherever both hold an object (lists by
    every element against the fixture's first). Returns how many objects were compared."""
    if isinstance(actual, dict) and isinstance(expected, dict):
        assert sorted(actual) == sorted(expected), path
        return 1 + sum(_same_keys(actual[key], expected[key], f"{path}.{key}") for key in actual)
    if isinstance(actual, list) and isinstance(expected, list) and expected:
        return sum(_same_keys(item, expected[0], f"{path}[{n}]") for n, item in enumerate(actual))
    return 0


def test_rich_plan_validates_and_has_the_fixtures_shape(env):
    _rich(env)
    built = plan.build(env["db"], env["karin"])
    validate_plan(built)
    compared = _same_keys(built, _fixture("plan_full.json"))
    assert compared > 20


def test_rich_plan_content(env):
    _rich(env)
    built = plan.build(env["db"], env["karin"])
    assert built["resident"] == {"id": env["karin"], "display_name": "Karin S.",
                                 "unit": "Afdeling Syd", "moved_in": "2024-03-01",
                                 "status": "bor_her", "contact_persons": ["Ali H.", "Mette K."]}
    dream = built["dreams"][0]
    assert dream["text"] == "Jeg drømmer om at arbejde i et køkken."
    assert dream["source"] == {"conversation_id": 1, "question_id": "droem"}
    assert built["dreams"][1]["source"] is None
    assert built["activity_wishes"][0]["share_on_board"] is True
    assert "share_on_board" not in built["resources"][0]
    kitchen = built["goals"][0]
    assert kitchen["dream_id"] == dream["id"] and kitchen["status"] == "yellow"
    assert [e["date"] for e in kitchen["evaluations"]] == ["2026-10-14", "2026-11-25"]
    assert kitchen["evaluations"][0]["author_name"] == "Karin S."
    assert kitchen["actions"][0] == {"id": 1, "what": "Tale med Bjørn", "who": "contact_person",
                                     "who_name": "Mette K.", "when": "2026-12-01", "done": True}
    # the earliest date over ACTIVE goals (the proposed goal's 30 November does not count)
    assert built["next_follow_up"] == "2026-12-09"
    events = [e["event"] for e in built["history"]]
    assert events[0] == "dream_added" and "conversation_finished" in events
    assert events.count("evaluation") == 2 and events.count("goal_created") == 3
    assert [e["date"] for e in built["history"]] == sorted(e["date"] for e in built["history"])


def test_empty_plan_equals_the_empty_fixture_but_for_who_and_when(env):
    built = plan.build(env["db"], resident(env["db"], "Jonas Ø.", env["unit"],
                                           moved_in="2026-11-20"))
    validate_plan(built)
    expected = _fixture("plan_empty.json")
    for key in ("generated_at", "resident"):
        built.pop(key), expected.pop(key)
    assert built == expected


def _count_queries(db, function) -> int:
    statements = []
    db.conn.set_trace_callback(statements.append)
    try:
        function()
    finally:
        db.conn.set_trace_callback(None)
    return len([s for s in statements if s.lstrip().upper().startswith("SELECT")])


def test_the_number_of_queries_does_not_grow_with_the_plan(env):
    db, karin = env["db"], env["karin"]
    goals.create(db, karin, GoalDraft("Jeg går en tur."), staff_id=None, staff_name=None)
    few = _count_queries(db, lambda: plan.build(db, karin))
    for n in range(25):
        goal = goals.create(db, karin, GoalDraft(f"Jeg øver mig {n}.",
                                                 subgoals=[SubGoal("Jeg starter.")],
                                                 actions=[Action("Øve")]),
                            staff_id=None, staff_name=None)
        plan_items.add(db, karin, "dream", f"Jeg drømmer om nummer {n}.")
        assert goal.id
    many = _count_queries(db, lambda: plan.build(db, karin))
    assert many == few
    assert many == 9


def test_builder_for_an_unknown_resident_is_not_found(env):
    from samtale.errors import NotFound

    with pytest.raises(NotFound):
        plan.build(env["db"], 999)
