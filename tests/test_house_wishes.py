"""Activity wishes in the core: the two consents (share, first name) and their events,
the board section and the committee's grouping by life area and topic with counts,
withdrawal that removes a wish everywhere at once (board, committee view, idea links),
moved-out and other units' residents, and consent from the Aktiviteter conversation."""

from __future__ import annotations

import pytest

from samtale import conversations, plan_items, residents, suggestions
from samtale.banks import default_folders, load_banks
from samtale.errors import NotFound
from samtale.house import board, trials, wish_consent, wish_ideas, wishes
from tests.house_helpers import world_fixture  # noqa: F401  (the `world` fixture)

LEISURE = "dcc6bb77-45af-4625-9c4d-7d7878307220"  # Deltage i sociale fællesskaber ...
WORK = "685e8517-2f5c-4ef8-a7c4-fa2d008fdd9d"  # Varetage beskæftigelse


@pytest.fixture(scope="module")
def banks():
    return load_banks(default_folders(None))


def wish(world, who: int, text: str, *, shared=True, named=False, theme=LEISURE) -> int:
    item = plan_items.add(world.db, who, "activity", text, ffb_theme=theme,
                          share_on_board=shared, share_first_name=named, staff_id=world.mette)
    return item.id


def board_lines(world, unit=None) -> list[tuple[str, str]]:
    found = board.board_for(world.db, unit or world.north)
    section = next((s for s in found.sections if s.key == "wishes"), None)
    return [(item.title, item.people) for item in section.items] if section else []


def committee(world, unit=None) -> dict[str, list[tuple[str, int, str]]]:
    groups = wishes.by_area(wishes.wishes_for_unit(world.db, unit or world.north))
    return {g.name: [(t.label, t.count, t.people) for t in g.topics] for g in groups}


def test_a_wish_is_on_the_board_only_with_consent_and_anonymous_by_default(world):
    wish(world, world.karin, "Jeg vil gerne gå gåture om morgenen.")
    wish(world, world.bo, "Jeg vil gerne gå gåture ved søen.", shared=False)
    assert board_lines(world) == [("Gåture (1)", "en beboer")]
    assert board.board_for(world.db, world.north).named_resident_ids == frozenset()


def test_the_first_name_shows_only_with_the_second_consent(world):
    item_id = wish(world, world.karin, "Jeg vil gerne gå gåture om morgenen.", named=True)
    assert board_lines(world) == [("Gåture (1)", "Karin")]
    assert board.board_for(world.db, world.north).named_resident_ids == {world.karin}
    wish_consent.set_consent(world.db, world.karin, item_id, shared=True, named=False,
                             staff_id=world.mette)
    assert board_lines(world) == [("Gåture (1)", "en beboer")]


def test_a_name_without_sharing_is_never_stored(world):
    item_id = wish(world, world.karin, "Jeg vil gerne gå gåture.", shared=False, named=True)
    assert plan_items.get(world.db, world.karin, item_id).share_first_name is False
    assert not wish_consent.set_consent(world.db, world.karin, item_id, shared=False,
                                        named=True)
    consent = wish_consent.get(world.db, world.karin, item_id)
    assert (consent.shared, consent.named) == (False, False)
    assert board_lines(world) == []


def test_every_consent_change_is_an_event_with_who_when_and_where(world):
    item_id = wish(world, world.karin, "Jeg vil gerne gå gåture.")
    assert wish_consent.set_consent(world.db, world.karin, item_id, shared=True, named=True,
                                    via="resident_screen", staff_id=world.mette)
    assert not wish_consent.set_consent(world.db, world.karin, item_id, shared=True,
                                        named=True, staff_id=world.mette)  # no change
    wish_consent.withdraw(world.db, world.karin, item_id, staff_id=world.lene,
                          staff_name="Lene H.")
    events = wish_consent.history(world.db, world.karin, item_id)
    assert [(e.shared, e.named, e.via, e.staff_name) for e in events] == [
        (True, False, "new_item", "Mette Kristensen"),
        (True, True, "resident_screen", "Mette Kristensen"),
        (False, False, "plan", "Lene H."),
    ]
    assert all(e.at.startswith("2026-06-15T") for e in events)


