"""The conversation in Chromium at tablet width: every question type, back, skip, a
page closed in the middle of typing, a session that ends while typing, the review and
finishing; "Ikke i dag"; three clicks from the start page to the first question; and
axe on every conversation page at 768 and 1280 px."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from samtale import clock
from samtale.db import open_db
from tests.browser.conftest import LAPTOP, TABLET, assert_accessible, login
from tests.conftest import PASSWORD, Helpers
from tests.conversation_fixtures import install_bank

LONG_ANSWER = "Jeg drømmer om at bo ved havet"


@pytest.fixture
def house(live):
    install_bank(live.app)
    db = open_db(live.app.config["DATABASE"])
    ids = Helpers(db).house()
    yield ids, db
    db.close()


def accessible_at_both_widths(page, label: str) -> None:
    page.set_viewport_size(TABLET)
    assert_accessible(page, f"{label} (768)")
    page.set_viewport_size(LAPTOP)
    assert_accessible(page, f"{label} (1280)")
    page.set_viewport_size(TABLET)


def stored_value(db, question_id: str):
    row = db.execute("SELECT value FROM answers WHERE question_id = ?", [question_id]).fetchone()
    return row[0] if row else None


def wait_for_value(db, question_id: str, expected: str, seconds: float = 8) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = stored_value(db, question_id)
        if value and expected in value:
            return
        time.sleep(0.1)
    raise AssertionError(f"{question_id} was not saved: {stored_value(db, question_id)!r}")


def next_question(page, heading: str) -> None:
    page.get_by_role("button", name="Næste").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)


def new_conversation_link(page):
    mine = page.get_by_role("region", name="Mine beboere")
    return mine.get_by_role("link", name="Ny samtale med Karin S.")


def start_conversation(page, live, bank_title: str) -> None:
    page.goto(live.url + "/")
    new_conversation_link(page).click()
    page.get_by_role("button", name=f"Start samtalen {bank_title}").click()


@pytest.mark.browser
def test_whole_conversation_on_a_tablet_loses_nothing(page, context, live, house):
    ids, db = house
    page.set_viewport_size(TABLET)
    login(page, live, "mette", PASSWORD)
    page.goto(live.url + "/")
    new_conversation_link(page).click()
    accessible_at_both_widths(page, "choose a bank")
    page.get_by_role("button", name="Start samtalen Skærmprøve").click()

    # short text, with the contact person's help closed until asked for
    expect(page.get_by_role("heading", level=1)).to_have_text("Hvad vil du kaldes?")
    expect(page.get_by_text("Spørgsmål 1 af 6")).to_be_visible()
    help_text = page.get_by_text("Navnet er beboerens eget valg")
    expect(help_text).to_be_hidden()
    accessible_at_both_widths(page, "question: short text")
    page.get_by_text("Hjælp til kontaktpersonen").click()
    expect(help_text).to_be_visible()
    page.get_by_label("Hvad vil du kaldes?").fill("Karin")
    page.get_by_label("Kontaktpersonen").check()
    next_question(page, "Bor du her?")

    # yes / no / don't know; the writer is remembered from the last answer
    expect(page.get_by_label("Kontaktpersonen")).to_be_checked()
    page.get_by_label("Beboeren selv").check()
    accessible_at_both_widths(page, "question: yes/no")
    page.get_by_label("Ja").check()
    next_question(page, "Hvad drømmer du om?")  # shown because the answer was "ja"
    expect(page.get_by_text("Spørgsmål 3 af 7")).to_be_visible()
    question_url = page.url

    # long text: close the page in the middle of typing, without pressing Næste
    page.get_by_label("Hvad drømmer du om?").press_sequentially(LONG_ANSWER, delay=15)
    page.close(run_before_unload=True)
    wait_for_value(db, "droem", LONG_ANSWER)

    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live.url}/beboere/{ids['karin']}")
    page.get_by_role("link", name="Skærmprøve").click()
    assert page.url == question_url  # resumed where it stopped
    field = page.get_by_label("Hvad drømmer du om?")
    expect(field).to_have_value(LONG_ANSWER)
    accessible_at_both_widths(page, "question: long text")

    # the session ends while typing: the text stays, the login link shows
    field.press("End")
    field.press_sequentially(" og en hund", delay=15)
    expect(page.locator("#save-status")).to_contain_text("Gemt kl.", timeout=8000)
    wait_for_value(db, "droem", "og en hund")
    db.execute("DELETE FROM sessions")
    field.press_sequentially(" og en have", delay=15)
    status = page.locator("#save-status")
    expect(status).to_contain_text("Ikke gemt: du er logget ud", timeout=8000)
    expect(status).to_contain_text("Teksten er gemt til og med kl.")
    expect(field).to_have_value(LONG_ANSWER + " og en hund og en have")
    assert "og en have" not in localstorage_and_session(page)
    page.get_by_role("link", name="Log ind igen").click()
    page.get_by_label("Brugernavn").fill("mette")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(question_url)
    expect(page.get_by_label("Hvad drømmer du om?")).to_have_value(LONG_ANSWER + " og en hund")
    next_question(page, "Hvor vil du hen?")

    # several choices, then back and forward again
    page.get_by_label("Biblioteket").check()
    page.get_by_label("Svømmehallen").check()
    accessible_at_both_widths(page, "question: several choices")
    next_question(page, "Med hvem?")
    accessible_at_both_widths(page, "question: one choice")
    page.get_by_role("button", name="Tilbage").click()
    expect(page.get_by_label("Biblioteket")).to_be_checked()
    expect(page.get_by_label("Svømmehallen")).to_be_checked()
    expect(page.get_by_label("En klub")).not_to_be_checked()
    next_question(page, "Med hvem?")

    # one choice: skipped
    page.get_by_role("button", name="Spring over").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hvordan har du det?")

    # scale: the steps in a row, each with its word
    accessible_at_both_widths(page, "question: scale")
    steps = page.locator(".scale-step")
    expect(steps).to_have_count(4)
    tops = {round(steps.nth(i).bounding_box()["y"]) for i in range(4)}
    assert len(tops) == 1, "the scale steps sit in one row at 768 px"
    page.get_by_label("Godt", exact=True).check()
    next_question(page, "Hvad vil du arbejde med?")

    # life areas under their plain headings
    accessible_at_both_widths(page, "question: life areas")
    expect(page.locator(".area-group legend")).to_have_text(
        ["Mennesker omkring mig", "Arbejde og læring"])
    page.get_by_label("Familie").check()
    page.get_by_label("Arbejde", exact=True).check()
    page.get_by_role("button", name="Næste").click()

    # review: every answer, who wrote it, edit and come back, then finish
    expect(page.get_by_role("heading", level=1)).to_have_text("Gennemse svarene")
    accessible_at_both_widths(page, "review")
    rows = page.locator(".answer-row")
    expect(rows).to_have_count(7)
    expect(rows.nth(0)).to_contain_text("Karin")
    expect(rows.nth(0)).to_contain_text("Skrevet af: Kontaktpersonen")
    expect(rows.nth(1)).to_contain_text("Ja")
    expect(rows.nth(2)).to_contain_text(LONG_ANSWER + " og en hund")
    expect(rows.nth(3)).to_contain_text("Biblioteket og Svømmehallen")
    expect(rows.nth(4)).to_contain_text("Sprunget over")
    expect(rows.nth(5)).to_contain_text("Godt (3 af 4)")
    expect(rows.nth(6)).to_contain_text("Familie og Arbejde")
    page.get_by_role("link", name="Ret svaret på: Hvad vil du kaldes?").click()
    page.get_by_label("Hvad vil du kaldes?").fill("Karin S.")
    page.get_by_role("button", name="Gem og gå til oversigten").click()
    expect(rows.nth(0)).to_contain_text("Karin S.")
    page.get_by_role("button", name="Afslut samtalen").click()
    expect(page.get_by_text("Samtalen er afsluttet og gemt.")).to_be_visible()
    accessible_at_both_widths(page, "finished, read-only")
    page.goto(f"{live.url}/beboere/{ids['karin']}")
    expect(page.get_by_role("region", name="Samtaler")).to_contain_text("afsluttet")
    accessible_at_both_widths(page, "resident page with conversations")
    assert not errors, errors


def localstorage_and_session(page) -> str:
    """Everything the page keeps in the browser's storage, as one string."""
    return page.evaluate(
        "() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])")


