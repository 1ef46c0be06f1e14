"""The house's demo data holds what the brief promises: a mentor guide, one active match,
prøvehandlinger at different stages, and an indsatsplan with a formål, three delmål,
six to eight activities and two past status meetings."""

from __future__ import annotations

import random

from samtale import migrations
from samtale.db import open_db
from samtale.demo import DemoContext, house, people
from samtale.house import board, effort_plan, guide, mentor, newcomers, trials
from tests.conftest import FAST_HASHER


def test_house_demo_seeds_every_practice():
    db = open_db(":memory:")
    migrations.apply(db)
    ctx = DemoContext(db, FAST_HASHER, random.Random(1))
    people.seed(ctx)
    house.seed(ctx)
    north, south = ctx.ids["Afdeling Nord"], ctx.ids["Afdeling Syd"]
    assert not guide.get_guide(db, north).is_default and guide.get_guide(db, south).is_default
    assert [m.mentor_name for m in mentor.active_matches_in_unit(db, north)] == ["Karin S."]
    assert {t.stage for t in trials.list_for_unit(db, north)} == {"idea", "planned", "decided"}
    plan = effort_plan.get_plan(db, north)
    assert plan.purpose and len(plan.subgoals) == 3 and 6 <= len(plan.activities) <= 8
    assert len(plan.meetings) == 2 and plan.next_meeting_on is not None
    assert [r.display_name for r in newcomers.newcomers_without_mentor(db, [north, south])] == [
        "Ditte R."
    ]
    named = board.board_for(db, north).named_resident_ids
    assert named == {ctx.ids["Karin S."], ctx.ids["Bjørn"]}
    db.close()