def test_withdrawing_removes_the_wish_everywhere_at_once(world):
    karin = wish(world, world.karin, "Jeg vil gerne gå gåture.", named=True)
    wish(world, world.bo, "Jeg vil gerne med på gåture og til fælles spisning.")
    trial_id = wish_ideas.make_idea(world.db, world.north, "gåture", world.mette)
    linked = wish_ideas.wishes_of_trial(world.db, trial_id, world.north)
    assert (linked.count, linked.people) == (2, "Karin og en beboer")

    wish_consent.withdraw(world.db, world.karin, karin, staff_id=world.mette)

    assert board_lines(world) == [("Fælles spisning (1)", "en beboer"),
                                  ("Gåture (1)", "en beboer")]
    assert committee(world) == {"Fællesskaber og fritid": [
        ("Fælles spisning", 1, "en beboer"), ("Gåture", 1, "en beboer")]}
    linked = wish_ideas.wishes_of_trial(world.db, trial_id, world.north)
    assert (linked.count, linked.people, linked.named_ids) == (1, "en beboer", frozenset())
    assert world.db.execute("SELECT count(*) FROM wish_ideas WHERE item_id = ?",
                            [karin]).fetchone()[0] == 0
    trial = trials.get(world.db, trial_id, [world.north])  # the idea keeps its own words
    assert (trial.title, trial.source) == ("Gåture", "wish")
    assert "Karin" not in trial.idea and trial.idea == "Fra tavlen: 2 beboere ønsker sig gåture."


def test_taking_back_only_the_name_keeps_the_wish_and_the_link(world):
    karin = wish(world, world.karin, "Jeg vil gerne gå gåture.", named=True)
    trial_id = wish_ideas.make_idea(world.db, world.north, "Gåture")
    wish_consent.set_consent(world.db, world.karin, karin, shared=True, named=False)
    linked = wish_ideas.wishes_of_trial(world.db, trial_id, world.north)
    assert (linked.count, linked.people) == (1, "en beboer")


def test_a_deleted_wish_leaves_the_board_and_its_events_lose_the_link(world):
    item_id = wish(world, world.karin, "Jeg vil gerne gå gåture.")
    trial_id = wish_ideas.make_idea(world.db, world.north, "gåture")
    plan_items.delete(world.db, world.karin, item_id, staff_id=world.mette, staff_name="M")
    assert board_lines(world) == []
    assert wish_ideas.wishes_of_trial(world.db, trial_id, world.north).count == 0
    assert [e.item_id for e in wish_consent.history(world.db, world.karin)] == [None]


def test_moved_out_and_other_units_residents_are_not_on_the_board(world):
    wish(world, world.karin, "Jeg vil gerne gå gåture.", named=True)
    wish(world, world.sara, "Jeg vil gerne gå gåture i byen.", named=True)
    assert board_lines(world) == [("Gåture (1)", "Karin")]
    assert board_lines(world, world.south) == [("Gåture (1)", "Sara")]
    karin = residents.get(world.db, world.karin)
    residents.update(world.db, karin.id, display_name=karin.display_name, unit_id=world.north,
                     moved_in=karin.moved_in, status="fraflyttet", contact_ids=[],
                     moved_out="2026-06-14")
    assert board_lines(world) == [] and committee(world) == {}
    assert board.board_for(world.db, world.north).named_resident_ids == frozenset()


