"""Resident mentors (core): the guide per unit, matches and their rules, agreements,
the evaluation, the mentor offer and the newcomers who have not been offered one."""

from __future__ import annotations

import re
import sys
import types

import pytest

from samtale import readability, residents
from samtale.errors import NotFound, SamtaleError
from samtale.house import guide, jeg, mentor, newcomers
from samtale.i18n import locale
from tests.house_helpers import TODAY, days_ago, freeze, world_fixture  # noqa: F401


def start(w, **overrides) -> int:
    values = {
        "resident_id": w.nina,
        "mentor_id": w.karin,
        "started_on": days_ago(5),
        "ends_on": None,
        "staff_id": w.mette,
    }
    return mentor.create_match(w.db, **(values | overrides))


# --- the guide -----------------------------------------------------------------------


def test_guide_defaults_to_the_shipped_text_in_the_readers_language(world):
    danish = guide.get_guide(world.db, world.north)
    assert danish.is_default
    for words in ("Sådan finder vi en mentor", "ikke en medarbejder", "hente en medarbejder"):
        assert words in danish.body
    with locale("en"):
        assert "How we find a mentor" in guide.get_guide(world.db, world.north).body


@pytest.mark.parametrize("language", ["da", "en"])
def test_shipped_guide_is_easy_to_read(language):
    text = re.sub(r"^[#-] ?|^## ", "", guide.default_guide(language), flags=re.M)
    assert readability.lix(text) <= 30


def test_guide_is_saved_per_unit_and_can_go_back_to_the_default(world):
    guide.save_guide(world.db, world.north, "  ## Vores guide\n\nHej  ", world.lene)
    north = guide.get_guide(world.db, world.north)
    assert (north.body, north.is_default, north.updated_by) == (
        "## Vores guide\n\nHej",
        False,
        "Lene Holm",
    )
    assert guide.get_guide(world.db, world.south).is_default
    guide.reset_guide(world.db, world.north)
    assert guide.get_guide(world.db, world.north).is_default


@pytest.mark.parametrize("body", ["", "   ", "x" * (guide.MAX_LENGTH + 1)])
def test_guide_must_have_text_of_sane_length(world, body):
    with pytest.raises(SamtaleError):
        guide.save_guide(world.db, world.north, body)


# --- matches -------------------------------------------------------------------------


def test_a_match_is_shown_for_both_residents_and_marks_the_offer(world):
    match_id = start(world)
    for resident_id in (world.nina, world.karin):
        (match,) = mentor.mentor_matches_for(world.db, resident_id)
        assert match.id == match_id
    assert match.role_of(world.nina) == "newcomer" and match.role_of(world.karin) == "mentor"
    assert match.other(world.karin) == (world.nina, "Nina P.")
    assert (match.staff_name, match.active) == ("Mette Kristensen", True)
    assert newcomers.offer_for(world.db, world.nina).outcome == "matched"
    assert mentor.mentor_matches_for(world.db, world.bo) == []


@pytest.mark.parametrize(
    "change, message",
    [
        ({"mentor_id": "self"}, "anden beboer"),
        ({"mentor_id": "sara"}, "samme afdeling"),
        ({"mentor_id": 0}, "Vælg en mentor"),
        ({"staff_id": "ali"}, "medarbejder"),
        ({"staff_id": None}, "medarbejder"),
        ({"ends_on": days_ago(30)}, "før startdatoen"),
        ({"started_on": "i morgen"}, "startdatoen"),
    ],
)
def test_a_match_refuses_what_the_scheme_does_not_allow(world, change, message):
    names = {"self": world.nina, "sara": world.sara, "ali": world.ali}
    values = {k: names.get(v, v) if isinstance(v, str) else v for k, v in change.items()}
    with pytest.raises(SamtaleError, match=message):
        start(world, **values)


def test_both_residents_must_live_here(world):
    residents.update(
        world.db,
        world.karin,
        display_name="Karin S.",
        unit_id=world.north,
        moved_in=days_ago(400),
        status="fraflyttet",
        moved_out=days_ago(1),
    )
    with pytest.raises(SamtaleError, match="samme afdeling"):
        start(world)