@pytest.mark.browser
def test_navigating_away_mid_answer_keeps_the_text(page, live, house):
    ids, db = house
    page.set_viewport_size(TABLET)
    login(page, live, "mette", PASSWORD)
    start_conversation(page, live, "Skærmprøve")
    page.get_by_label("Hvad vil du kaldes?").press_sequentially("Kari", delay=10)
    page.goto(f"{live.url}/beboere/{ids['karin']}")  # leaves before the 2 s autosave
    wait_for_value(db, "navn", "Kari")
    page.get_by_role("link", name="Skærmprøve").click()
    expect(page.get_by_label("Hvad vil du kaldes?")).to_have_value("Kari")


@pytest.mark.browser
def test_ikke_i_dag_postpones_with_a_date(page, live, house):
    ids, _db = house
    page.set_viewport_size(TABLET)
    login(page, live, "mette", PASSWORD)
    start_conversation(page, live, "Håb og drømme")
    page.get_by_role("button", name="Ikke i dag").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ikke i dag")
    accessible_at_both_widths(page, "postpone")
    retry = clock.days_from_today(14)
    expect(page.get_by_label("Hvornår prøver vi igen?")).to_have_value(retry.isoformat())
    page.get_by_label("Hvorfor ikke i dag?").fill("Træt efter en dårlig nat")
    page.get_by_role("button", name="Sæt samtalen på pause").click()
    expect(page.get_by_text("Ikke i dag. Det er helt i orden.")).to_be_visible()
    accessible_at_both_widths(page, "postponed, calm confirmation")
    page.goto(f"{live.url}/beboere/{ids['karin']}")
    section = page.get_by_role("region", name="Samtaler")
    expect(section).to_contain_text(re.compile(rf"udsat til {retry.day}\. \w+ {retry.year}"))
    expect(section).to_contain_text("Træt efter en dårlig nat")