def test_committee_view_groups_by_life_area_and_counts_topics(world):
    nina = world.nina
    wish(world, world.karin, "Jeg vil gerne gå gåture om morgenen.", named=True)
    wish(world, world.bo, "I huset vil jeg gerne være med til gåture og fælles spisning.")
    wish(world, nina, "Jeg vil gerne med på gåture.", theme=None)  # no theme: follows the rest
    wish(world, nina, "Jeg vil gerne lære at bage brød.", theme=WORK)
    wish(world, world.bo, "Jeg vil gerne spille bordtennis igen.")
    groups = committee(world)
    assert list(groups) == ["Fællesskaber og fritid", "Arbejde og læring"]
    assert groups["Fællesskaber og fritid"] == [
        ("Gåture", 3, "Karin og 2 beboere"),
        ("Fælles spisning", 1, "en beboer"),
        ("Jeg vil gerne spille bordtennis igen.", 1, "en beboer"),
    ]
    assert groups["Arbejde og læring"] == [("Jeg vil gerne lære at bage brød.", 1, "en beboer")]
    area = wishes.by_area(wishes.wishes_for_unit(world.db, world.north))[0]
    assert area.count == 4  # wishes, each counted once however many topics it names


def test_an_unnamed_wish_of_a_named_resident_does_not_reveal_who(world):
    wish(world, world.karin, "Jeg vil gerne gå gåture om morgenen.", named=True)
    wish(world, world.karin, "Jeg vil gerne gå gåture om aftenen.")
    assert committee(world)["Fællesskaber og fritid"] == [("Gåture", 2, "Karin og en beboer")]


@pytest.mark.parametrize("text, topics", [
    ("Jeg vil gerne med på gåture og til fælles spisning.", ("Gåture", "Fælles spisning")),
    ("I huset vil jeg gerne være med til film og spil.", ("Film og spil",)),
    ("Jeg kunne tænke mig at prøve et fitnesscenter.", ("Et fitnesscenter",)),
    ("Jeg vil gerne   spille bordtennis.", ("Jeg vil gerne spille bordtennis.",)),
    ("Jeg vil gerne male.", ("Jeg vil gerne male.",)),  # 'mad' is no activity choice
])
def test_topics_are_the_activity_choices_a_wish_names(text, topics):
    assert wishes.topics_of(text, wishes.shipped_labels()) == topics


def test_an_idea_from_a_free_text_wish_and_an_unknown_topic(world):
    wish(world, world.bo, "Jeg vil gerne spille bordtennis igen.")
    trial_id = wish_ideas.make_idea(world.db, world.north, "jeg vil gerne spille bordtennis igen.")
    trial = trials.get(world.db, trial_id, [world.north])
    assert trial.title == "Jeg vil gerne spille bordtennis igen"
    assert trial.idea == "Et ønske fra tavlen: Jeg vil gerne spille bordtennis igen."
    with pytest.raises(NotFound):
        wish_ideas.make_idea(world.db, world.north, "svømning")
    with pytest.raises(NotFound):  # the topic exists only in another unit
        wish_ideas.make_idea(world.db, world.south, "jeg vil gerne spille bordtennis igen.")


def test_plan_item_update_never_shares_but_can_take_back(world):
    item_id = wish(world, world.karin, "Jeg vil gerne gå gåture.", shared=False)
    plan_items.update(world.db, world.karin, item_id, "Jeg vil gerne gå lange gåture.",
                      ffb_theme=LEISURE, share_on_board=True)
    assert plan_items.get(world.db, world.karin, item_id).share_on_board is False
    wish_consent.set_consent(world.db, world.karin, item_id, shared=True, named=True)
    plan_items.update(world.db, world.karin, item_id, "Jeg vil gerne gå gåture hver dag.",
                      share_on_board=True)  # an edit form keeps the consents
    item = plan_items.get(world.db, world.karin, item_id)
    assert (item.share_on_board, item.share_first_name) == (True, True)
    plan_items.update(world.db, world.karin, item_id, item.text, share_on_board=False,
                      staff_id=world.mette)
    item = plan_items.get(world.db, world.karin, item_id)
    assert (item.share_on_board, item.share_first_name) == (False, False)
    assert wish_consent.history(world.db, world.karin, item_id)[-1].via == "item_form"


