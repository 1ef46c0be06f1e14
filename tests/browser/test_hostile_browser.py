"""Hostile text in Chromium: script, HTML and javascript: links typed into a conversation
answer, a goal and the mentor guide, and written into a facility bank's help text. On every
page that shows them (the question with its help, the review page, Min plan, the goal, the
bank preview, the mentor guide) no dialog opens, no script from the text runs
(window.__pwned stays undefined), the text typed by a person shows literally, and the
PDF holds it as text."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from samtale.db import open_db
from tests.browser.conftest import login
from tests.conftest import PASSWORD, Helpers
from tests.conversation_fixtures import install_bank

BANK = (Path(__file__).parent.parent / "data" / "hostile" / "hostile_help_bank.toml").read_text(
    encoding="utf-8")
ANSWER = ('<script>window.__pwned=1;alert(1)</script><img src=x onerror="window.__pwned=1;'
          'alert(1)"> [se her](javascript:alert(1))')
GOAL = 'Jeg siger <b onclick="alert(1)">hej</b> og <script>alert("mål")</script> hver dag.'
GUIDE = ("## Velkommen\n\n[Klik her](javascript:window.__pwned=1) og "
         "<a href=\"javascript:alert(1)\">her</a>\n\n<script>window.__pwned=1</script>"
         "<img src=x onerror=\"window.__pwned=1;alert(1)\">\n\n- Vi drikker kaffe.")


@pytest.fixture
def house(live):
    install_bank(live.app, BANK, "fjendtlig-hjaelp.toml")
    db = open_db(live.app.config["DATABASE"])
    ids = Helpers(db).house()
    yield ids
    db.close()


def assert_harmless(page, label: str) -> None:
    """Nothing ran: no dialog, no flag set by a script from the text, no javascript: or
    event-handler attribute anywhere in the page."""
    assert page.dialogs == [], f"{label}: a dialog opened: {page.dialogs}"
    assert page.evaluate("typeof window.__pwned") == "undefined", label
    hrefs = page.eval_on_selector_all("[href],[src]", "els => els.map(e => "
                                      "(e.getAttribute('href') || e.getAttribute('src')))")
    assert not [h for h in hrefs if h.strip().lower().startswith("javascript:")], label
    handlers = page.evaluate("""() => [...document.querySelectorAll('*')].flatMap(e =>
        [...e.attributes].filter(a => a.name.startsWith('on')).map(a => a.name))""")
    assert handlers == [], f"{label}: {handlers}"


def shows_literally(page, text: str) -> None:
    assert text in page.locator("main").inner_text()


@pytest.mark.browser
def test_hostile_text_never_runs_and_shows_as_typed(page, live, house):
    karin = house["karin"]
    login(page, live, "mette", PASSWORD)
    page.goto(f"{live.url}/beboere/{karin}/samtaler/ny")
    page.get_by_role("button", name="Start samtalen Fjendtlig hjælp").click()

    page.get_by_text("Hjælp til kontaktpersonen").click()  # the help is open
    expect(page.locator(".help-body")).to_contain_text("Spørg roligt.")
    page.locator(".help-body").get_by_text("mere om drømme").click()  # a link without href
    assert_harmless(page, "question with the bank's help")

    page.get_by_label("Hvad drømmer du om?").fill(ANSWER)
    page.get_by_role("button", name="Næste").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gennemse svarene")
    shows_literally(page, ANSWER)
    assert_harmless(page, "review page")
    page.locator("article.suggestion").get_by_role("button", name="Tag med i planen").click()
    expect(page.locator("article.suggestion")).to_have_count(0)

    page.goto(f"{live.url}/beboere/{karin}/plan/maal/ny")
    page.get_by_label("Målet, i jeg-form").fill(GOAL)
    page.get_by_role("button", name="Gem målet").first.click()
    expect(page.get_by_text("Målet er gemt.")).to_be_visible()
    shows_literally(page, GOAL)
    assert_harmless(page, "goal page")

    page.goto(f"{live.url}/beboere/{karin}/plan")
    plan = page.locator("article.min-plan")
    expect(plan).to_contain_text(GOAL)
    expect(plan).to_contain_text("<script>window.__pwned=1;alert(1)</script>")
    assert_harmless(page, "Min plan")

    with page.expect_download() as info:
        page.get_by_role("link", name="Hent min plan som PDF").click()
    with open(info.value.path(), "rb") as handle:
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages)
    assert '<script>alert("mål")</script>' in " ".join(text.split())


@pytest.mark.browser
def test_bank_help_and_mentor_guide_cannot_run_script(page, live, house):
    login(page, live, "leder", PASSWORD)
    page.goto(f"{live.url}/admin/banker/fjendtlig-hjaelp")
    page.get_by_text("Hjælp til kontaktpersonen").click()
    expect(page.get_by_text("Spørg roligt.")).to_be_visible()
    page.get_by_text("mere om drømme").click()
    assert_harmless(page, "bank preview")

    page.goto(f"{live.url}/huset/mentorguide/rediger")
    page.get_by_label("Mentorguiden (Markdown)").fill(GUIDE)
    page.get_by_role("button", name="Gem guiden").click()
    page.goto(f"{live.url}/huset/mentorguide")
    expect(page.get_by_text("Vi drikker kaffe.")).to_be_visible()
    page.get_by_text("Klik her").click()
    assert_harmless(page, "mentor guide")
    assert page.get_by_text("Klik her").evaluate("e => e.getAttribute('href')") is None
