"""Loading question banks, and every validation rule on good and broken banks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from samtale.banks import (
    QUESTION_TYPES,
    BankSet,
    Problem,
    check_paths,
    default_folders,
    life_areas,
    load_banks,
    load_file,
    load_paths,
    problems,
)
from samtale.errors import NotFound
from samtale.ffb import is_theme
from samtale.paths import resource_dir

DATA = Path(__file__).parent / "data" / "banks"

BASE = '''\
id = "proeve"
version = 1
purpose = "andet"
languages = ["da", "en"]
title.da = "Prøve"
title.en = "Trial"

[[choice_list]]
id = "farver"
choices = [
  { id = "roed", da = "Rød", en = "Red" },
  { id = "blaa", da = "Blå", en = "Blue" },
]

[[section]]
id = "start"
title.da = "Start"
title.en = "Start"

[[section.question]]
id = "bolig"
type = "yes_no"
text.da = "Bor du her?"
text.en = "Do you live here?"

[[section.question]]
id = "farve"
type = "single_choice"
choices = "farver"
text.da = "Hvilken farve?"
text.en = "Which colour?"
show_if = "bolig == 'ja'"

[[section.question]]
id = "trivsel"
type = "scale"
scale = [{ da = "Skidt", en = "Bad" }, { da = "Godt", en = "Good" }, { da = "Fint", en = "Fine" }]
text.da = "Hvordan har du det?"
text.en = "How are you?"

[[section]]
id = "slut"
title.da = "Slut"
title.en = "End"

[[section.question]]
id = "droem"
type = "long_text"
text.da = "Hvad drømmer du om?"
text.en = "What do you dream of?"
help.da = "**Hvorfor:** fordi."
help.en = "**Why:** because."
template.da = "Jeg drømmer om {svar}"
template.en = "I dream of {svar}"
plan = "dreams"
ffb = "52efa2e9-e0dc-41eb-8c01-9865e2fdebae"
'''


def write(folder: Path, text: str, name: str = "bank.toml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def check(tmp_path: Path, text: str) -> list[Problem]:
    bank, found = load_file(write(tmp_path, text))
    assert (bank is None) == bool(found)
    return found


def line_of(text: str, needle: str, nth: int = 0) -> int:
    lines = [i for i, line in enumerate(text.splitlines(), start=1) if needle in line]
    return lines[nth]


def test_the_base_bank_is_valid(tmp_path):
    bank, found = load_file(write(tmp_path, BASE))
    assert found == []
    assert bank.id == "proeve" and bank.version == 1 and bank.languages == ("da", "en")
    assert [q.id for q in bank.questions] == ["bolig", "farve", "trivsel", "droem"]
    assert [s.id for s in bank.sections] == ["start", "slut"]
    assert bank.question("farve").choice_ids == ("roed", "blaa")
    assert bank.question("trivsel").choice_ids == ("1", "2", "3")
    assert bank.question("bolig").choice_ids == ("ja", "nej", "ved_ikke")
    assert bank.question("droem").help_for("en") == "**Why:** because."
    assert bank.question("farve").help_for("en") == ""
    assert bank.question("droem").text_for("en") == "What do you dream of?"
    assert bank.source == str(tmp_path / "bank.toml")


def test_question_and_section_lookup_raise_not_found(tmp_path):
    bank, _found = load_file(write(tmp_path, BASE))
    with pytest.raises(NotFound):
        bank.question("findes_ikke")
    with pytest.raises(NotFound):
        bank.section("findes_ikke")
    assert bank.section("slut").questions[0].id == "droem"


def test_plain_strings_are_danish_and_languages_default_to_danish():
    bank, found = load_file(DATA / "good" / "anden.toml")
    assert found == []
    assert bank.languages == ("da",)
    assert bank.title_for("en") == "Anden bank"
    assert bank.question("hvad").text_for("da") == "Hvad laver du i dag?"


def test_life_area_questions_offer_ffb_themes_grouped_in_plain_words():
    bank, _found = load_file(DATA / "good" / "flow-proeve.toml")
    question = bank.question("omraader")
    groups = {c.group.get("da") for c in question.choices}
    assert groups == {"Mennesker omkring mig", "Arbejde og læring"}
    assert all(is_theme(code) for code in question.choice_ids)


def test_every_built_in_life_area_is_an_ffb_theme_once():
    codes = [c.id for c in life_areas.choices()]
    assert len(codes) == len(set(codes)) > 20
    assert all(is_theme(code) for code in codes)


# --- one rule at a time: (replace this, with that) -> expected message, question --------

RULES = [
    pytest.param('version = 1\n', '', "Feltet 'version' mangler", None, id="missing-field"),
    pytest.param('title.da = "Prøve"', 'titel.da = "Prøve"', "Feltet 'titel' kendes ikke",
                 None, id="unknown-field"),
    pytest.param('type = "long_text"', 'type = "longtext"', "'longtext' kan ikke bruges",
                 "droem", id="unknown-type"),
    pytest.param('id = "trivsel"', 'id = "bolig"', "to spørgsmål med id'et 'bolig'",
                 "bolig", id="duplicate-question"),
    pytest.param('id = "slut"', 'id = "start"', "to sektioner med id'et 'start'",
                 None, id="duplicate-section"),
    pytest.param('{ id = "blaa"', '{ id = "roed"', "To svar har id'et 'roed'", None,
                 id="duplicate-choice"),
    pytest.param("show_if = \"bolig == 'ja'\"", "show_if = \"boligen == 'ja'\"",
                 "spørgsmålet 'boligen', som ikke findes", "farve", id="condition-unknown"),
    pytest.param("show_if = \"bolig == 'ja'\"", "show_if = \"trivsel >= 2\"",
                 "ser på 'trivsel', som ikke er besvaret endnu", "farve", id="condition-later"),
    pytest.param("show_if = \"bolig == 'ja'\"", "show_if = \"farve == 'roed'\"",
                 "ser på 'farve', som ikke er besvaret endnu", "farve", id="condition-self"),
    pytest.param("show_if = \"bolig == 'ja'\"", "show_if = \"bolig == 'jaa'\"",
                 "'jaa' er ikke et af svarene på 'bolig'", "farve", id="condition-choice"),
    pytest.param("show_if = \"bolig == 'ja'\"", "show_if = \"bolig = 'ja'\"",
                 "ét lighedstegn", "farve", id="condition-single-equals"),
    pytest.param("show_if = \"bolig == 'ja'\"", "show_if = \"bolig == 'ja' og bolig\"",
                 "Skriv 'and' i stedet for 'og'", "farve", id="condition-danish-word"),
    pytest.param("show_if = \"bolig == 'ja'\"", "show_if = \"(bolig == 'ja'\"",
                 "slutparentes", "farve", id="condition-parenthesis"),
    pytest.param("show_if = \"bolig == 'ja'\"", "show_if = \"bolig > 1\"",
                 "kan kun bruges ved en skala", "farve", id="condition-number-on-choice"),
    pytest.param('ffb = "52efa2e9', 'show_if = "trivsel == 7"\nffb = "52efa2e9',
                 "Skalaen 'trivsel' har trin fra 1 til 3", "droem", id="condition-scale-range"),
    pytest.param('type = "scale"', 'type = "short_text"', "Feltet 'scale' passer ikke",
                 "trivsel", id="scale-on-text"),
    pytest.param('{ id = "blaa", da = "Blå", en = "Blue" },', '', "mindst to svar", None,
                 id="one-choice"),
    pytest.param('template.da = "Jeg drømmer om {svar}"', 'template.da = "Jeg drømmer om {drøm}"',
                 "bruger {drøm}, som ikke findes", "droem", id="template-placeholder"),
    pytest.param('template.da = "Jeg drømmer om {svar}"', 'template.da = "Jeg drømmer"',
                 "Skabelonen mangler {svar}", "droem", id="template-without-answer"),
    pytest.param('template.da = "Jeg drømmer om {svar}"', 'template.da = "Jeg drømmer {svar"',
                 "{ eller } uden par", "droem", id="template-brace"),
    pytest.param('text.en = "Do you live here?"',
                 'text.en = "Do you live here?"\ntemplate.da = "Jeg bor {svar}"',
                 "ja/nej-spørgsmål kan ikke bruge {svar}", "bolig", id="template-yes-no"),
    pytest.param('ffb = "52efa2e9-e0dc-41eb-8c01-9865e2fdebae"', 'ffb = "1234"',
                 "FFB-koden '1234' er ikke et kendt tema", "droem", id="ffb-unknown"),
    pytest.param('ffb = "52efa2e9-e0dc-41eb-8c01-9865e2fdebae"', 'ffb = "Interesser"',
                 'ffb = "52efa2e9-e0dc-41eb-8c01-9865e2fdebae"', "droem", id="ffb-by-name"),
    pytest.param('text.da = "Hvilken farve?"', 'text.da = "  "', "Teksten i 'text' er tom",
                 "farve", id="empty-text"),
    pytest.param('text.en = "Which colour?"', '', "mangler på engelsk", "farve",
                 id="missing-english"),
    pytest.param('text.en = "Which colour?"', 'text.de = "Welche Farbe?"',
                 "Sproget 'de' i 'text' kendes ikke", "farve", id="unknown-language"),
    pytest.param('text.da = "Hvilken farve?"', 'text.da = "' + "lang " * 70 + '"',
                 "er for lang: 350 tegn", "farve", id="too-long"),
    pytest.param('scale = [{ da = "Skidt", en = "Bad" }, { da = "Godt", en = "Good" }, '
                 '{ da = "Fint", en = "Fine" }]', '', "Skalaen skal have et ord ved hvert trin",
                 "trivsel", id="scale-without-words"),
    pytest.param('scale = [{ da = "Skidt", en = "Bad" }, { da = "Godt", en = "Good" }, '
                 '{ da = "Fint", en = "Fine" }]', 'scale = ["Skidt"]',
                 "Skalaen skal have et ord ved hvert trin", "trivsel", id="scale-one-word"),
    pytest.param('type = "long_text"', 'type = "long_text"\nchoices = "farver"',
                 "Feltet 'choices' passer ikke til typen long_text", "droem",
                 id="choices-on-text"),
    pytest.param('choices = "farver"', 'choices = "farve"',
                 "Svarlisten 'farve' findes ikke", "farve", id="unknown-choice-list"),
    pytest.param('choices = "farver"', '', "Feltet 'choices' mangler", "farve",
                 id="choices-missing"),
    pytest.param('id = "proeve"', 'id = "Prøve bank"', "Id'et 'Prøve bank' kan ikke bruges",
                 None, id="bank-id"),
    pytest.param('id = "droem"', 'id = "drøm"', "Id'et 'drøm' kan ikke bruges", "drøm",
                 id="question-id"),
    pytest.param('purpose = "andet"', 'purpose = "drømme"', "'drømme' kan ikke bruges i "
                 "feltet 'purpose'", None, id="purpose"),
    pytest.param('plan = "dreams"', 'plan = "dream"', "'dream' kan ikke bruges i feltet 'plan'",
                 "droem", id="plan"),
    pytest.param('version = 1', 'version = "1"', "Feltet 'version' har en forkert slags",
                 None, id="version-type"),
    pytest.param('languages = ["da", "en"]', 'languages = ["en"]', "Banken skal være på dansk",
                 None, id="languages-without-danish"),
    pytest.param('[[section]]\nid = "slut"', '[[question]]\nid = "x"\n\n[[section]]\nid = "slut"',
                 "Spørgsmål skal stå under en sektion", None, id="question-outside-section"),
    pytest.param('plan = "dreams"', 'plan = "dreams"\nmax_length = 0',
                 "Feltet 'max_length' har en forkert slags", "droem", id="max-length"),
    pytest.param('type = "scale"', 'type = "scale"\nmax_length = 20',
                 "Feltet 'max_length' passer ikke", "trivsel", id="max-length-on-scale"),
    pytest.param('type = "long_text"', 'type = "life_area"\nareas = ["fritiden"]',
                 "Livsområdet 'fritiden' kendes ikke", "droem", id="life-area-unknown"),
    pytest.param("show_if = \"bolig == 'ja'\"", "show_if = 3",
                 "Feltet 'show_if' har en forkert slags værdi", "farve", id="condition-not-text"),
    pytest.param("show_if = \"bolig == 'ja'\"", 'show_if = ""', "Betingelsen er tom", "farve",
                 id="condition-empty"),
    pytest.param("show_if = \"bolig == 'ja'\"", "show_if = \"bolig\"", None, None,
                 id="condition-answered-is-fine"),
    pytest.param('languages = ["da", "en"]', 'languages = ["da", "en", "de"]',
                 "Sproget 'de' kendes ikke", None, id="languages-unknown"),
    pytest.param('[[choice_list]]\nid = "farver"', '[[choice_list]]\nid = "farver"\nchoices = []'
                 '\n\n[[choice_list]]\nid = "farver"', "Der er to svarlister med id'et 'farver'",
                 None, id="duplicate-choice-list"),
    pytest.param('[[section]]\nid = "slut"', '[[section]]\nid = "tom"\ntitle = "Tom"\n\n'
                 '[[section]]\nid = "slut"', "Sektionen 'tom' har ingen spørgsmål", None,
                 id="empty-section"),
]


@pytest.mark.parametrize(("old", "new", "expected", "question"), RULES)
def test_each_rule_reports_a_plain_problem(tmp_path, old, new, expected, question):
    assert old in BASE
    found = check(tmp_path, BASE.replace(old, new, 1))
    if expected is None:
        assert found == []
        return
    matching = [p for p in found if expected in str(p)]
    assert matching, f"expected {expected!r} in {[str(p) for p in found]}"
    assert matching[0].question_id == question
    assert matching[0].file == str(tmp_path / "bank.toml")
    assert matching[0].fix or matching[0].suggestion  # always says what to do


@pytest.mark.parametrize(("old", "new", "suggestion"), [
    ('title.da = "Prøve"', 'titel.da = "Prøve"', "title"),
    ('type = "long_text"', 'type = "longtext"', "long_text"),
    ("show_if = \"bolig == 'ja'\"", "show_if = \"bolig == 'jaa'\"", "ja"),
    ("show_if = \"bolig == 'ja'\"", "show_if = \"boliq == 'ja'\"", "bolig"),
    ('plan = "dreams"', 'plan = "dream"', "dreams"),
    ('choices = "farver"', 'choices = "farve"', "farver"),
])
def test_did_you_mean(tmp_path, old, new, suggestion):
    found = check(tmp_path, BASE.replace(old, new, 1))
    assert suggestion in [p.suggestion for p in found]
    assert f"Mente du '{suggestion}'?" in "\n".join(str(p) for p in found)


@pytest.mark.parametrize(("old", "new", "needle"), [
    ('type = "long_text"', 'type = "longtext"', 'type = "longtext"'),
    ("show_if = \"bolig == 'ja'\"", "show_if = \"bolig == 'jaa'\"", "show_if"),
    ('ffb = "52efa2e9-e0dc-41eb-8c01-9865e2fdebae"', 'ffb = "x"', 'ffb = "x"'),
    ('title.da = "Prøve"', 'titel.da = "Prøve"', "titel.da"),
    ('text.en = "What do you dream of?"', 'text.en = ""', 'text.en = ""'),
])
def test_problems_name_the_line_of_the_field(tmp_path, old, new, needle):
    text = BASE.replace(old, new, 1)
    found = check(tmp_path, text)
    assert found[0].line == line_of(text, needle)
    assert f"linje {found[0].line}" in str(found[0])


def test_a_broken_choice_list_is_reported_once_not_again_where_it_is_used(tmp_path):
    found = check(tmp_path, BASE.replace('{ id = "blaa", da = "Blå", en = "Blue" },', ""))
    assert len(found) == 1 and "mindst to svar" in str(found[0])


def test_a_missing_field_points_at_the_question_block(tmp_path):
    text = BASE.replace('type = "long_text"\n', "", 1)
    found = check(tmp_path, text)
    assert [p.question_id for p in found] == ["droem"]
    assert found[0].line == line_of(text, "[[section.question]]", nth=3)


def test_a_duplicate_question_is_reported_at_the_second_one(tmp_path):
    text = BASE.replace('id = "trivsel"', 'id = "bolig"', 1)
    found = [p for p in check(tmp_path, text) if "to spørgsmål" in p.message]
    assert found[0].line == line_of(text, 'id = "bolig"', nth=1)
    assert str(line_of(text, 'id = "bolig"')) in str(found[0])  # names the first one too


def test_toml_syntax_errors_give_the_line_and_a_plain_hint():
    found = check_paths([DATA / "broken" / "syntaks.toml"])
    assert len(found) == 1
    assert found[0].line == 3
    assert "kan ikke læses som TOML" in str(found[0])
    assert "slut-anførselstegn" in found[0].text()


def test_every_problem_in_a_file_is_reported_in_one_run():
    found = check_paths([DATA / "broken" / "mange-fejl.toml"])
    texts = "\n".join(str(p) for p in found)
    for expected in ("'titel' kendes ikke", "'langtekst' kan ikke bruges", "'jaa' er ikke",
                     "to spørgsmål med id'et 'bolig'", "Teksten i 'text' er tom",
                     "{by}, som ikke findes", "FFB-koden 'ikke-en-kode'"):
        assert expected in texts
    assert len(found) == 7
    assert [p.line for p in found] == sorted(p.line for p in found)


def test_a_file_that_is_not_utf8_is_a_problem(tmp_path):
    path = tmp_path / "latin.toml"
    path.write_bytes(BASE.encode("latin-1"))
    bank, found = load_file(path)
    assert bank is None and "UTF-8" in str(found[0])


def test_a_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + BASE.encode("utf-8"))
    bank, found = load_file(path)
    assert found == [] and bank.id == "proeve"


def test_a_huge_file_is_refused(tmp_path):
    bank, found = load_file(write(tmp_path, BASE + "# " + "x" * 1_000_001 + "\n"))
    assert bank is None and "for stor" in str(found[0])


# --- folders: shipped banks, the facility's own, replacing by id ----------------------

def test_a_facility_bank_adds_to_and_replaces_shipped_banks(tmp_path):
    shipped, facility = tmp_path / "shipped", tmp_path / "facility"
    write(shipped, BASE, "proeve.toml")
    write(shipped, (DATA / "good" / "anden.toml").read_text(), "anden.toml")
    write(facility, BASE.replace("version = 1", "version = 2"), "min-proeve.toml")
    write(facility, BASE.replace('id = "proeve"', 'id = "ny"'), "ny.toml")
    result = load_banks([shipped, facility])
    assert result.problems == []
    assert sorted(result.banks) == ["anden", "ny", "proeve"]
    assert result.banks["proeve"].version == 2
    assert result.banks["proeve"].source == str(facility / "min-proeve.toml")


def test_an_invalid_facility_bank_leaves_the_shipped_one_in_use(tmp_path):
    shipped, facility = tmp_path / "shipped", tmp_path / "facility"
    write(shipped, BASE, "proeve.toml")
    write(facility, BASE.replace("version = 1", "version = 2").replace('type = "scale"',
                                                                        'type = "skala"'))
    result = load_banks([shipped, facility])
    assert result.banks["proeve"].version == 1
    assert len(result.problems) == 1 and result.problems[0].file.startswith(str(facility))
    assert not result.ok


def test_two_banks_with_one_id_in_one_folder_is_a_problem(tmp_path):
    write(tmp_path, BASE, "a.toml")
    write(tmp_path, BASE, "b.toml")
    result = load_banks([tmp_path])
    assert list(result.banks) == ["proeve"]
    assert "findes også i" in str(result.problems[0]) and "b.toml" in result.problems[0].file


def test_a_missing_folder_is_skipped_when_loading_but_reported_when_checking(tmp_path):
    assert load_banks([tmp_path / "ingen"]).problems == []
    found = check_paths([tmp_path / "ingen"])
    assert "findes ikke" in str(found[0])


def test_only_toml_files_are_read(tmp_path):
    write(tmp_path, BASE, "proeve.toml")
    write(tmp_path, "ikke toml", "noter.txt")
    write(tmp_path, "ikke toml", ".skjult.toml")
    result = load_paths([tmp_path])
    assert list(result.banks) == ["proeve"] and result.problems == []


def test_the_default_folders_are_the_shipped_one_then_the_facilitys(tmp_path):
    assert default_folders() == [resource_dir("question_banks")]
    assert default_folders(str(tmp_path)) == [resource_dir("question_banks"), tmp_path]


def test_bank_set_helpers(tmp_path):
    result = load_paths([DATA / "good"])
    assert isinstance(result, BankSet) and result.ok
    assert result.get("anden").version == 3 and result.get("ingen") is None
    assert [b.id for b in result.by_purpose("andet")] == ["flow-proeve"]


def test_problems_are_translated_when_shown_not_when_found(tmp_path, monkeypatch):
    found = check(tmp_path, BASE.replace('type = "scale"', 'type = "skala"'))
    assert "kan ikke bruges" in found[0].text()
    catalog = {"'%(value)s' kan ikke bruges i feltet '%(field)s'.":
               "'%(value)s' cannot be used in the field '%(field)s'."}
    monkeypatch.setattr(problems, "gettext", lambda message, **v: (
        catalog.get(message, message) % v if v else catalog.get(message, message)))
    assert "'skala' cannot be used in the field 'type'." in found[0].text()


def test_every_question_type_is_known():
    assert QUESTION_TYPES == ("short_text", "long_text", "single_choice", "multi_choice",
                              "scale", "yes_no", "life_area")


BANK_MODULES = ("loader", "fields", "reader", "choices", "crosscheck", "conditions")


def test_every_message_a_bank_check_can_print_is_in_the_guide():
    from babel.messages.extract import extract_from_file

    guide = (Path(__file__).parent.parent / "docs" / "question-banks.md").read_text()
    guide = guide.replace("`", "")
    package = Path(__file__).parent.parent / "samtale" / "banks"
    missing = []
    for module in BANK_MODULES:
        for _line, message, _comments, _context in extract_from_file(
                "python", package / f"{module}.py"):
            shown = re.sub(r"%\(\w+\)s", "…", message)
            if shown not in guide:
                missing.append(shown)
    assert missing == []