def test_one_active_match_at_a_time_until_it_is_evaluated(world):
    first = start(world)
    with pytest.raises(SamtaleError, match="allerede en mentor"):
        start(world, mentor_id=world.bo)
    mentor.evaluate(world.db, first, world.nina, text="Jeg fik en ven.", by="newcomer", on=TODAY)
    assert start(world, mentor_id=world.bo) != first


def test_a_match_belongs_to_the_new_resident_only(world):
    match_id = start(world)
    with pytest.raises(NotFound):
        mentor.get_match(world.db, match_id, world.karin)
    with pytest.raises(NotFound):
        mentor.add_agreement(world.db, match_id, world.karin, "Jeg ...")


def test_update_match_changes_dates_and_staff(world):
    match_id = start(world)
    mentor.update_match(
        world.db,
        match_id,
        world.nina,
        started_on=days_ago(3),
        ends_on=days_ago(-50),
        staff_id=world.lene,
    )
    match = mentor.get_match(world.db, match_id, world.nina)
    assert (match.started_on, match.ends_on, match.staff_name) == (
        days_ago(3),
        days_ago(-50),
        "Lene Holm",
    )


def test_candidates_are_the_units_living_residents_but_not_the_newcomer(world):
    names = [c["display_name"] for c in mentor.mentor_candidates(world.db, world.nina)]
    assert names == ["Bo H.", "Karin S."]


# --- agreements and evaluation -----------------------------------------------------


def test_agreements_are_added_changed_and_removed_in_order(world):
    match_id = start(world)
    first = mentor.add_agreement(world.db, match_id, world.nina, " Jeg drikker kaffe med Karin. ")
    second = mentor.add_agreement(world.db, match_id, world.nina, "Vi går en tur om søndagen.")
    mentor.update_agreement(world.db, second, match_id, world.nina, "Jeg går en tur med Karin.")
    texts = [a.text for a in mentor.get_match(world.db, match_id, world.nina).agreements]
    assert texts == ["Jeg drikker kaffe med Karin.", "Jeg går en tur med Karin."]
    mentor.delete_agreement(world.db, first, match_id, world.nina)
    assert len(mentor.get_match(world.db, match_id, world.nina).agreements) == 1
    with pytest.raises(NotFound):
        mentor.delete_agreement(world.db, first, match_id, world.nina)


def test_agreements_are_a_short_list_of_short_texts(world):
    match_id = start(world)
    with pytest.raises(SamtaleError):
        mentor.add_agreement(world.db, match_id, world.nina, "   ")
    with pytest.raises(SamtaleError):
        mentor.add_agreement(world.db, match_id, world.nina, "x" * 301)
    for n in range(mentor.MAX_AGREEMENTS):
        mentor.add_agreement(world.db, match_id, world.nina, f"Jeg aftale {n}")
    with pytest.raises(SamtaleError, match="kort"):
        mentor.add_agreement(world.db, match_id, world.nina, "Jeg en mere")


def test_evaluation_says_who_and_when_and_ends_the_match(world):
    match_id = start(world, ends_on=days_ago(1))
    assert mentor.get_match(world.db, match_id, world.nina).evaluation_due
    mentor.evaluate(
        world.db, match_id, world.nina, text="Jeg har fået en ven.", by="mentor", on=days_ago(1)
    )
    match = mentor.get_match(world.db, match_id, world.nina)
    assert (match.evaluation, match.evaluation_by, match.evaluated_on) == (
        "Jeg har fået en ven.",
        "mentor",
        days_ago(1),
    )
    assert not match.active and not match.evaluation_due


@pytest.mark.parametrize(
    "by, on, message",
    [
        ("kontaktperson", TODAY, "hvem"),
        ("newcomer", days_ago(-1), "fremtiden"),
        ("mentor", "x", "dato"),
    ],
)
def test_evaluation_refuses_bad_input(world, by, on, message):
    match_id = start(world)
    with pytest.raises(SamtaleError, match=message):
        mentor.evaluate(world.db, match_id, world.nina, text="Jeg ...", by=by, on=on)


