"""Markdown, plain-text blocks and the udredning summary."""

import json
import re
from pathlib import Path

import pytest

from samtale import ffb
from samtale.export import (
    text_blocks,
    to_markdown,
    to_text,
    udredning_summary,
    udredning_text,
)
from samtale.markdown import render

DATA = Path(__file__).parent / "data"


def load(name: str) -> dict:
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture
def plan():
    return load("plan_full")


@pytest.fixture
def empty():
    return load("plan_empty")


# --- Markdown ---------------------------------------------------------------------------

def test_markdown_has_every_section_goal_and_danish_dates(plan):
    md = to_markdown(plan)
    assert md.startswith("# Min plan – Karin S.\n")
    for heading in ("Mine håb og drømme", "Mine mål", "Mine ressourcer",
                    "Mit netværk og mine fællesskaber", "Næste opfølgning"):
        assert f"\n## {heading}\n" in md
    for goal in plan["goals"]:
        assert goal["text"] in md
        for sub in goal["subgoals"]:
            assert sub["text"] in md
    assert "Lavet 25. november 2026" in md
    assert "Næste gang vi følger op er 9. december 2026." in md
    assert "Hvornår: 28. november 2026" in md
    assert "- [x] Tale med køkkenlederen Bjørn om en prøveperiode" in md


def test_markdown_shows_status_words_and_the_residents_view(plan):
    md = to_markdown(plan)
    assert "- Status: Gul, Aktiv" in md
    assert "- Status: Rød, Aktiv" in md
    assert "Min egen mening: Jeg synes, det går bedre end gult." in md
    assert "Jeg er ikke enig." in md


def test_markdown_keeps_the_residents_symbols_as_text(plan):
    plan["dreams"][0]["text"] = "1. *Vigtigt*: [klik](http://x.dk) <b>fed</b> # ikke en overskrift"
    html = render(to_markdown(plan))
    assert "<a" not in html and "<b>" not in html and "<ol>" not in html
    assert "1. *Vigtigt*: [klik](http://x.dk)" in html
    assert "&lt;b&gt;fed&lt;/b&gt;" in html


def test_markdown_of_an_empty_plan_says_nothing_is_written(empty):
    md = to_markdown(empty)
    assert md.count("Intet skrevet endnu.") == 5
    assert "Ingen opfølgning er planlagt." in md


# --- Text blocks --------------------------------------------------------------------------

def test_text_blocks_come_one_per_section_in_plan_order(plan):
    blocks = text_blocks(plan)
    assert [b.key for b in blocks] == [
        "dreams", "goals", "resources", "network", "activity_wishes", "next_follow_up",
        "evaluations",
    ]
    assert [b.title for b in blocks][:2] == ["Mine håb og drømme", "Mine mål"]


def test_text_blocks_hold_plain_lines_without_markdown(plan):
    for block in text_blocks(plan):
        assert block.text.strip()
        for line in block.text.splitlines():
            assert not re.match(r"\s*([#*>]|- )", line), line
            assert "**" not in line and "[x]" not in line


def test_goal_block_has_delmaal_actions_status_and_danish_dates(plan):
    goals = {b.key: b for b in text_blocks(plan)}["goals"].text
    assert "Mål 1: Jeg vil arbejde i husets køkken to formiddage om ugen." in goals
    assert "Status: Gul, Aktiv" in goals
    assert "Måltype: Udvikle funktionsevne" in goals
    assert "Måltype: Begrænse tab af funktionsevne" in goals
    assert "  Jeg tager hygiejnekurset og får mit bevis. (Nået, grøn)" in goals
    assert ("  Tale med køkkenlederen Bjørn om en prøveperiode – Hvem: Min kontaktperson "
            "(Mette K.) – Hvornår: 1. oktober 2026 – Udført") in goals
    assert "Næste opfølgning: 6. januar 2027" in goals


def test_evaluation_block_says_who_wrote_and_whether_the_resident_agrees(plan):
    evaluations = {b.key: b for b in text_blocks(plan)}["evaluations"].text
    assert "14. oktober 2026, skrevet af Karin S. (beboer). Status: Gul." in evaluations
    assert "25. november 2026, skrevet af Mette K. (medarbejder). Status: Gul." in evaluations
    assert "Beboeren er ikke enig." in evaluations
    assert "Beboerens egen mening: Jeg synes, det går bedre end gult." in evaluations
    assert plan["goals"][2]["evaluations"][0]["text"] in evaluations


