"""From conversation to plan in the core: answers become suggestions, nothing enters the
plan until someone accepts it, dropped ones are not offered again, sources are kept."""

from __future__ import annotations

import pytest

from samtale import conversations, goals, jegform, plan_items, staff, suggestions
from samtale.banks import default_folders, load_banks
from samtale.errors import NotFound, SamtaleError
from tests.plan_fixtures import memory_db, person, resident, set_now

ANSWERS = {
    "droem": "at arbejde i et køkken",
    "god_til": "at bage og at få andre til at grine",
    "vigtige_mennesker": "min søster Åse",
    "foerste_skridt": "hun hjælper til i køkkenet om tirsdagen",
    "trivsel_nu": "4",  # no plan target, no template: no suggestion
}


@pytest.fixture(scope="module")
def banks():
    return load_banks(default_folders(None))


@pytest.fixture
def env(monkeypatch, banks):
    set_now(monkeypatch, "2026-11-25T10:00:00")
    db = memory_db()
    unit = staff.create_unit(db, "Nord")
    mette = person(db, "mette", [unit], name="Mette K.")
    karin = resident(db, "Karin S.", unit, [mette])
    conv = _conversation(db, banks.get("haab-og-droemme"), karin, mette, ANSWERS)
    return {"db": db, "karin": karin, "mette": mette, "conv": conv, "banks": banks}


def _conversation(db, bank, resident_id, staff_id, answers):
    conv_id = conversations.start(db, resident_id, bank, staff_id)
    conv = conversations.get(db, resident_id, conv_id)
    for question_id, value in answers.items():
        conversations.save_answer(db, conv, question_id, value, written_by="resident",
                                  staff_id=staff_id)
    return conversations.get(db, resident_id, conv_id)


def _offered(env, **kwargs):
    return suggestions.for_conversation(env["db"], env["conv"], ("Karin S.",), **kwargs)


def test_answers_with_a_plan_target_become_suggestions_in_reading_order(env):
    offered = _offered(env)
    assert [(s.question_id, s.target) for s in offered] == [
        ("droem", "dreams"), ("god_til", "resources"), ("vigtige_mennesker", "network"),
        ("foerste_skridt", "goals")]
    dream = offered[0]
    assert dream.text == "Jeg drømmer om at arbejde i et køkken."
    assert dream.ffb_theme == "52efa2e9-e0dc-41eb-8c01-9865e2fdebae"
    assert dream.answer == "at arbejde i et køkken" and dream.decision is None
    assert not dream.check.flagged


def test_each_suggestion_carries_the_jeg_form_check_of_its_words(env):
    for offered in _offered(env):
        assert offered.check == jegform.check(offered.text, ("Karin S.",))


def test_nothing_enters_the_plan_before_a_choice(env):
    assert plan_items.for_resident(env["db"], env["karin"])["dream"] == []
    assert goals.for_resident(env["db"], env["karin"]) == []


def test_accept_keeps_the_source_and_the_edited_words(env):
    db = env["db"]
    decided = suggestions.decide(db, env["conv"], "droem", "accepted",
                                 values={"text": "Jeg drømmer om at lave mad til mange."},
                                 staff_id=env["mette"])
    item = plan_items.get(db, env["karin"], decided.item_id)
    assert item.kind == "dream" and item.text == "Jeg drømmer om at lave mad til mange."
    assert (item.source_conversation_id, item.source_question_id) == (env["conv"].id, "droem")
    assert [s.question_id for s in _offered(env)] == ["god_til", "vigtige_mennesker",
                                                      "foerste_skridt"]


def test_accepted_goal_serves_the_chosen_dream(env):
    db = env["db"]
    dream = suggestions.decide(db, env["conv"], "droem", "accepted", staff_id=env["mette"])
    decided = suggestions.decide(
        db, env["conv"], "foerste_skridt", "accepted", staff_id=env["mette"],
        staff_name="Mette K.",
        values={"text": "Jeg hjælper til i køkkenet om tirsdagen.", "dream_id": dream.item_id})
    goal = goals.get(db, env["karin"], decided.goal_id)
    assert goal.dream_id == dream.item_id and goal.lifecycle == "active"
    assert (goal.source_conversation_id, goal.source_question_id) == (env["conv"].id,
                                                                     "foerste_skridt")
    assert goal.next_follow_up == "2027-01-06"


def test_a_suggestion_can_go_elsewhere_in_the_plan(env):
    decided = suggestions.decide(env["db"], env["conv"], "god_til", "accepted",
                                 values={"target": "activities", "share_on_board": True})
    item = plan_items.get(env["db"], env["karin"], decided.item_id)
    assert item.kind == "activity" and item.share_on_board is True


def test_dropped_is_recorded_and_not_offered_again(env):
    suggestions.decide(env["db"], env["conv"], "vigtige_mennesker", "dropped")
    assert "vigtige_mennesker" not in [s.question_id for s in _offered(env)]
    everything = {s.question_id: s.decision for s in _offered(env, include_decided=True)}
    assert everything["vigtige_mennesker"] == "dropped"
    assert plan_items.for_resident(env["db"], env["karin"])["network"] == []


def test_a_repeated_click_adds_nothing_twice(env):
    first = suggestions.decide(env["db"], env["conv"], "droem", "accepted")
    again = suggestions.decide(env["db"], env["conv"], "droem", "accepted",
                               values={"text": "Noget andet."})
    assert again == first
    assert len(plan_items.dreams(env["db"], env["karin"])) == 1


def test_unknown_question_and_bad_choices_are_refused(env):
    with pytest.raises(NotFound):
        suggestions.decide(env["db"], env["conv"], "trivsel_nu", "accepted")
    with pytest.raises(SamtaleError):
        suggestions.decide(env["db"], env["conv"], "droem", "maybe")
    with pytest.raises(SamtaleError):
        suggestions.decide(env["db"], env["conv"], "droem", "accepted", values={"text": " "})
    with pytest.raises(SamtaleError):
        suggestions.decide(env["db"], env["conv"], "droem", "accepted",
                           values={"target": "elsewhere"})
    assert env["db"].execute("SELECT count(*) FROM plan_suggestions").fetchone()[0] == 0


def test_a_template_without_a_plan_target_is_offered_without_a_target(env):
    bank = env["banks"].get("opfoelgning")
    conv = _conversation(env["db"], bank, env["karin"], env["mette"],
                         {"hvad_skete": "bagt boller to gange"})
    [offered] = suggestions.for_conversation(env["db"], conv)
    assert offered.question_id == "hvad_skete" and offered.target is None
    assert offered.text == "Siden sidst har jeg bagt boller to gange."
    with pytest.raises(SamtaleError):
        suggestions.decide(env["db"], conv, "hvad_skete", "accepted")
    decided = suggestions.decide(env["db"], conv, "hvad_skete", "accepted",
                                 values={"target": "resources"})
    assert decided.target == "resources" and decided.item_id
