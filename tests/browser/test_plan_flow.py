"""From conversation to a plan the resident takes home, in Chromium: a conversation, the
review page's suggestions (two goals and a dream accepted, one wording changed with "Brug
denne formulering"), Min plan, a follow-up with an evaluation, Min plan with the status and
the evaluation, and the PDF download read back with pypdf. Then two people editing the
same goal at once: the second save is refused with both versions on screen. axe checks
every page of the area at 768 and 1280 px."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from samtale import conversations, goals, plan_items
from samtale.banks import default_folders, load_banks
from samtale.db import open_db
from samtale.goals import GoalDraft
from tests.browser.conftest import LAPTOP, TABLET, assert_accessible, login
from tests.conftest import PASSWORD, Helpers
from tests.conversation_fixtures import install_bank

BANK = '''
id = "maal-proeve"
version = 1
purpose = "andet"
languages = ["da"]
title.da = "Målprøve"
description.da = "En lille samtale om drømme og mål."

[[section]]
id = "droemme"
title.da = "Drømme"

[[section.question]]
id = "droem"
type = "long_text"
text.da = "Hvad drømmer du om?"
template.da = "Jeg drømmer om {svar}"
plan = "dreams"
ffb = "685e8517-2f5c-4ef8-a7c4-fa2d008fdd9d"

[[section.question]]
id = "skridt"
type = "short_text"
text.da = "Hvad er et første skridt?"
plan = "goals"
ffb = "685e8517-2f5c-4ef8-a7c4-fa2d008fdd9d"

[[section.question]]
id = "halve_aar"
type = "long_text"
text.da = "Hvad vil du om et halvt år?"
template.da = "Om et halvt år vil jeg {svar}"
plan = "goals"
'''

GOAL_ONE = "Jeg hjælper til i køkkenet om tirsdagen."
GOAL_TWO = "Om et halvt år vil jeg lave frokost til hele huset."
EVALUATION = "Jeg har været i køkkenet tre gange. Det var hårdt, men jeg blev glad."


@pytest.fixture
def house(live):
    install_bank(live.app, BANK, "maal-proeve.toml")
    db = open_db(live.app.config["DATABASE"])
    ids = Helpers(db).house()
    yield ids, db
    db.close()


def both_widths(page, label: str) -> None:
    page.set_viewport_size(TABLET)
    assert_accessible(page, f"{label} (768)")
    page.set_viewport_size(LAPTOP)
    assert_accessible(page, f"{label} (1280)")


def answer(page, question: str, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(question)
    page.get_by_label(question).fill(text)
    page.get_by_role("button", name="Næste").click()


def conversation_to_review(page, live) -> None:
    page.goto(live.url + "/")
    page.get_by_role("region", name="Mine beboere").get_by_role(
        "link", name="Ny samtale med Karin S.").click()
    page.get_by_role("button", name="Start samtalen Målprøve").click()
    answer(page, "Hvad drømmer du om?", "at arbejde i et køkken")
    answer(page, "Hvad er et første skridt?", "Karin hjælper til i køkkenet om tirsdagen")
    answer(page, "Hvad vil du om et halvt år?", "lave frokost til hele huset")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gennemse svarene")


def accept_suggestions(page) -> None:
    suggestions = page.locator("article.suggestion")
    expect(suggestions).to_have_count(3)
    both_widths(page, "review with suggestions")
    dream = suggestions.filter(has_text="Jeg drømmer om at arbejde i et køkken.")
    dream.get_by_role("button", name="Tag med i planen").click()
    expect(page.locator("article.suggestion")).to_have_count(2)
    first = page.locator("article.suggestion").filter(has_text="første skridt")
    expect(first.get_by_text("Skriv i jeg-form")).to_be_visible()  # the quiet hint
    review_url = page.url
    first.get_by_role("button", name="Brug denne formulering").click()  # fills in place (JS)
    assert page.url == review_url
    expect(first.get_by_role("textbox", name="Sådan står det i planen")).to_have_value(GOAL_ONE)
    first.get_by_label("Den drøm, målet hører til").select_option(
        label="Jeg drømmer om at arbejde i et køkken.")
    first.get_by_role("button", name="Tag med i planen").click()
    expect(page.locator("article.suggestion")).to_have_count(1)
    page.locator("article.suggestion").get_by_role("button", name="Tag med i planen").click()
    expect(page.locator("article.suggestion")).to_have_count(0)
    page.get_by_role("button", name="Afslut samtalen").click()


def follow_up(page, live, ids) -> None:
    page.goto(f"{live.url}/beboere/{ids['karin']}/opfoelgning")
    both_widths(page, "follow-up index")
    page.get_by_role("button", name="Start opfølgning").click()
    expect(page.get_by_text("Mål 1 af 2")).to_be_visible()
    both_widths(page, "follow-up step")
    page.get_by_label("Hvad er der sket, siden vi sidst talte om målet?").fill(
        "Jeg har skrællet kartofler.")
    page.get_by_label("Grøn: det går godt").check()
    page.get_by_label("Evaluering, i jeg-form").fill(EVALUATION)
    page.get_by_label("Beboeren skrev selv").check()
    page.get_by_role("button", name="Gem og gå videre").click()
    expect(page.get_by_text("Mål 2 af 2")).to_be_visible()
    page.get_by_role("link", name="Ikke i dag").click()
    both_widths(page, "follow-up: not today")
    page.get_by_role("link", name="Fortsæt i stedet").click()
    both_widths(page, "follow-up overview")
    page.get_by_role("button", name="Afslut opfølgningen").click()


@pytest.mark.browser
def test_from_conversation_to_a_plan_on_paper(page, live, house):
    ids, db = house
    page.set_viewport_size(TABLET)
    login(page, live, "mette", PASSWORD)
    both_widths(page, "start page with the overview")
    conversation_to_review(page, live)
    accept_suggestions(page)

    page.goto(f"{live.url}/beboere/{ids['karin']}/plan")
    plan = page.locator("article.min-plan")
    expect(plan).to_contain_text(GOAL_ONE)
    expect(plan).to_contain_text(GOAL_TWO)
    expect(plan).to_contain_text("Jeg drømmer om at arbejde i et køkken.")
    both_widths(page, "Min plan")

    follow_up(page, live, ids)
    expect(page.get_by_role("heading", level=1)).to_have_text("Min plan")
    goal = page.locator("article.plan-goal").filter(has_text=GOAL_ONE)
    expect(goal).to_contain_text("Grøn")
    expect(goal).to_contain_text(EVALUATION)
    expect(goal).to_contain_text("Jeg skrev det selv")
    both_widths(page, "Min plan after the follow-up")

    with page.expect_download() as info:
        page.get_by_role("link", name="Hent min plan som PDF").click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert GOAL_ONE in text and "køkkenet tre gange" in text and "Grøn" in text


@pytest.mark.browser
def test_the_other_pages_pass_axe(page, live, house):
    ids, db = house
    karin = ids["karin"]
    goal = goals.create(db, karin, GoalDraft("Karin vil gerne gå en tur hver dag.",
                                             next_follow_up="2020-01-01"),
                        staff_id=None, staff_name="Test")
    bank = load_banks(default_folders(None)).get("haab-og-droemme")
    conv = conversations.get(db, karin, conversations.start(db, karin, bank, None))
    conversations.save_answer(db, conv, "droem", "hun vil gerne rejse", written_by="staff",
                              staff_id=None)
    item = plan_items.add(db, karin, "network", "Min søster Åse.")
    login(page, live, "leder", PASSWORD)
    base = f"{live.url}/beboere/{karin}/plan"
    page.goto(f"{base}/forslag/{conv.id}")
    both_widths(page, "suggestions of a conversation")
    page.goto(f"{base}/punkt/{item.id}")
    both_widths(page, "edit an item")
    for path, label in ((f"{base}/arbejd", "work on the plan"),
                        (f"{base}/maal/{goal.id}", "goal"),
                        (f"{base}/maal/{goal.id}/rediger", "goal form with a jeg-form hint"),
                        (f"{base}/maal/ny", "new goal"),
                        (f"{base}/punkt/ny?slags=aktivitet", "new activity wish"),
                        (f"{base}/tekstblokke", "text blocks"),
                        (f"{live.url}/oversigt", "leader's overview")):
        page.goto(path)
        both_widths(page, label)
    page.goto(f"{base}/maal/ny")  # the hint appears while typing
    field = page.get_by_label("Målet, i jeg-form")
    field.press_sequentially("Hun vil gerne svømme", delay=10)
    hint = page.locator("#goal-text-jeg")
    expect(hint).to_contain_text("Skriv i jeg-form", timeout=8000)
    hint.get_by_role("button", name="Brug denne formulering").click()
    expect(field).to_have_value("Jeg vil gerne svømme")
    expect(hint).to_be_empty()
    page.goto(f"{base}/tekstblokke")
    page.locator('[data-copy="block-goals"]').click()
    expect(page.locator('[data-copy-status="block-goals"]')).not_to_be_empty()


@pytest.mark.browser
def test_two_people_edit_the_same_goal(browser, live, house):
    ids, db = house
    goal = goals.create(db, ids["karin"], GoalDraft("Jeg går en tur hver dag."),
                        staff_id=None, staff_name="Test")
    path = f"{live.url}/beboere/{ids['karin']}/plan/maal/{goal.id}/rediger"
    mette_ctx = browser.new_context(viewport=LAPTOP, locale="da-DK")
    leder_ctx = browser.new_context(viewport=LAPTOP, locale="da-DK")
    try:
        mette, leder = mette_ctx.new_page(), leder_ctx.new_page()
        login(mette, live, "mette", PASSWORD)
        login(leder, live, "leder", PASSWORD)
        mette.goto(path)
        leder.goto(path)
        mette.get_by_label("Målet, i jeg-form").fill("Jeg går en tur ved søen hver dag.")
        mette.get_by_role("button", name="Gem målet").last.click()
        expect(mette.get_by_role("heading", level=1)).to_have_text(
            "Jeg går en tur ved søen hver dag.")
        leder.get_by_label("Målet, i jeg-form").fill("Jeg går en tur i skoven to gange om ugen.")
        leder.get_by_role("button", name="Gem målet").last.click()
        expect(leder.get_by_text("har gemt målet, mens du skrev")).to_be_visible()
        expect(leder.get_by_role("region", name="Den gemte udgave")).to_contain_text(
            "Jeg går en tur ved søen hver dag.")
        expect(leder.get_by_role("region", name="Din udgave (ikke gemt)")).to_contain_text(
            "Jeg går en tur i skoven to gange om ugen.")
        expect(leder.get_by_label("Målet, i jeg-form")).to_have_value(
            "Jeg går en tur i skoven to gange om ugen.")
        both_widths(leder, "conflict")
        leder.get_by_label("Målet, i jeg-form").fill(
            "Jeg går en tur ved søen hver dag og i skoven om søndagen.")
        leder.get_by_role("button", name="Gem målet").last.click()
        expect(leder.get_by_role("heading", level=1)).to_have_text(
            "Jeg går en tur ved søen hver dag og i skoven om søndagen.")
        assert goals.get(db, ids["karin"], goal.id).version == 3
    finally:
        mette_ctx.close()
        leder_ctx.close()