def test_consent_belongs_to_activity_wishes_of_the_resident_only(world):
    dream = plan_items.add(world.db, world.karin, "dream", "Jeg drømmer om en have.")
    other = wish(world, world.bo, "Jeg vil gerne gå gåture.")
    for resident_id, item_id in ((world.karin, dream.id), (world.karin, other)):
        with pytest.raises(NotFound):
            wish_consent.set_consent(world.db, resident_id, item_id, shared=True, named=True)
    assert plan_items.get(world.db, world.karin, dream.id).share_on_board is None


def _activities(world, banks, answers: dict):
    bank = banks.get("aktiviteter-og-faellesskaber")
    conv = conversations.get(world.db, world.karin,
                             conversations.start(world.db, world.karin, bank, world.mette))
    for question_id, value in answers.items():
        conversations.save_answer(world.db, conv, question_id, value, written_by="resident",
                                  staff_id=world.mette)
    return conversations.get(world.db, world.karin, conv.id)


@pytest.mark.parametrize("share, name, expected", [
    ("ja", "ja", (True, True)),
    ("ja", "nej", (True, False)),
    ("nej", "ja", (False, False)),  # the name question was hidden: it does not count
])
def test_the_conversation_answers_are_the_consent_when_a_wish_is_accepted(
        world, banks, share, name, expected):
    conv = _activities(world, banks, {"huset_aktiviteter": ["gaatur"],
                                      "tavle_samtykke": share, "tavle_navn": name})
    assert wish_consent.from_conversation(conv) == expected
    decided = suggestions.decide(world.db, conv, "huset_aktiviteter", "accepted",
                                 values={"share_on_board": expected[0]},
                                 staff_id=world.mette, staff_name="Mette K.")
    item = plan_items.get(world.db, world.karin, decided.item_id)
    assert (item.share_on_board, item.share_first_name) == expected
    shown = board_lines(world)
    assert shown == ([("Gåture (1)", "Karin" if expected[1] else "en beboer")]
                     if expected[0] else [])
    events = wish_consent.history(world.db, world.karin, item.id)
    assert [(e.via, e.staff_name) for e in events] == (
        [("conversation", "Mette K.")] if expected[0] else [])


def test_unticking_sharing_on_the_review_page_keeps_the_wish_private(world, banks):
    conv = _activities(world, banks, {"huset_aktiviteter": ["film"],
                                      "tavle_samtykke": "ja", "tavle_navn": "ja"})
    decided = suggestions.decide(world.db, conv, "huset_aktiviteter", "accepted",
                                 values={"share_on_board": False})
    item = plan_items.get(world.db, world.karin, decided.item_id)
    assert (item.share_on_board, item.share_first_name) == (False, False)
    assert board_lines(world) == []


def test_demo_has_consented_wishes_a_withdrawn_one_and_a_partly_done_checklist():
    import random

    from samtale import migrations
    from samtale.db import open_db
    from samtale.demo import DemoContext, house, people
    from samtale.house import newcomer
    from tests.conftest import FAST_HASHER

    db = open_db(":memory:")
    migrations.apply(db)
    ctx = DemoContext(db, FAST_HASHER, random.Random(1))
    people.seed(ctx)
    house.seed(ctx)
    north, ids = ctx.ids["Afdeling Nord"], ctx.ids
    groups = {g.name: [(t.label, t.count, t.people) for t in g.topics]
              for g in wishes.by_area(wishes.wishes_for_unit(db, north))}
    assert ("Gåture", 3, "Karin og 2 beboere") in groups["Fællesskaber og fritid"]
    assert ("Film og spil", 1, "Bjørn") in groups["Fællesskaber og fritid"]
    withdrawn = [e for e in wish_consent.history(db, ids["Karin S."]) if not e.shared]
    assert len(withdrawn) == 1
    assert [t.source for t in trials.list_for_unit(db, north)].count("wish") == 1
    yasmin = newcomer.checklist_for(db, residents.get(db, ids["Yasmin A."]))
    assert [c.key for c in yasmin.checks if c.done] == ["mentor", "contacts", "tour"]
    assert len(yasmin.missing) == 5
    db.close()
