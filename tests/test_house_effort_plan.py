"""The house's indsatsplan (core): formål, delmål, activities, status meetings that save
every activity at once, the next quarterly meeting, and the status chart."""

from __future__ import annotations

from datetime import date

import pytest

from samtale.errors import NotFound, SamtaleError
from samtale.house import dates, effort_plan, status_meeting
from tests.house_helpers import days_ago, world_fixture  # noqa: F401


def build(w, unit=None):
    unit = unit or w.north
    effort_plan.set_purpose(w.db, unit, "Flere beboere deltager i fællesskaber.", w.lene)
    first = effort_plan.add_subgoal(w.db, unit, "Aktiviteter i huset")
    second = effort_plan.add_subgoal(w.db, unit, "Aktiviteter uden for huset")
    a = effort_plan.add_activity(
        w.db, unit, first, what="Fællesspisning", responsible="Aktivitetsudvalget", timing="Fredag"
    )
    b = effort_plan.add_activity(
        w.db, unit, second, what="Undersøg BIFOS", responsible="Mette", timing="Inden marts"
    )
    c = effort_plan.add_activity(
        w.db, unit, first, what="Filmaften", responsible="Karin og Bo", timing="Hver måned"
    )
    return a, b, c


def meet(w, held_on, statuses, **extra):
    return status_meeting.record_meeting(
        w.db,
        w.north,
        held_on=held_on,
        participants="Lene, Mette, to beboere",
        statuses=statuses,
        staff_id=w.lene,
        **extra,
    )


def test_plan_holds_purpose_subgoals_and_activities_in_order(world):
    a, b, c = build(world)
    plan = effort_plan.get_plan(world.db, world.north)
    assert plan.purpose == "Flere beboere deltager i fællesskaber."
    assert [s.title for s in plan.subgoals] == ["Aktiviteter i huset", "Aktiviteter uden for huset"]
    assert [x.id for x in plan.activities] == [a, c, b]
    assert {x.status for x in plan.activities} == {"not_assessed"}
    assert plan.meetings == () and plan.next_meeting_on is None
    assert effort_plan.get_plan(world.db, world.south).subgoals == ()


def test_a_meeting_saves_every_status_and_sets_the_next_meeting(world):
    a, b, c = build(world)
    meet(world, days_ago(100), {a: ("yellow", "Få kommer"), b: ("red", ""), c: ("green", "")})
    meet(world, days_ago(5), {a: ("green", "Mange kommer nu"), b: ("yellow", ""), c: ("green", "")})
    plan = effort_plan.get_plan(world.db, world.north)
    assert {x.id: (x.status, x.note) for x in plan.activities} == {
        a: ("green", "Mange kommer nu"),
        b: ("yellow", ""),
        c: ("green", ""),
    }
    assert [m.held_on for m in plan.meetings] == [days_ago(5), days_ago(100)]
    assert plan.meetings[0].participants == "Lene, Mette, to beboere"
    assert effort_plan.next_status_meeting(world.db, world.north) == date(2026, 9, 10)
    history = status_meeting.history(world.db, world.north)
    assert [p.status for p in history[a]] == ["yellow", "green"]


def test_next_meeting_can_be_chosen_at_the_meeting_or_later(world):
    a, _b, _c = build(world)
    meet(world, days_ago(1), {a: ("green", "")}, next_meeting_on="2026-08-20")
    assert effort_plan.next_status_meeting(world.db, world.north) == date(2026, 8, 20)
    effort_plan.set_next_meeting(world.db, world.north, "2026-09-01")
    assert effort_plan.next_status_meeting(world.db, world.north) == date(2026, 9, 1)
    effort_plan.set_next_meeting(world.db, world.north, "")
    assert effort_plan.next_status_meeting(world.db, world.north) == date(2026, 9, 14)


def test_no_meeting_no_date(world):
    assert effort_plan.next_status_meeting(world.db, world.north) is None


