"""Prøvehandlinger (core): idea → plan → tried → evaluation → decision with history,
new rounds on "adjust", responsible people and board consent, and the board's data."""

from __future__ import annotations

import pytest

from samtale import residents
from samtale.errors import NotFound, SamtaleError
from samtale.house import board, trial_people, trials
from tests.house_helpers import days_ago, world_fixture  # noqa: F401


def idea(w, title="Gåtur i grupper", unit=None) -> trials.Trial:
    trial_id = trials.create_idea(
        w.db, unit or w.north, title=title, idea="Vi går sammen.", staff_id=w.mette
    )
    return trials.get(w.db, trial_id, [w.north, w.south])


def planned(w, residents_=None) -> trials.Trial:
    trial = idea(w)
    trials.plan(
        w.db,
        trial,
        what="Gåtur langs søerne hver tirsdag",
        start=days_ago(-3),
        end=days_ago(-30),
        resident_ids=residents_ or [w.karin, w.bo],
        staff_ids=[w.mette],
        staff_id=w.mette,
    )
    return again(w, trial)


def again(w, trial) -> trials.Trial:
    return trials.get(w.db, trial.id, [trial.unit_id])


def test_a_trial_goes_from_idea_to_decision_with_its_history(world):
    trial = planned(world)
    assert (trial.stage, [p.display_name for p in trial.residents]) == (
        "planned",
        ["Bo H.", "Karin S."],
    )
    assert trial.staff == ((world.mette, "Mette Kristensen"),)
    trials.mark_tried(world.db, trial, tried_on=days_ago(0), note="Seks kom med.")
    trial = again(world, trial)
    trials.evaluate(
        world.db,
        trial,
        worked="Godt vejr",
        not_worked="For tidligt",
        residents_words="Det var dejligt at komme ud",
        staff_id=world.lene,
    )
    trial = again(world, trial)
    assert trials.decide(world.db, trial, decision="keep", staff_id=world.lene) is None
    trial = again(world, trial)
    assert (trial.stage, trial.decision, trial.residents_words) == (
        "decided",
        "keep",
        "Det var dejligt at komme ud",
    )
    events = trials.history(world.db, trial.id)
    assert [e.step for e in events] == ["idea", "planned", "tried", "evaluated", "decided"]
    assert events[1].details["resident_ids"] == sorted([world.karin, world.bo])
    assert events[3].staff_name == "Lene Holm" and events[0].staff_name == "Mette Kristensen"


def test_adjust_opens_a_new_round_with_the_plan_and_people_but_no_consent(world):
    trial = planned(world)
    trial_people.set_board_consent(world.db, trial.id, world.karin, True)
    trials.mark_tried(world.db, again(world, trial), tried_on=days_ago(0))
    trials.evaluate(world.db, again(world, trial), worked="", not_worked="Regn", residents_words="")
    new_id = trials.decide(
        world.db, again(world, trial), decision="adjust", note="Prøv om eftermiddagen"
    )
    new = trials.get(world.db, new_id, [world.north])
    assert (new.round, new.previous_id, new.stage, new.idea) == (
        2,
        trial.id,
        "idea",
        "Prøv om eftermiddagen",
    )
    assert new.plan_what == trial.plan_what and new.title == trial.title
    assert {p.resident_id for p in new.residents} == {world.karin, world.bo}
    assert not any(p.named_on_board for p in new.residents)
    assert again(world, trial).next_id == new_id


@pytest.mark.parametrize(
    "step",
    ["tried", "evaluate", "decide"],
)
def test_steps_out_of_order_are_refused_as_a_conflict(world, step):
    trial = idea(world)
    calls = {
        "tried": lambda: trials.mark_tried(world.db, trial, tried_on=days_ago(0)),
        "evaluate": lambda: trials.evaluate(
            world.db, trial, worked="x", not_worked="", residents_words=""
        ),
        "decide": lambda: trials.decide(world.db, trial, decision="keep"),
    }
    with pytest.raises(SamtaleError) as refused:
        calls[step]()
    assert refused.value.status == 409


def test_a_decided_trial_can_no_longer_be_replanned(world):
    trial = planned(world)
    trials.mark_tried(world.db, trial, tried_on=days_ago(0))
    trials.evaluate(world.db, again(world, trial), worked="x", not_worked="", residents_words="")
    trials.decide(world.db, again(world, trial), decision="drop")
    with pytest.raises(SamtaleError):
        trials.plan(world.db, again(world, trial), what="x", start=days_ago(0), staff_ids=[1])


@pytest.mark.parametrize(
    "change, message",
    [
        ({"what": " "}, "hvad I vil prøve"),
        ({"start": ""}, "starter"),
        ({"end": days_ago(10)}, "før startdatoen"),
        ({"resident_ids": [], "staff_ids": []}, "mindst én ansvarlig"),
        ({"resident_ids": ["sara"]}, "bo i afdelingen"),
        ({"staff_ids": ["ali"]}, "høre til afdelingen"),
    ],
)
def test_plan_refuses_bad_input(world, change, message):
    names = {"sara": world.sara, "ali": world.ali}
    values = {"what": "Gåtur", "start": days_ago(0), "end": None, "resident_ids": [world.karin]}
    values |= {"staff_ids": [world.mette]}
    for key, value in change.items():
        values[key] = [names.get(v, v) for v in value] if isinstance(value, list) else value
    with pytest.raises(SamtaleError, match=message):
        trials.plan(world.db, idea(world), **values)


