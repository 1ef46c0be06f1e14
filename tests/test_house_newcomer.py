"""Moving in, in the core: the newcomer's checklist read from the data (the Indflytning
conversation, the mentor offer, contact persons, dreams, a first follow-up date) plus
the manual items, and the mentor wish from the Indflytning conversation on the offer
and on the list of those waiting for a match."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from samtale import clock, conversations, goals, plan_items, residents
from samtale.banks import default_folders, load_banks
from samtale.errors import SamtaleError
from samtale.house import mentor, newcomer, newcomers
from tests.house_helpers import TODAY, world_fixture  # noqa: F401  (the `world` fixture)


@pytest.fixture(scope="module")
def banks():
    return load_banks(default_folders(None))


def moving_in(world, banks, answers: dict, who=None):
    who = who or world.nina
    bank = banks.get("indflytning")
    conv = conversations.get(world.db, who, conversations.start(world.db, who, bank, world.mette))
    for question_id, value in answers.items():
        conversations.save_answer(world.db, conv, question_id, value, written_by="resident",
                                  staff_id=world.mette)
    return conversations.get(world.db, who, conv.id)


def checks(world, who=None) -> dict[str, tuple[bool, str]]:
    person = residents.get(world.db, who or world.nina)
    found = newcomer.checklist_for(world.db, person)
    return {c.key: (c.done, c.detail) for c in found.checks}


def later(monkeypatch, minutes: int) -> None:
    moment = datetime(TODAY.year, TODAY.month, TODAY.day, 10, 0, tzinfo=UTC)
    monkeypatch.setattr(clock, "now", lambda: moment + timedelta(minutes=minutes))


def test_a_fresh_newcomer_has_nothing_done_and_needs_the_conversation(world):
    found = newcomer.checklist_for(world.db, residents.get(world.db, world.nina))
    assert [c.key for c in found.checks] == [
        "conversation", "mentor", "contacts", "dreams", "follow_up",
        "tour", "committee", "practical"]
    assert found.done == 0 and found.needs_conversation
    assert [c.label for c in found.missing][:2] == ["Indflytningssamtale holdt", "Mentor tilbudt"]


def test_the_checklist_follows_the_data(world, banks):
    conv = moving_in(world, banks, {"flytte_ind": "3"})
    assert checks(world)["conversation"] == (False, "I gang")
    assert not newcomer.checklist_for(world.db, residents.get(world.db, world.nina)
                                      ).needs_conversation
    conversations.finish(world.db, conv)
    person = residents.get(world.db, world.nina)
    residents.update(world.db, person.id, display_name=person.display_name,
                     unit_id=person.unit_id, moved_in=person.moved_in, status="bor_her",
                     contact_ids=[world.mette], moved_out=None)
    newcomers.record_offer(world.db, world.nina, "declined", staff_id=world.mette)
    plan_items.add(world.db, world.nina, "dream", "Jeg drømmer om en hund.")
    goals.create(world.db, world.nina, goals.GoalDraft(text="Jeg går en tur hver dag.",
                                                       next_follow_up="2026-07-27"),
                 staff_id=world.mette, staff_name="Mette")
    found = checks(world)
    assert found["conversation"] == (True, "")
    assert found["mentor"] == (True, "Nej tak")
    assert found["contacts"] == (True, "Mette Kristensen")
    assert found["dreams"][0] and found["follow_up"][0]
    assert not any(found[key][0] for key in newcomer.MANUAL)


def test_manual_items_are_ticked_and_unticked_keeping_the_first_date(world, monkeypatch):
    assert newcomer.set_ticked(world.db, world.nina, ["tour"], world.mette)
    later(monkeypatch, 60 * 24 * 3)
    assert newcomer.set_ticked(world.db, world.nina, ["tour", "committee"], world.mette)
    assert not newcomer.set_ticked(world.db, world.nina, ["committee", "tour"])
    assert newcomer.ticked(world.db, world.nina) == {"tour": "2026-06-15",
                                                      "committee": "2026-06-18"}
    newcomer.set_ticked(world.db, world.nina, ["committee"])
    assert newcomer.ticked(world.db, world.nina) == {"committee": "2026-06-18"}
    with pytest.raises(SamtaleError):
        newcomer.set_ticked(world.db, world.nina, ["hest"])
    assert checks(world)["committee"] == (True, "")


def test_mentor_wish_in_the_conversation_is_the_answer_to_the_offer(world, banks):
    assert [r.id for r in newcomers.newcomers_without_mentor(world.db, [world.north])] == [
        world.nina]
    moving_in(world, banks, {"mentor_oenske": "ja"})
    offer = newcomers.offer_for(world.db, world.nina)
    assert (offer.outcome, offer.source, offer.recorded_on) == ("yes", "conversation",
                                                                "2026-06-15")
    assert newcomers.newcomers_without_mentor(world.db, [world.north]) == []
    assert [r.id for r in newcomers.newcomers_waiting_for_match(world.db, [world.north])] == [
        world.nina]
    assert checks(world)["mentor"] == (True, "Ønsker en mentor")


def test_a_no_in_the_conversation_is_respected_and_dont_know_is_no_answer(world, banks):
    conv = moving_in(world, banks, {"mentor_oenske": "ved_ikke"})
    assert newcomers.offer_for(world.db, world.nina) is None
    conversations.save_answer(world.db, conv, "mentor_oenske", "nej", written_by="resident",
                              staff_id=world.mette, revision=conversations.server_revision() + 1)
    assert newcomers.offer_for(world.db, world.nina).outcome == "declined"
    assert newcomers.newcomers_without_mentor(world.db, [world.north]) == []
    assert newcomers.newcomers_waiting_for_match(world.db, [world.north]) == []


def test_the_latest_answer_counts_and_a_match_ends_the_waiting(world, banks, monkeypatch):
    newcomers.record_offer(world.db, world.nina, "declined", "Senere", world.mette)
    later(monkeypatch, 5)
    moving_in(world, banks, {"mentor_oenske": "ja"})
    assert newcomers.offer_for(world.db, world.nina).outcome == "yes"
    later(monkeypatch, 10)
    newcomers.record_offer(world.db, world.nina, "declined", "Alligevel ikke", world.mette)
    offer = newcomers.offer_for(world.db, world.nina)
    assert (offer.outcome, offer.source, offer.reason) == ("declined", "staff", "Alligevel ikke")
    later(monkeypatch, 15)
    newcomers.record_offer(world.db, world.nina, "yes", staff_id=world.mette)
    mentor.create_match(world.db, resident_id=world.nina, mentor_id=world.karin,
                        started_on=clock.today(), staff_id=world.mette)
    assert newcomers.offer_for(world.db, world.nina).outcome == "matched"
    assert newcomers.newcomers_waiting_for_match(world.db, [world.north]) == []
    assert checks(world)["mentor"] == (True, "Har en mentor")


def test_newcomers_in_lists_every_recent_resident_of_the_units(world):
    assert [r.id for r in newcomers.newcomers_in(world.db, [world.north])] == [world.nina]
    assert newcomers.newcomers_in(world.db, [world.south]) == []
    assert newcomers.newcomers_in(world.db, []) == []
