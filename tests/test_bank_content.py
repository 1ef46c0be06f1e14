"""The shipped question banks: valid, complete, easy to read, and using every type."""

from __future__ import annotations

import re

import pytest

from samtale import flow
from samtale.banks import QUESTION_TYPES, default_folders, load_banks
from samtale.markdown import render
from samtale.readability import lix

EXPECTED = {
    "haab-og-droemme": "haab_og_droemme",
    "aktiviteter-og-faellesskaber": "aktiviteter",
    "indflytning": "indflytning",
    "hverdag-arbejde-og-laering": "hverdag",
    "opfoelgning": "opfoelgning",
}
SHIPPED = load_banks(default_folders())
BANKS = [SHIPPED.banks[bank_id] for bank_id in EXPECTED if bank_id in SHIPPED.banks]
QUESTIONS = [(bank, question) for bank in BANKS for question in bank.questions]


def qid(item) -> str:
    return f"{item[0].id}:{item[1].id}" if isinstance(item, tuple) else item.id


def test_every_shipped_bank_is_valid():
    assert [str(p) for p in SHIPPED.problems] == []
    assert {bank_id: bank.purpose for bank_id, bank in SHIPPED.banks.items()} == EXPECTED


@pytest.mark.parametrize("bank", BANKS, ids=qid)
def test_enough_questions_and_conditions(bank):
    minimum = 5 if bank.purpose == "opfoelgning" else 12
    assert len(bank.questions) >= minimum
    assert sum(1 for q in bank.questions if q.show_if) >= 2
    assert len({q.type for q in bank.questions}) >= 4  # each bank uses several types


def test_every_type_is_used_and_haab_og_droemme_uses_all_seven():
    assert {q.type for _bank, q in QUESTIONS} == set(QUESTION_TYPES)
    assert {q.type for q in SHIPPED.banks["haab-og-droemme"].questions} == set(QUESTION_TYPES)


@pytest.mark.parametrize(("bank", "question"), QUESTIONS, ids=[qid(i) for i in QUESTIONS])
def test_question_text_is_easy_to_read(bank, question):
    for lang in ("da", "en"):
        assert lix(question.text_for(lang)) <= 30, lang
        assert len(question.text_for(lang)) <= 80, lang


@pytest.mark.parametrize("bank", BANKS, ids=qid)
def test_section_intros_are_easy_to_read(bank):
    for section in bank.sections:
        assert section.intro_for("da"), f"{section.id} has no intro"
        assert lix(section.intro_for("da")) <= 30, section.id
        assert lix(section.intro_for("en")) <= 30, section.id


@pytest.mark.parametrize(("bank", "question"), QUESTIONS, ids=[qid(i) for i in QUESTIONS])
def test_every_question_has_help_grounded_in_the_principles(bank, question):
    for lang, why in (("da", "**Hvorfor vi spørger:**"), ("en", "**Why we ask:**")):
        help_text = question.help.as_dict().get(lang, "")
        assert help_text.startswith(why), f"{lang} help must start with {why}"
        assert help_text.count("**") >= 6  # why we ask, and two more parts
        assert "<strong>" in render(help_text)


@pytest.mark.parametrize(("bank", "question"), QUESTIONS, ids=[qid(i) for i in QUESTIONS])
def test_every_text_is_translated(bank, question):
    assert bank.languages == ("da", "en")
    assert set(question.text.as_dict()) == {"da", "en"}
    for choice in question.choices:
        assert set(choice.label.as_dict()) == {"da", "en"}
    if question.template:
        assert set(question.template.as_dict()) == {"da", "en"}


def _sample(question):
    if question.type in ("short_text", "long_text"):
        return "gå en tur"
    if question.type == "yes_no":
        return "ja"
    if question.type == "scale":
        return 2
    if question.type == "single_choice":
        return question.choice_ids[0]
    return list(question.choice_ids[:2])


PLANNED = [(b, q) for b, q in QUESTIONS if q.plan]


FIRST_PERSON = {"da": {"jeg", "mig", "min", "mit", "mine"}, "en": {"i", "me", "my"}}


@pytest.mark.parametrize(("bank", "question"), PLANNED, ids=[qid(i) for i in PLANNED])
def test_plan_questions_have_a_theme_and_a_first_person_statement(bank, question):
    assert question.ffb or question.type == "life_area"
    assert question.template is not None
    for lang, pronouns in FIRST_PERSON.items():
        sentence = flow.statement(question, _sample(question), lang)
        assert sentence and sentence.endswith(".") and "{" not in sentence
        assert sentence[0].isupper()
        assert pronouns & set(re.findall(r"\w+", sentence.lower())), sentence


def test_the_plan_targets_are_all_used():
    assert {q.plan for _b, q in PLANNED} == {"dreams", "resources", "network", "activities",
                                             "goals"}


def test_ids_other_features_rely_on():
    moving_in = SHIPPED.banks["indflytning"]
    assert moving_in.question("mentor_oenske").type == "yes_no"
    follow_up = SHIPPED.banks["opfoelgning"]
    assert follow_up.question("status").choice_ids == ("groen", "gul", "roed")
    assert follow_up.question("enig").type == "yes_no"
    activities = SHIPPED.banks["aktiviteter-og-faellesskaber"]
    assert activities.question("tavle_samtykke").type == "yes_no"
    assert SHIPPED.banks["haab-og-droemme"].question("droemme_i_plan").type == "yes_no"


@pytest.mark.parametrize("bank", BANKS, ids=qid)
def test_every_condition_reads_in_words(bank):
    for question in bank.questions:
        words = flow.describe_condition(question, bank)
        assert bool(words) == bool(question.show_if)
        assert not words or (words.startswith("Vises kun hvis ") and words.endswith("."))


@pytest.mark.parametrize("bank", BANKS, ids=qid)
def test_a_whole_conversation_can_run_to_the_end(bank):
    answers: dict[str, object] = {}
    question = flow.first_question(bank, answers)
    seen = []
    while question is not None:
        seen.append(question.id)
        answers[question.id] = flow.validate_answer(question, _sample(question))
        question = flow.next_question(bank, answers, question.id)
    assert seen == [q.id for q in flow.visible_questions(bank, answers)]
    assert len(seen) >= len(bank.questions) - sum(1 for q in bank.questions if q.show_if)


@pytest.mark.parametrize(("text", "expected"), [
    ("", 0.0),
    ("Hvad drømmer du om?", 4 / 1 + 100 * 1 / 4),
    ("Hej. Du er her.", 4 / 2 + 0),
    ("Vi ses i morgen! Kommer du?", 6 / 2 + 0),  # 6 letters is not long
    ("Vi ses i morgen! Kommer du hjemmefra?", 7 / 2 + 100 * 1 / 7),
    ("Beboer-mentoren hjælper", 2 / 1 + 100 * 2 / 2),  # a hyphen keeps one word
    ("Prisen er 1.5 kr", 4 / 1 + 0),  # a point between digits ends nothing, splits nothing
    ("Første linje\nAnden linje.", 4 / 2 + 0),  # a line break ends a sentence
    ("Klokken 1234567 i dag", 4 / 1 + 100 * 1 / 4),  # digits are not letters
])
def test_lix(text, expected):
    assert lix(text) == pytest.approx(expected)
