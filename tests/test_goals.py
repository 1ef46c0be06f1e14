"""Goals in the core: validation, versions as JSON, stable delmål and action ids, the
concurrent-edit refusal, lifecycle history, and plan items."""

from __future__ import annotations

from dataclasses import replace

import pytest

from samtale import goals, plan_items, settings
from samtale.errors import NotFound, SamtaleError
from samtale.goals import Action, GoalDraft, SubGoal
from tests.plan_fixtures import memory_db, person, resident, set_now

THEME = "685e8517-2f5c-4ef8-a7c4-fa2d008fdd9d"  # Varetage beskæftigelse


@pytest.fixture
def env(monkeypatch):
    set_now(monkeypatch, "2026-11-25T10:00:00")
    db = memory_db()
    from samtale import staff

    unit = staff.create_unit(db, "Nord")
    mette = person(db, "mette", [unit], name="Mette K.")
    return {"db": db, "unit": unit, "mette": mette,
            "karin": resident(db, "Karin S.", unit, [mette]), "bo": resident(db, "Bo H.", unit)}


def _draft(**changes) -> GoalDraft:
    base = GoalDraft(
        text="Jeg vil arbejde i husets køkken to formiddage om ugen.", ffb_theme=THEME,
        subgoals=[SubGoal("Jeg tager hygiejnekurset."), SubGoal("  ")],
        actions=[Action("Tale med køkkenlederen", "contact_person", "Mette K.", "2026-12-01"),
                 Action("", "me")])
    return replace(base, **changes)


def _create(env, **changes):
    return goals.create(env["db"], env["karin"], _draft(**changes), staff_id=env["mette"],
                        staff_name="Mette K.")


def test_create_stores_version_one_with_the_whole_goal(env):
    goal = _create(env)
    assert goal.version == 1 and goal.lifecycle == "active"
    assert goal.next_follow_up == "2027-01-06"  # six weeks by default
    assert [s.text for s in goal.subgoals] == ["Jeg tager hygiejnekurset."]  # empty row dropped
    assert [a.what for a in goal.actions] == ["Tale med køkkenlederen"]
    [version] = goals.versions(env["db"], env["karin"], goal.id)
    assert version.version == 1 and version.change == "created"
    assert version.staff_name == "Mette K."
    assert version.data["text"] == goal.text
    assert version.data["subgoals"][0]["id"] == goal.subgoals[0].id
    assert version.data["ffb_theme"] == {"code": THEME, "display": "Varetage beskæftigelse"}


def test_default_follow_up_follows_the_facility_setting(env):
    settings.put(env["db"], "follow_up_weeks", 4)
    assert _create(env).next_follow_up == "2026-12-23"


def test_goal_of_another_resident_is_not_found(env):
    goal = _create(env)
    with pytest.raises(NotFound):
        goals.get(env["db"], env["bo"], goal.id)


@pytest.mark.parametrize("changes, field", [
    ({"text": "   "}, "text"),
    ({"text": "x" * 4201}, "text"),
    ({"ffb_theme": "not-a-theme"}, "ffb_theme"),
    ({"goal_type": "grow"}, "goal_type"),
    ({"status": "blue"}, "status"),
    ({"lifecycle": "done"}, "lifecycle"),
    ({"next_follow_up": "6. januar"}, "next_follow_up"),
    ({"dream_id": 999}, "dream_id"),
    ({"subgoals": [SubGoal("Jeg øver.", lifecycle="maybe")]}, "sub-0-lifecycle"),
    ({"actions": [Action("Ringe", "other", None, None)]}, "act-0-who_name"),
    ({"actions": [Action("Ringe", "everybody")]}, "act-0-who"),
])
def test_bad_input_is_refused_with_the_field_named(env, changes, field):
    with pytest.raises(goals.InvalidGoal) as refused:
        _create(env, **changes)
    assert field in refused.value.fields
    assert refused.value.fields[field]  # a Danish message for the field


def test_dream_must_be_the_residents_own(env):
    other_dream = plan_items.add(env["db"], env["bo"], "dream", "Jeg drømmer om havet.")
    with pytest.raises(goals.InvalidGoal) as refused:
        _create(env, dream_id=other_dream.id)
    assert "dream_id" in refused.value.fields


def test_save_makes_a_new_version_and_keeps_row_ids(env):
    goal = _create(env)
    sub_id = goal.subgoals[0].id
    draft = replace(goal.draft(), status="yellow",
                    subgoals=[replace(goal.subgoals[0], lifecycle="achieved", status="green"),
                              SubGoal("Jeg møder til tiden.")],
                    actions=[])
    saved = goals.save(env["db"], env["karin"], goal.id, draft, base_version=1,
                       staff_id=env["mette"], staff_name="Mette K.")
    assert saved.version == 2 and saved.status == "yellow"
    assert saved.subgoals[0].id == sub_id and saved.subgoals[0].lifecycle == "achieved"
    assert [s.text for s in saved.subgoals] == ["Jeg tager hygiejnekurset.", "Jeg møder til tiden."]
    assert saved.actions == []
    assert env["db"].execute("SELECT count(*) FROM goal_actions").fetchone()[0] == 0
    versions = goals.versions(env["db"], env["karin"], goal.id)
    assert [v.version for v in versions] == [2, 1]
    assert versions[1].data["actions"][0]["what"] == "Tale med køkkenlederen"  # history kept


