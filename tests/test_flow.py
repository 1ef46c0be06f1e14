"""Conversation logic: conditions, navigation, progress, answers, statements, snapshots."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from samtale import flow
from samtale.banks import Bank, load_file
from samtale.banks.conditions import ConditionError, evaluate, names, parse
from samtale.errors import NotFound, SamtaleError
from samtale.i18n import locale

DATA = Path(__file__).parent / "data" / "banks" / "good" / "flow-proeve.toml"
ALL = ["bolig", "droem", "navn", "steder", "hvem", "trivsel", "hjaelp", "omraader"]


@pytest.fixture(scope="module")
def bank() -> Bank:
    loaded, problems = load_file(DATA)
    assert problems == []
    return loaded


def ids(questions) -> list[str]:
    return [q.id for q in questions]


# --- the condition language ------------------------------------------------------------

@pytest.mark.parametrize(("condition", "answers", "holds"), [
    ("a == 'ja'", {"a": "ja"}, True),
    ("a == 'ja'", {"a": "nej"}, False),
    ("a == 'ja'", {}, False),
    ("a != 'ja'", {"a": "nej"}, True),
    ("a != 'ja'", {}, False),  # unanswered: every comparison is false
    ("not a == 'ja'", {}, True),
    ("a", {"a": "noget"}, True),
    ("a", {"a": ""}, False),
    ("a", {"a": []}, False),
    ("a in ['x', 'y']", {"a": "y"}, True),
    ("a not in ['x', 'y']", {"a": "z"}, True),
    ("a not in ['x', 'y']", {"a": "x"}, False),
    ("m == 'x'", {"m": ["x", "y"]}, True),  # several answers: "is among the chosen"
    ("m != 'x'", {"m": ["y"]}, True),
    ("m in ['q', 'y']", {"m": ["x", "y"]}, True),
    ("m not in ['q', 'y']", {"m": ["x", "y"]}, False),
    ("s <= 2", {"s": 2}, True),
    ("s < 2", {"s": 2}, False),
    ("s > 2", {"s": 3}, True),
    ("s >= 4", {"s": 3}, False),
    ("s == 3", {"s": 3}, True),
    ("s > 1", {"s": "3"}, False),  # numbers compare only with numbers
    ("s > 1", {"s": True}, False),
    ("a == 'ja' and b == 'ja'", {"a": "ja", "b": "nej"}, False),
    ("a == 'ja' or b == 'ja'", {"a": "ja", "b": "nej"}, True),
    ("a == 'ja' or b == 'ja' and c", {"a": "ja"}, True),  # and binds tighter
    ("(a == 'ja' or b == 'ja') and c", {"a": "ja"}, False),
    ("not (a == 'ja' and b == 'ja')", {"a": "ja"}, True),
    ('a == "ja"', {"a": "ja"}, True),
    ("A == 'ja' AND b", {"A": "ja", "b": "x"}, True),
])
def test_conditions(condition, answers, holds):
    assert evaluate(parse(condition), answers) is holds


@pytest.mark.parametrize("condition", [
    "", "a ==", "== 'ja'", "a = 'ja'", "a == 'ja' og b", "(a", "a b", "a in 'x'",
    "a in ['x'", "a == 'ja", "a == ja", "a > 3x", "a; import os", "__import__('os')",
    "(" * 30 + "a" + ")" * 30, "a == 'x' or " * 60 + "a",
])
def test_bad_conditions_raise_condition_error(condition):
    with pytest.raises(ConditionError) as info:
        parse(condition)
    assert info.value.message and info.value.fix


def test_condition_names_in_written_order():
    assert names(parse("b == 'x' and (a or not c in ['y'])")) == ["b", "a", "c"]


# --- visibility and navigation ----------------------------------------------------------

def test_visible_questions_follow_the_answers(bank):
    assert ids(flow.visible_questions(bank, {})) == ["bolig", "navn", "steder", "trivsel"]
    club = {"steder": ["klub"], "trivsel": 2}
    assert "hjaelp" in ids(flow.visible_questions(bank, {**club, "hvem": "ven"}))
    assert "hjaelp" not in ids(flow.visible_questions(bank, {**club, "hvem": "alene"}))
    # hvem is hidden without a club or a dream, so its 'alene' does not count
    assert "hjaelp" in ids(flow.visible_questions(bank, {"trivsel": 2, "hvem": "alene"}))
    answers = {"bolig": "ja", "steder": ["klub"], "trivsel": 4}
    assert ids(flow.visible_questions(bank, answers)) == ["bolig", "droem", "navn", "steder",
                                                          "hvem", "trivsel", "omraader"]


def test_an_answer_to_a_hidden_question_does_not_count(bank):
    # droem was answered, then bolig changed to nej: droem hides, so hvem (which needs
    # droem or a club) hides too, and the answer to droem is not effective.
    answers = {"bolig": "nej", "droem": "at bo ved havet", "hvem": "ven"}
    assert "hvem" not in ids(flow.visible_questions(bank, answers))
    assert flow.effective_answers(bank, answers) == {"bolig": "nej"}


def test_condition_holds_on_one_question(bank):
    assert flow.condition_holds(bank.question("bolig"), {})
    assert not flow.condition_holds(bank.question("droem"), {"bolig": "nej"})
    assert flow.condition_holds(bank.question("droem"), {"bolig": "ja"})


def test_first_next_previous(bank):
    answers = {"bolig": "ja"}
    assert flow.first_question(bank, answers).id == "bolig"
    assert flow.next_question(bank, answers, "bolig").id == "droem"
    assert flow.next_question(bank, {"bolig": "nej"}, "bolig").id == "navn"
    assert flow.previous_question(bank, {"bolig": "nej"}, "navn").id == "bolig"
    assert flow.previous_question(bank, answers, "bolig") is None
    assert flow.next_question(bank, {"steder": ["bibliotek"]}, "hjaelp") is None


def test_next_works_from_a_question_that_just_became_hidden(bank):
    # On droem, the person goes back and says nej to bolig; forward from droem still works.
    assert flow.next_question(bank, {"bolig": "nej"}, "droem").id == "navn"
    assert flow.previous_question(bank, {"bolig": "nej"}, "droem").id == "bolig"


def test_unknown_question_ids_are_not_found(bank):
    for call in (flow.next_question, flow.previous_question, flow.progress):
        with pytest.raises(NotFound):
            call(bank, {}, "findes_ikke")


def test_progress_counts_visible_questions(bank):
    assert flow.progress(bank, {}, "bolig") == (1, 4)
    answers = {"bolig": "ja", "steder": ["klub"], "trivsel": 4}
    assert flow.progress(bank, answers, "steder") == (4, 7)
    assert flow.progress(bank, answers, "omraader") == (7, 7)
    assert flow.progress(bank, {"bolig": "nej"}, "droem") == (2, 5)  # hidden, still on screen


def test_first_unanswered_resumes_where_nothing_is_written(bank):
    assert flow.first_unanswered(bank, {}).id == "bolig"
    assert flow.first_unanswered(bank, {"bolig": "ja", "droem": "x"}).id == "navn"
    done = {"bolig": "nej", "navn": "Bo", "steder": ["bibliotek"], "trivsel": 4}
    assert flow.first_unanswered(bank, done) is None


def test_a_bank_where_nothing_shows_has_no_first_question(bank):
    assert flow.first_question(Bank("tom", 1, bank.title, "andet", ("da",), ()), {}) is None


# --- conditions in words ------------------------------------------------------------------

def test_describe_condition_in_plain_danish(bank):
    assert flow.describe_condition(bank.question("bolig"), bank) == ""
    assert (flow.describe_condition(bank.question("droem"), bank)
            == "Vises kun hvis svaret på 'Bor du her?' er 'Ja'.")
    assert (flow.describe_condition(bank.question("hvem"), bank)
            == "Vises kun hvis der er valgt 'En klub' eller 'BIFOS' ved 'Hvor vil du hen?' "
               "eller der er svaret på 'Hvad drømmer du om?'.")
    assert (flow.describe_condition(bank.question("hjaelp"), bank)
            == "Vises kun hvis svaret på 'Hvordan har du det?' er 'Både og' eller lavere og "
               "det ikke gælder, at svaret på 'Med hvem?' er 'Alene'.")
    assert (flow.describe_condition(bank.question("omraader"), bank)
            == "Vises kun hvis der ikke er valgt 'Biblioteket' ved 'Hvor vil du hen?'.")


def test_describe_condition_uses_the_texts_of_the_language(bank):
    text = flow.describe_condition(bank.question("droem"), bank, "en")
    assert "'Do you live here?'" in text and "'Yes'" in text


def test_describe_condition_shortens_long_question_texts(bank):
    long = bank.question("bolig").__class__(
        "lang", "start", "yes_no", bank.question("bolig").text.of("Bor du " + "meget " * 20 + "?"),
        choices=bank.question("bolig").choices)
    other = bank.question("droem").__class__("x", "start", "short_text",
                                             bank.question("droem").text, show_if="lang == 'ja'")
    section = bank.sections[0].__class__("start", bank.title, None, (long, other))
    small = Bank("b", 1, bank.title, "andet", ("da",), (section,))
    assert "…'" in flow.describe_condition(other, small)


# --- answers ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("question_id", "raw", "stored"), [
    ("navn", "  Bo  ", "Bo"),
    ("navn", "Bo\nHansen\t", "Bo Hansen"),
    ("droem", "at bo\r\nved havet", "at bo\nved havet"),
    ("droem", "a\x00b\x1bc\u202ed", "abcd"),
    ("navn", "", None),
    ("navn", "   ", None),
    ("navn", None, None),
    ("hvem", "ven", "ven"),
    ("hvem", ["ven"], "ven"),
    ("hvem", "", None),
    ("bolig", "ja", "ja"),
    ("bolig", "Ved ikke", "ved_ikke"),
    ("steder", ["bifos", "bibliotek", "bifos"], ["bibliotek", "bifos"]),
    ("steder", "klub", ["klub"]),
    ("steder", [], None),
    ("trivsel", "3", 3),
    ("trivsel", 4, 4),
    ("trivsel", " ", None),
    ("omraader", ["685e8517-2f5c-4ef8-a7c4-fa2d008fdd9d"],
     ["685e8517-2f5c-4ef8-a7c4-fa2d008fdd9d"]),
])
def test_validate_answer_stores_the_documented_value(bank, question_id, raw, stored):
    assert flow.validate_answer(bank.question(question_id), raw) == stored


@pytest.mark.parametrize(("question_id", "raw", "message"), [
    ("droem", "x" * 51, "Svaret er for langt: 51 tegn. Der er plads til 50."),
    ("navn", "x" * 201, "Der er plads til 200"),
    ("navn", ["liste"], "Svaret skal være tekst."),
    ("hvem", "kat", "Vælg et af svarene på listen."),
    ("hvem", 3, "Vælg ét af svarene."),
    ("bolig", "måske", "Vælg et af svarene på listen."),
    ("steder", ["klub", "zoo"], "Vælg et eller flere af svarene på listen."),
    ("steder", [1], "Vælg et eller flere af svarene på listen."),
    ("trivsel", 0, "Vælg et trin på skalaen fra 1 til 4."),
    ("trivsel", 5, "fra 1 til 4"),
    ("trivsel", "to", "fra 1 til 4"),
    ("trivsel", True, "fra 1 til 4"),
    ("trivsel", 2.5, "fra 1 til 4"),
    ("omraader", ["7a8f247b-baf8-4552-95bb-acf8ef004b74", "69dbfad7-859a-4596-8737-8054f6b4948f"],
     "Vælg et eller flere"),  # helbred is not in this question's areas
])
def test_validate_answer_refuses_bad_input_in_plain_danish(bank, question_id, raw, message):
    with pytest.raises(SamtaleError) as info:
        flow.validate_answer(bank.question(question_id), raw)
    assert message in info.value.message
    assert info.value.status == 400


@pytest.mark.parametrize(("question_id", "value", "lang", "label"), [
    ("navn", "Bo", "da", "Bo"),
    ("hvem", "ven", "da", "Med en ven"),
    ("hvem", "ven", "en", "With a friend"),
    ("bolig", "ved_ikke", "da", "Ved ikke"),
    ("bolig", "ved_ikke", "en", "Don't know"),
    ("steder", ["bibliotek", "klub", "bifos"], "da", "Biblioteket, En klub og BIFOS"),
    ("steder", ["bibliotek", "klub"], "en", "The library and A club"),
    ("trivsel", 3, "da", "Godt (3 af 4)"),
    ("omraader", ["685e8517-2f5c-4ef8-a7c4-fa2d008fdd9d"], "da", "Arbejde"),
    ("navn", None, "da", ""),
    ("steder", [], "da", ""),
    ("hvem", "slettet", "da", "slettet"),  # a value the bank no longer has reads as itself
])
def test_answer_label(bank, question_id, value, lang, label):
    assert flow.answer_label(bank.question(question_id), value, lang) == label


@pytest.mark.parametrize(("question_id", "value", "lang", "expected"), [
    ("droem", "arbejde i et køkken", "da", "Jeg drømmer om at arbejde i et køkken."),
    ("droem", "At arbejde i et køkken.", "da", "Jeg drømmer om at arbejde i et køkken."),
    ("droem", "jeg vil være kok", "da", "Jeg vil være kok."),  # already in jeg-form
    ("droem", "cooking", "en", "I dream of cooking."),
    ("steder", ["bibliotek", "klub", "bifos"], "da",
     "Jeg vil gerne prøve biblioteket, en klub og BIFOS."),
    ("steder", ["klub"], "en", "I would like to try a club."),
    ("bolig", "ja", "da", "Jeg bor her."),
    ("bolig", "nej", "da", None),
    ("bolig", "ved_ikke", "da", None),
    ("omraader", ["7a8f247b-baf8-4552-95bb-acf8ef004b74", "685e8517-2f5c-4ef8-a7c4-fa2d008fdd9d"],
     "da", "Jeg vil gerne arbejde med familie og arbejde."),
    ("navn", "Bo", "da", None),  # no template
    ("droem", None, "da", None),
    ("droem", "", "da", None),
])
def test_statement_fills_the_first_person_template(bank, question_id, value, lang, expected):
    assert flow.statement(bank.question(question_id), value, lang) == expected


def test_join_words():
    assert flow.join_words([], "da") == ""
    assert flow.join_words(["a"], "da") == "a"
    assert flow.join_words(["a", "b"], "da") == "a og b"
    assert flow.join_words(["a", "b", "c"], "da") == "a, b og c"
    assert flow.join_words(["a", "b", "c"], "en") == "a, b and c"


def test_plan_items_collect_what_goes_into_the_plan(bank):
    answers = {"bolig": "ja", "droem": "at bo ved havet", "steder": ["klub"], "trivsel": 4,
               "omraader": ["685e8517-2f5c-4ef8-a7c4-fa2d008fdd9d"]}
    items = flow.plan_items(bank, answers)
    assert [(i.question_id, i.target) for i in items] == [
        ("bolig", "resources"), ("droem", "dreams"), ("steder", "activities"),
        ("omraader", "goals")]
    assert items[1].statement == "Jeg drømmer om at bo ved havet."
    assert items[1].ffb == ("52efa2e9-e0dc-41eb-8c01-9865e2fdebae",)
    assert items[3].ffb == ("685e8517-2f5c-4ef8-a7c4-fa2d008fdd9d",)  # the chosen life area
    assert items[2].answer == "En klub" and items[2].question_text == "Hvor vil du hen?"


def test_plan_items_leave_out_no_and_hidden_answers(bank):
    items = flow.plan_items(bank, {"bolig": "nej", "droem": "at bo ved havet"})
    assert items == []


def test_messages_follow_the_locale(bank):
    with locale("en"):
        with pytest.raises(SamtaleError):
            flow.validate_answer(bank.question("hvem"), "kat")
    assert flow.answer_label(bank.question("trivsel"), 1, "da") == "Skidt (1 af 4)"


# --- snapshots: history stays true ---------------------------------------------------------

def test_snapshot_round_trips_through_json(bank):
    data = json.loads(json.dumps(flow.snapshot(bank)))
    again = flow.bank_from_snapshot(data)
    assert again == bank
    assert Bank.from_snapshot(data) == bank
    assert again.question("omraader").choices == bank.question("omraader").choices
    assert again.question("hvem").condition == bank.question("hvem").condition
    assert flow.content_hash(again) == flow.content_hash(bank)
    assert again.source == ""


def test_a_snapshot_keeps_the_bank_as_it_was_when_the_file_changes(tmp_path, bank):
    path = tmp_path / "flow-proeve.toml"
    shutil.copy(DATA, path)
    before, _problems = load_file(path)
    stored = json.dumps(flow.snapshot(before))
    old_hash = flow.content_hash(before)
    path.write_text(path.read_text().replace("Bor du her?", "Bor du i huset?")
                    .replace("version = 1", "version = 2"), encoding="utf-8")
    after, _problems = load_file(path)
    assert after.question("bolig").text_for("da") == "Bor du i huset?"
    assert flow.content_hash(after) != old_hash
    path.unlink()
    kept = flow.bank_from_snapshot(json.loads(stored))
    assert kept.version == 1 and kept.question("bolig").text_for("da") == "Bor du her?"
    assert flow.content_hash(kept) == old_hash


def test_the_content_hash_changes_with_any_shown_text_but_not_with_the_file_path(tmp_path):
    text = DATA.read_text()
    a, _p = load_file(_write(tmp_path / "a", text))
    b, _p = load_file(_write(tmp_path / "b", text))
    c, _p = load_file(_write(tmp_path / "c", text.replace("Vi starter her.", "Vi starter.")))
    assert flow.content_hash(a) == flow.content_hash(b) != flow.content_hash(c)
    assert len(flow.content_hash(a)) == 64


def _write(folder: Path, text: str) -> Path:
    folder.mkdir()
    (folder / "bank.toml").write_text(text, encoding="utf-8")
    return folder / "bank.toml"


@pytest.mark.parametrize("broken", [None, {}, {"format": 2}, {"format": 1},
                                    {"format": 1, "sections": [{"id": "x"}]}])
def test_a_broken_snapshot_is_a_samtale_error(broken):
    with pytest.raises(SamtaleError):
        flow.bank_from_snapshot(broken)