# --- offers and newcomers ------------------------------------------------------------


def test_newcomers_without_mentor_are_recent_living_and_not_offered(world):
    edge_in = world.resident("Ida", world.north, newcomers.NEWCOMER_DAYS)
    world.resident("Ole", world.north, newcomers.NEWCOMER_DAYS + 1)
    future = world.resident("Eva", world.north, -7)  # moves in next week
    south = world.resident("Tom", world.south, 3)
    ids = [r.id for r in newcomers.newcomers_without_mentor(world.db, [world.north])]
    assert ids == [edge_in, world.nina, future]
    both = newcomers.newcomers_without_mentor(world.db, [world.north, world.south])
    assert south in [r.id for r in both]
    assert newcomers.newcomers_without_mentor(world.db, []) == []


def test_an_offer_or_a_match_takes_the_newcomer_off_the_list(world):
    ida = world.resident("Ida", world.north, 4)
    newcomers.record_offer(world.db, world.nina, "declined", "Vil hellere være i fred", world.mette)
    assert [r.id for r in newcomers.newcomers_without_mentor(world.db, [world.north])] == [ida]
    offer = newcomers.offer_for(world.db, world.nina)
    assert (offer.outcome, offer.reason, offer.recorded_by) == (
        "declined",
        "Vil hellere være i fred",
        "Mette Kristensen",
    )
    newcomers.record_offer(world.db, ida, "yes", "ignored when yes")
    assert newcomers.offer_for(world.db, ida).reason is None
    assert [r.id for r in newcomers.newcomers_waiting_for_match(world.db, [world.north])] == [ida]
    start(world, resident_id=ida)
    assert newcomers.newcomers_waiting_for_match(world.db, [world.north]) == []


def test_a_moved_out_newcomer_is_not_listed(world):
    residents.update(
        world.db,
        world.nina,
        display_name="Nina P.",
        unit_id=world.north,
        moved_in=days_ago(10),
        status="fraflyttet",
        moved_out=None,
    )
    assert newcomers.newcomers_without_mentor(world.db, [world.north]) == []
    assert not newcomers.is_newcomer(residents.get(world.db, world.nina))


@pytest.mark.parametrize("outcome", ["matched", "maybe", ""])
def test_only_yes_or_declined_can_be_recorded_by_hand(world, outcome):
    with pytest.raises(SamtaleError):
        newcomers.record_offer(world.db, world.nina, outcome)


def test_newcomer_status_moves_with_the_clock(world, monkeypatch):
    nina = residents.get(world.db, world.nina)
    assert newcomers.is_newcomer(nina)
    freeze(monkeypatch, TODAY.replace(month=12))
    assert not newcomers.is_newcomer(nina)


# --- the jeg-form hint ----------------------------------------------------------------


def fake_jegform(monkeypatch, flagged: bool = True, suggestion: str = "Jeg går en tur."):
    calls = []

    def check(text, names):
        calls.append((text, list(names)))
        return types.SimpleNamespace(
            flagged=flagged, suggestion=suggestion if flagged else None, reason="Skriv i jeg-form."
        )

    monkeypatch.setitem(sys.modules, "samtale.jegform", types.SimpleNamespace(check=check))
    return calls


def test_hint_offers_the_rewrite_when_flagged(monkeypatch):
    calls = fake_jegform(monkeypatch)
    result = jeg.hint("Nina går en tur.", jeg.names_of("Nina P."))
    assert result == jeg.Hint("Jeg går en tur.", "Skriv i jeg-form.")
    assert calls == [("Nina går en tur.", ["Nina P.", "Nina"])]


def test_no_hint_when_not_flagged_empty_or_jegform_missing(monkeypatch):
    fake_jegform(monkeypatch, flagged=False)
    assert jeg.hint("Jeg går en tur.") is None
    assert jeg.hint("") is None and jeg.hint(None) is None
    monkeypatch.setitem(sys.modules, "samtale.jegform", None)  # import now fails
    assert jeg.hint("Nina går en tur.", ["Nina"]) is None