def test_second_save_from_the_same_version_is_refused_and_loses_nothing(env):
    goal = _create(env)
    mine = replace(goal.draft(), text="Jeg vil lave frokost i køkkenet.")
    theirs = replace(goal.draft(), text="Jeg vil bage boller i køkkenet.", status="green")
    goals.save(env["db"], env["karin"], goal.id, theirs, base_version=1, staff_id=None,
               staff_name="Ali")
    with pytest.raises(goals.GoalConflict) as conflict:
        goals.save(env["db"], env["karin"], goal.id, mine, base_version=1,
                   staff_id=env["mette"], staff_name="Mette K.")
    assert conflict.value.status == 409
    assert conflict.value.theirs.version == 2
    assert conflict.value.theirs.text == "Jeg vil bage boller i køkkenet."
    assert conflict.value.yours.text == "Jeg vil lave frokost i køkkenet."
    assert goals.get(env["db"], env["karin"], goal.id).text == "Jeg vil bage boller i køkkenet."
    merged = goals.save(env["db"], env["karin"], goal.id, mine, base_version=2,
                        staff_id=env["mette"], staff_name="Mette K.")
    assert merged.version == 3 and merged.text == "Jeg vil lave frokost i køkkenet."


def test_a_row_id_of_another_goal_becomes_a_new_row(env):
    first, second = _create(env), _create(env, text="Jeg går en tur hver dag.")
    stolen = SubGoal("Jeg tager en ven med.", id=first.subgoals[0].id)
    saved = goals.save(env["db"], env["karin"], second.id,
                       replace(second.draft(), subgoals=[stolen]), base_version=1,
                       staff_id=None, staff_name=None)
    assert saved.subgoals[0].id != first.subgoals[0].id
    assert goals.get(env["db"], env["karin"], first.id).subgoals[0].text == \
        "Jeg tager hygiejnekurset."


def test_reaching_a_goal_is_written_in_the_history(env):
    goal = _create(env)
    goals.save(env["db"], env["karin"], goal.id, replace(goal.draft(), lifecycle="achieved"),
               base_version=1, staff_id=None, staff_name=None)
    events = env["db"].execute("SELECT event, text FROM plan_events ORDER BY id").fetchall()
    assert [e[0] for e in events] == ["goal_created", "goal_achieved"]
    assert events[1][1].startswith("Mål nået: Jeg vil arbejde")


def test_other_person_action_keeps_the_name_and_me_drops_it(env):
    goal = _create(env, actions=[Action("Køre mig", "other", "Bjørn, pedel", "fredag"),
                                 Action("Ringe", "me", "ignored", None)])
    assert [(a.who, a.who_name) for a in goal.actions] == [("other", "Bjørn, pedel"),
                                                            ("me", None)]


def test_plan_items_add_update_and_keep_their_source(env):
    db = env["db"]
    item = plan_items.add(db, env["karin"], "activity", "Jeg vil gerne spille bordtennis.",
                          share_on_board=True, source=None)
    assert item.share_on_board is True
    item = plan_items.update(db, env["karin"], item.id, "Jeg vil spille bordtennis om onsdagen.",
                             share_on_board=False)
    assert item.text == "Jeg vil spille bordtennis om onsdagen." and item.share_on_board is False
    with pytest.raises(SamtaleError):
        plan_items.add(db, env["karin"], "dream", "   ")
    with pytest.raises(SamtaleError):
        plan_items.add(db, env["karin"], "wish", "Jeg vil noget.")
    with pytest.raises(NotFound):
        plan_items.get(db, env["bo"], item.id)


def test_removing_a_dream_unlinks_its_goals_as_a_new_version(env):
    db = env["db"]
    dream = plan_items.add(db, env["karin"], "dream", "Jeg drømmer om at være kok.")
    goal = _create(env, dream_id=dream.id)
    plan_items.delete(db, env["karin"], dream.id, staff_id=env["mette"], staff_name="Mette K.")
    after = goals.get(db, env["karin"], goal.id)
    assert after.dream_id is None and after.version == 2
    assert goals.versions(db, env["karin"], goal.id)[0].change == "dream_removed"
    assert plan_items.dreams(db, env["karin"]) == []



def test_history_lines_stay_danish_when_written_in_english(env):
    """An English-speaking staff member's change must not put English into a Danish plan."""
    from samtale import i18n

    with i18n.locale("en"):
        goal = _create(env)
        goals.save(env["db"], env["karin"], goal.id, _draft(lifecycle="achieved"),
                   base_version=goal.version, staff_id=env["mette"], staff_name="Mette K.")
    texts = [r[0] for r in env["db"].execute("SELECT text FROM plan_events ORDER BY id")]
    assert texts[0].startswith("Nyt mål: ") and texts[1].startswith("Mål nået: ")
