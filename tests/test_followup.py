"""The six-week follow-up in the core: one step per active goal, evaluations in the
resident's words with who wrote them, the goal's new version, "ikke i dag" and resuming."""

from __future__ import annotations

from datetime import date

import pytest

from samtale import followup, goals, staff
from samtale.errors import NotFound, SamtaleError
from samtale.goals import GoalDraft
from tests.plan_fixtures import memory_db, person, resident, set_now


@pytest.fixture
def env(monkeypatch):
    set_now(monkeypatch, "2026-11-25T10:00:00")
    db = memory_db()
    unit = staff.create_unit(db, "Nord")
    mette = person(db, "mette", [unit], name="Mette K.")
    karin = resident(db, "Karin S.", unit, [mette])
    made = {}
    for text, lifecycle, due in (("Jeg ringer til Åse hver søndag.", "active", "2026-12-20"),
                                 ("Jeg bager boller om fredagen.", "active", "2026-11-20"),
                                 ("Jeg lærer at cykle.", "proposed", None),
                                 ("Jeg flytter.", "achieved", None)):
        made[text.split()[1]] = goals.create(db, karin, GoalDraft(
            text=text, lifecycle=lifecycle, next_follow_up=due), staff_id=mette, staff_name="M")
    return {"db": db, "karin": karin, "mette": mette, "goals": made}


def _input(**changes) -> followup.EvaluationInput:
    values = {"text": "Jeg har bagt hver fredag, og det var hyggeligt.", "written_by": "resident",
              "status": "green", "resident_agrees": True}
    values.update(changes)
    return followup.EvaluationInput(**values)


def _evaluate(env, fu, goal, **changes):
    return followup.evaluate(env["db"], fu, goal.id, _input(**changes), staff_id=env["mette"],
                             staff_name="Mette K.", resident_name="Karin S.")


def test_start_walks_the_active_goals_earliest_date_first(env):
    fu = followup.start(env["db"], env["karin"], env["mette"])
    assert [s.goal_id for s in fu.steps] == [env["goals"]["bager"].id, env["goals"]["ringer"].id]
    assert fu.status == "in_progress" and fu.next_step.goal_id == env["goals"]["bager"].id
    again = followup.start(env["db"], env["karin"], env["mette"])
    assert again.id == fu.id  # the one in progress, not a second


def test_start_without_active_goals_is_refused(env):
    other = resident(env["db"], "Bo H.", 1)
    with pytest.raises(SamtaleError, match="ingen aktive mål"):
        followup.start(env["db"], other, env["mette"])


def test_evaluation_is_stored_and_decides_the_goal(env):
    db, goal = env["db"], env["goals"]["bager"]
    fu = followup.start(db, env["karin"], env["mette"])
    evaluation_id = _evaluate(env, fu, goal, what_happened="Jeg har bagt fire gange.",
                              next_step="Jeg prøver med rugbrød.", next_date="2027-01-08")
    row = db.execute("SELECT text, written_by, author_name, resident_agrees, status, date, "
                     "what_happened, next_step FROM evaluations WHERE id = ?",
                     [evaluation_id]).fetchone()
    assert row == ("Jeg har bagt hver fredag, og det var hyggeligt.", "resident", "Karin S.", 1,
                   "green", "2026-11-25", "Jeg har bagt fire gange.", "Jeg prøver med rugbrød.")
    after = goals.get(db, env["karin"], goal.id)
    assert (after.status, after.lifecycle, after.next_follow_up) == ("green", "active",
                                                                      "2027-01-08")
    assert goals.versions(db, env["karin"], goal.id)[0].change == "follow_up"
    assert followup.get(db, env["karin"], fu.id).step(goal.id).outcome == "evaluated"


def test_next_date_is_six_weeks_ahead_by_default(env):
    fu = followup.start(env["db"], env["karin"], env["mette"])
    _evaluate(env, fu, env["goals"]["bager"])
    assert goals.get(env["db"], env["karin"], env["goals"]["bager"].id).next_follow_up == \
        "2027-01-06"