def test_tried_cannot_be_in_the_future_and_evaluation_needs_words(world):
    trial = planned(world)
    with pytest.raises(SamtaleError, match="fremtiden"):
        trials.mark_tried(world.db, trial, tried_on=days_ago(-1))
    trials.mark_tried(world.db, trial, tried_on=days_ago(0))
    with pytest.raises(SamtaleError, match="mindst én ting"):
        trials.evaluate(
            world.db, again(world, trial), worked=" ", not_worked="", residents_words=""
        )


def test_replanning_keeps_consent_for_residents_who_stay(world):
    trial = planned(world)
    trial_people.set_board_consent(world.db, trial.id, world.karin, True)
    trials.plan(
        world.db,
        again(world, trial),
        what="Gåtur",
        start=days_ago(0),
        resident_ids=[world.karin, world.nina],
        staff_ids=[],
        staff_id=world.mette,
    )
    people = {p.resident_id: p.named_on_board for p in again(world, trial).residents}
    assert people == {world.karin: True, world.nina: False}
    assert again(world, trial).staff == ()


def test_a_trial_is_found_only_in_its_units(world):
    trial = idea(world)
    with pytest.raises(NotFound):
        trials.get(world.db, trial.id, [world.south])
    with pytest.raises(NotFound):
        trials.get(world.db, 9999, [world.north])
    with pytest.raises(NotFound):
        trial_people.set_board_consent(world.db, trial.id, world.sara, True)
    assert [t.id for t in trials.list_for_unit(world.db, world.south)] == []


def test_idea_needs_a_short_title(world):
    for title in ("", " ", "x" * 121):
        with pytest.raises(SamtaleError):
            trials.create_idea(world.db, world.north, title=title)
    trial = idea(world)
    trials.update_idea(world.db, trial, title="Gåtur om søndagen", idea="", staff_id=world.mette)
    assert again(world, trial).title == "Gåtur om søndagen"
    assert trials.history(world.db, trial.id)[-1].step == "idea_changed"


# --- the board -----------------------------------------------------------------------


def test_board_names_only_residents_who_said_yes(world):
    trial = planned(world)
    idea(world, title="Biograftur")
    data = board.board_for(world.db, world.north)
    assert [s.key for s in data.sections] == ["current", "ideas"]
    item = data.sections[0].items[0]
    assert (item.title, item.people, item.starts_on) == (
        "Gåtur i grupper",
        "2 beboere",
        days_ago(-3),
    )
    assert data.named_resident_ids == frozenset()
    trial_people.set_board_consent(world.db, trial.id, world.karin, True)
    data = board.board_for(world.db, world.north)
    assert data.sections[0].items[0].people == "Karin og en beboer"
    assert data.named_resident_ids == {world.karin}
    assert "Bo H" not in repr(data) and "Karin S." not in repr(data)


def test_board_drops_the_name_of_a_resident_who_moved_out(world):
    trial = planned(world, [world.karin])
    trial_people.set_board_consent(world.db, trial.id, world.karin, True)
    residents.update(
        world.db,
        world.karin,
        display_name="Karin S.",
        unit_id=world.north,
        moved_in=days_ago(400),
        status="fraflyttet",
        moved_out=None,
    )
    assert board.board_for(world.db, world.north).sections[0].items[0].people == "en beboer"


def test_board_shows_only_its_own_unit_and_kept_trials(world):
    idea(world, title="Syd-idé", unit=world.south)
    trial = planned(world)
    trials.mark_tried(world.db, trial, tried_on=days_ago(0))
    trials.evaluate(world.db, again(world, trial), worked="x", not_worked="", residents_words="")
    trials.decide(world.db, again(world, trial), decision="keep", note="Nu kl. 15")
    data = board.board_for(world.db, world.north)
    assert [(s.key, [i.title for i in s.items]) for s in data.sections] == [
        ("kept", ["Gåtur i grupper"])
    ]
    kept = data.sections[0].items[0]
    assert (kept.text, kept.starts_on, kept.ends_on) == ("Nu kl. 15", None, None)
    assert data.unit_name == "Nord"


@pytest.mark.parametrize(
    "names, anonymous, text",
    [
        ([], 0, ""),
        (["Karin"], 0, "Karin"),
        ([], 1, "en beboer"),
        ([], 3, "3 beboere"),
        (["Karin", "Bo"], 0, "Karin og Bo"),
        (["Karin", "Bo"], 2, "Karin, Bo og 2 beboere"),
    ],
)
def test_people_text(names, anonymous, text):
    assert board.people_text(names, anonymous) == text


def test_a_new_section_joins_the_board(world, monkeypatch):
    monkeypatch.setattr(board, "PROVIDERS", list(board.PROVIDERS))

    @board.board_section
    def wishes(db, unit_id):
        return board.BoardSection("wishes", "Ønsker", (board.BoardItem("Tur til stranden"),))

    assert [s.key for s in board.board_for(world.db, world.north).sections] == ["wishes"]