def test_follow_up_block_lists_the_next_date_first(plan):
    block = {b.key: b for b in text_blocks(plan)}["next_follow_up"].text
    assert block.splitlines()[0] == "Næste opfølgning er 9. december 2026."


def test_goal_text_with_line_breaks_stays_on_one_line(plan):
    plan["goals"][0]["text"] = "Jeg vil arbejde\ni køkkenet."
    goals = {b.key: b for b in text_blocks(plan)}["goals"].text
    assert "Mål 1: Jeg vil arbejde i køkkenet." in goals


def test_to_text_joins_every_block_under_its_title(plan):
    text = to_text(plan)
    assert text.startswith("Plan for Karin S., Afdeling Syd, 25. november 2026\n\n")
    for block in text_blocks(plan):
        assert f"{block.title}\n{block.text}" in text


def test_empty_plan_text_blocks_say_so(empty):
    blocks = {b.key: b.text for b in text_blocks(empty)}
    assert blocks["dreams"] == "Intet skrevet endnu."
    assert blocks["next_follow_up"] == "Ingen opfølgning er planlagt."
    assert blocks["evaluations"] == "Ingen evalueringer endnu."


def test_dates_follow_the_plans_language(plan):
    plan["language"] = "en"
    assert "25 November 2026" in to_text(plan)  # British order, as Danish staff read dates


# --- Udredning ----------------------------------------------------------------------------

def test_udredning_groups_dreams_wishes_and_goals_per_top_theme(plan):
    groups = udredning_summary(plan)
    by_name = {g.theme_display: g for g in groups}
    relationer = by_name["Relationer"]
    assert relationer.theme_code == ffb.top_theme("4c082610-b122-4019-96f2-1061e287445e").code
    assert [(i.kind, i.text) for i in relationer.items] == [
        ("dream", plan["dreams"][1]["text"]),
        ("activity_wish", plan["activity_wishes"][0]["text"]),
        ("goal", plan["goals"][1]["text"]),
    ]
    assert [i.kind for i in by_name["Samfundsliv"].items] == ["dream", "goal"]
    counted = sum(len(g.items) for g in groups)
    assert counted == len(plan["dreams"]) + len(plan["activity_wishes"]) + len(plan["goals"])


def test_udredning_follows_ffb_order_with_uden_tema_last(plan):
    groups = udredning_summary(plan)
    order = [c.code for c in ffb.themes() if c.depth == 2]
    codes = [g.theme_code for g in groups]
    assert codes[-1] is None and groups[-1].theme_display == "Uden tema"
    assert codes[:-1] == sorted(codes[:-1], key=order.index)
    assert groups[-1].items[0].text.startswith("Jeg vil gerne rejse til Bornholm")


def test_udredning_keeps_an_unknown_theme_as_its_own_group(plan):
    plan["dreams"][3]["ffb_theme"] = {
        "code": "00000000-0000-4000-8000-000000000000", "display": "Et nyt tema",
    }
    groups = udredning_summary(plan)
    assert [g.theme_display for g in groups][-1] == "Et nyt tema"
    assert "Uden tema" not in [g.theme_display for g in groups]


def test_udredning_text_lists_each_group_with_labels(plan):
    text = udredning_text(plan)
    lines = text.splitlines()
    assert lines[:2] == [
        "Ønsker og drømme pr. FFB-tema", "Karin S., Afdeling Syd, 25. november 2026",
    ]
    assert "\nRelationer\n  Drøm: Jeg håber, at jeg kan se min søster Åse" in text
    assert ("  Aktivitetsønske: Jeg kunne godt tænke mig et bagehold i fælleskøkkenet. "
            "(Lave mad)") in lines
    assert lines[-2:] == [
        "Uden tema", "  Drøm: Jeg vil gerne rejse til Bornholm en sommer og se klipperne.",
    ]


def test_udredning_of_an_empty_plan(empty):
    assert udredning_summary(empty) == []
    assert "Intet skrevet endnu." in udredning_text(empty)