@pytest.mark.parametrize(
    "held_on, participants, statuses, message",
    [
        (days_ago(-1), "Lene", {}, "fremtiden"),
        ("snart", "Lene", {}, "dato"),
        (days_ago(0), " ", {}, "deltog"),
        (days_ago(0), "Lene", {"a": ("blue", "")}, "status"),
        (days_ago(0), "Lene", {"a": ("green", "x" * 301)}, "note"),
        (days_ago(0), "Lene", {9999: ("green", "")}, "hører ikke til"),
    ],
)
def test_meeting_refuses_bad_input_and_saves_nothing(
    world, held_on, participants, statuses, message
):
    a, _b, _c = build(world)
    statuses = {a if k == "a" else k: v for k, v in statuses.items()}
    with pytest.raises(SamtaleError, match=message):
        status_meeting.record_meeting(
            world.db, world.north, held_on=held_on, participants=participants, statuses=statuses
        )
    assert effort_plan.get_plan(world.db, world.north).meetings == ()


def test_another_units_activity_cannot_be_set_at_this_units_meeting(world):
    a, _b, _c = build(world)
    (south_a, *_rest) = build(world, world.south)
    with pytest.raises(SamtaleError):
        meet(world, days_ago(0), {a: ("green", ""), south_a: ("red", "")})


def test_next_meeting_must_come_after_the_meeting(world):
    a, _b, _c = build(world)
    with pytest.raises(SamtaleError, match="efter"):
        meet(world, days_ago(0), {a: ("green", "")}, next_meeting_on=days_ago(0))


def test_activities_and_subgoals_are_edited_and_checked_against_the_unit(world):
    a, _b, _c = build(world)
    activity = effort_plan.get_activity(world.db, a, [world.north])
    effort_plan.update_activity(
        world.db,
        a,
        world.north,
        what="Fællesspisning hver fredag",
        responsible="Udvalget",
        timing="Fredag kl. 18",
    )
    changed = effort_plan.get_activity(world.db, a, [world.north])
    assert (changed.what, changed.responsible, changed.subgoal_id) == (
        "Fællesspisning hver fredag",
        "Udvalget",
        activity.subgoal_id,
    )
    with pytest.raises(NotFound):
        effort_plan.get_activity(world.db, a, [world.south])
    with pytest.raises(NotFound):
        effort_plan.subgoal_or_404(world.db, activity.subgoal_id, [world.south])
    effort_plan.update_subgoal(world.db, activity.subgoal_id, world.north, "Fællesskab i huset")
    assert effort_plan.get_plan(world.db, world.north).subgoals[0].title == "Fællesskab i huset"


@pytest.mark.parametrize("field", ["what", "responsible", "timing"])
def test_activity_needs_hvad_ansvarlig_and_tid(world, field):
    subgoal = effort_plan.add_subgoal(world.db, world.north, "Delmål")
    values = {"what": "Gåtur", "responsible": "Mette", "timing": "Maj", field: "  "}
    with pytest.raises(SamtaleError):
        effort_plan.add_activity(world.db, world.north, subgoal, **values)


def test_only_an_activity_without_a_status_can_be_removed(world):
    a, b, _c = build(world)
    meet(world, days_ago(1), {a: ("green", "")})
    with pytest.raises(SamtaleError, match="kan ikke fjernes"):
        effort_plan.remove_activity(world.db, a, world.north)
    effort_plan.remove_activity(world.db, b, world.north)
    assert b not in [x.id for x in effort_plan.get_plan(world.db, world.north).activities]


@pytest.mark.parametrize(
    "day, months, expected",
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2027, 11, 30), 3, date(2028, 2, 29)),
        (date(2026, 3, 15), 3, date(2026, 6, 15)),
        (date(2026, 10, 1), 12, date(2027, 10, 1)),
    ],
)
def test_add_months(day, months, expected):
    assert dates.add_months(day, months) == expected


def test_chart_has_a_dot_word_and_date_per_meeting(world):
    points = [
        status_meeting.Point("2026-03-01", "red", ""),
        status_meeting.Point("2026-06-01", "green", ""),
    ]
    chart = status_meeting.chart(points, "Filmaften")
    assert [(d.word, d.fill) for d in chart.dots] == [("Rød", "#c0392b"), ("Grøn", "#2e7d4f")]
    assert chart.dots[0].x < chart.dots[1].x <= chart.width
    assert chart.label == "Status over tid for Filmaften: 1. mar. 26: Rød; 1. jun. 26: Grøn."
    assert status_meeting.chart([], "x") is None


def test_chart_keeps_the_last_eight_meetings():
    points = [status_meeting.Point(f"2026-01-{d:02d}", "yellow", "") for d in range(1, 11)]
    chart = status_meeting.chart(points, "x")
    assert len(chart.dots) == 8 and chart.dots[0].day.startswith("3.")