@pytest.mark.browser
def test_three_clicks_from_the_start_page_to_the_first_question(page, live, house):
    page.set_viewport_size(TABLET)
    login(page, live, "mette", PASSWORD)
    page.goto(live.url + "/")
    clicks = 0
    new_conversation_link(page).click()
    clicks += 1
    page.get_by_role("button", name="Start samtalen Håb og drømme").click()
    clicks += 1
    expect(page.get_by_text(re.compile(r"Spørgsmål 1 af \d+"))).to_be_visible()
    expect(page.locator("h1.question-text")).to_be_visible()
    assert clicks <= 3


@pytest.mark.browser
def test_leader_sees_the_banks_and_a_preview(page, live, house):
    install_bank(live.app, "id = 'i-stykker'\n", "i-stykker.toml")
    login(page, live, "leder", PASSWORD)
    page.goto(live.url + "/admin/personale")
    page.get_by_role("link", name="Spørgsmålsbanker").click()
    expect(page.get_by_text("Banker, der ikke kan bruges")).to_be_visible()
    accessible_at_both_widths(page, "bank list")
    page.get_by_role("link", name="Skærmprøve").click()
    expect(page.get_by_text("Vises kun hvis svaret på 'Bor du her?' er 'Ja'.")).to_be_visible()
    accessible_at_both_widths(page, "bank preview")
