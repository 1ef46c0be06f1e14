"""The demo plans: real goals, items and evaluations that make the overview worth looking at
(due, overdue, postponed, no hopes and dreams), and every demo plan validates."""

from __future__ import annotations

import pytest

from samtale import (
    clock,
    conversations,
    demo,
    goals,
    migrations,
    overview,
    plan,
    plan_items,
    suggestions,
)
from samtale.db import open_db
from samtale.export import validate_plan
from tests.conftest import FAST_HASHER


@pytest.fixture(scope="module")
def seeded():
    db = open_db(":memory:")
    migrations.apply(db)
    ctx = demo.seed(db, FAST_HASHER, seed_value=7)
    return db, ctx


def test_every_demo_plan_validates(seeded):
    db, ctx = seeded
    for resident_id in db.execute("SELECT id FROM residents").fetchall():
        validate_plan(plan.build(db, resident_id[0]))


def test_karins_plan_came_from_her_conversation(seeded):
    db, ctx = seeded
    karin = ctx.ids["Karin S."]
    [dream] = plan_items.dreams(db, karin)
    assert dream.source_question_id == "droem" and dream.source_conversation_id
    [goal] = goals.for_resident(db, karin)
    assert goal.dream_id == dream.id and goal.actions
    assert goal.next_follow_up < clock.today().isoformat()  # overdue
    conv_id = dream.source_conversation_id
    left = suggestions.for_conversation(db, conversations.get(db, karin, conv_id))
    assert left  # some suggestions are still waiting for the review


def test_goals_have_delmaal_actions_and_evaluations(seeded):
    db, ctx = seeded
    built = plan.build(db, ctx.ids["Ole P."])
    [goal] = built["goals"]
    assert goal["subgoals"] and goal["actions"] and goal["evaluations"]
    assert goal["evaluations"][0]["date"] < clock.today().isoformat()
    lise = plan.build(db, ctx.ids["Lise M."])["goals"][0]["evaluations"][0]
    assert lise["resident_agrees"] is False and lise["resident_view"]


def test_the_overview_has_something_in_every_list(seeded):
    db, ctx = seeded
    north = overview.build(db, overview.Scope(unit_id=ctx.ids["Afdeling Nord"]))
    south = overview.build(db, overview.Scope(unit_id=ctx.ids["Afdeling Syd"]))
    due = {i["name"]: i["overdue"] for s in (north, south) for i in s.due.items}
    assert due.get("Karin S.") is True and due.get("Ole P.") is False and "Peter J." in due
    postponed = {(i["kind"], i["name"]) for s in (north, south) for i in s.postponed.items}
    assert ("followup", "Lise M.") in postponed
    assert "Peter J." in {i["name"] for i in north.no_dreams.items}
    assert plan.build(db, ctx.ids["Peter J."])["goals"]  # goals, but no hopes and dreams yet


def test_seeding_twice_in_one_process_links_the_goal_to_the_dream_both_times():
    """The demo's picks are module-level data: seeding must not change them."""
    from samtale import demo, migrations
    from samtale.db import open_db
    from tests.conftest import FAST_HASHER

    for _ in range(2):
        db = open_db(":memory:")
        migrations.apply(db)
        ctx = demo.seed(db, FAST_HASHER, 7)
        karin = ctx.ids["Karin S."]
        [goal] = goals.for_resident(db, karin)
        assert goal.dream_id is not None