def test_staff_writer_and_the_residents_own_view(env):
    fu = followup.start(env["db"], env["karin"], env["mette"])
    evaluation_id = _evaluate(env, fu, env["goals"]["bager"], written_by="staff",
                              resident_agrees=False, resident_view="Jeg synes, det er grønt.",
                              status="yellow")
    row = env["db"].execute("SELECT author_name, resident_agrees, resident_view FROM evaluations "
                            "WHERE id = ?", [evaluation_id]).fetchone()
    assert row == ("Mette K.", 0, "Jeg synes, det er grønt.")


def test_view_is_kept_only_when_the_resident_disagrees(env):
    fu = followup.start(env["db"], env["karin"], env["mette"])
    evaluation_id = _evaluate(env, fu, env["goals"]["bager"], resident_view="Glemt tekst")
    assert env["db"].execute("SELECT resident_view FROM evaluations WHERE id = ?",
                             [evaluation_id]).fetchone()[0] is None


def test_saving_the_same_step_again_updates_the_evaluation(env):
    fu = followup.start(env["db"], env["karin"], env["mette"])
    first = _evaluate(env, fu, env["goals"]["bager"])
    second = _evaluate(env, fu, env["goals"]["bager"], text="Jeg har bagt to gange.")
    assert first == second
    assert env["db"].execute("SELECT count(*), max(text) FROM evaluations").fetchone() == \
        (1, "Jeg har bagt to gange.")


@pytest.mark.parametrize("changes, field", [
    ({"text": "  "}, "text"),
    ({"written_by": "nobody"}, "written_by"),
    ({"status": None}, "status"),
    ({"decision": "later"}, "decision"),
    ({"next_date": "snart"}, "next_date"),
])
def test_incomplete_evaluation_is_refused_per_field(env, changes, field):
    fu = followup.start(env["db"], env["karin"], env["mette"])
    with pytest.raises(followup.InvalidEvaluation) as refused:
        _evaluate(env, fu, env["goals"]["bager"], **changes)
    assert field in refused.value.fields
    assert env["db"].execute("SELECT count(*) FROM evaluations").fetchone()[0] == 0


def test_reached_goal_gets_no_next_date(env):
    fu = followup.start(env["db"], env["karin"], env["mette"])
    _evaluate(env, fu, env["goals"]["bager"], decision="achieved")
    goal = goals.get(env["db"], env["karin"], env["goals"]["bager"].id)
    assert (goal.lifecycle, goal.next_follow_up) == ("achieved", None)


def test_a_goal_outside_the_follow_up_is_not_found(env):
    fu = followup.start(env["db"], env["karin"], env["mette"])
    with pytest.raises(NotFound):
        _evaluate(env, fu, env["goals"]["lærer"])  # proposed, so not in the follow-up


def test_not_today_is_recorded_and_can_be_resumed(env):
    db = env["db"]
    fu = followup.start(db, env["karin"], env["mette"])
    with pytest.raises(SamtaleError):
        followup.postpone(db, fu, "træt", date(2026, 11, 1))
    followup.postpone(db, fu, "  Karin var  træt. ", None)
    stored = followup.get(db, env["karin"], fu.id)
    assert (stored.status, stored.retry_on, stored.postponed_reason) == \
        ("postponed", "2026-12-09", "Karin var træt.")
    with pytest.raises(SamtaleError) as refused:
        _evaluate(env, stored, env["goals"]["bager"])
    assert refused.value.status == 409
    text = db.execute("SELECT text FROM plan_events WHERE event = 'followup_postponed'"
                      ).fetchone()[0]
    assert "9. december 2026" in text
    followup.resume(db, stored)
    _evaluate(env, stored, env["goals"]["bager"])
    assert followup.open_for(db, env["karin"]).status == "in_progress"


def test_skip_and_finish(env):
    db = env["db"]
    fu = followup.start(db, env["karin"], env["mette"])
    followup.skip(db, fu, env["goals"]["bager"].id)
    _evaluate(env, fu, env["goals"]["ringer"])
    assert fu.next_step is None
    followup.finish(db, fu)
    stored = followup.get(db, env["karin"], fu.id)
    assert stored.status == "finished" and [s.outcome for s in stored.steps] == \
        ["skipped", "evaluated"]
    assert db.execute("SELECT text FROM plan_events WHERE event = 'evaluation'").fetchone()[0] == \
        "Opfølgning på 1 mål."
    assert followup.open_for(db, env["karin"]) is None
    with pytest.raises(SamtaleError):
        followup.resume(db, stored)
