"""The house, phase 2, in Chromium: an activity wish shared with the first name, seen on
the committee's view and the board (on screen and printed), then withdrawn and gone
from both; a new resident registered and the Indflytning conversation started from the
call to action, with the checklist ticked. axe checks every new page at 768 and 1280 px."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from samtale import clock, plan_items, residents, staff
from samtale.db import open_db
from tests.browser.conftest import LAPTOP, TABLET, assert_accessible, login
from tests.conftest import FAST_HASHER, PASSWORD

LEISURE = "dcc6bb77-45af-4625-9c4d-7d7878307220"


def seed(live) -> dict:
    db = open_db(live.app.config["DATABASE"])
    north = staff.create_unit(db, "Afdeling Nord")
    ids = {"north": north, "db": db}
    ids["mette"] = staff.create(db, FAST_HASHER, username="mette",
                                display_name="Mette Kristensen", password=PASSWORD,
                                role="kontaktperson", unit_ids=[north])
    moved_in = (clock.today() - timedelta(days=400)).isoformat()
    ids["karin"] = residents.create(db, display_name="Karin S.", unit_id=north,
                                    moved_in=moved_in, contact_ids=[ids["mette"]])
    ids["bo"] = residents.create(db, display_name="Bo H.", unit_id=north, moved_in=moved_in)
    ids["wish"] = plan_items.add(db, ids["karin"], "activity", "Jeg vil gerne gå gåture.",
                                 ffb_theme=LEISURE, staff_id=ids["mette"]).id
    plan_items.add(db, ids["bo"], "activity", "Jeg vil gerne med på gåture om søndagen.",
                   ffb_theme=LEISURE, share_on_board=True, staff_id=ids["mette"])
    return ids


def both_widths(page, label: str) -> None:
    assert_accessible(page, label)
    page.set_viewport_size(TABLET)
    assert_accessible(page, f"{label}, tablet")
    page.set_viewport_size(LAPTOP)


def committee_text(page, live) -> str:
    page.goto(f"{live.url}/huset/aktivitetsoensker")
    return " ".join(page.locator("main").inner_text().split())


@pytest.mark.browser
def test_a_wish_shared_with_the_name_then_withdrawn(page, live):
    ids = seed(live)
    login(page, live, "mette", PASSWORD)
    page.goto(f"{live.url}/beboere/{ids['karin']}/plan")
    wish = page.locator(".wish-consent")
    expect(wish.get_by_text("Ikke på husets tavle")).to_be_visible()
    wish.get_by_label("Må deles på husets tavle").check()
    wish.get_by_label("Vis mit fornavn").check()
    wish.get_by_role("button", name="Gem mit valg").click()
    expect(page.get_by_text("Dit valg er gemt: På husets tavle med mit fornavn.")).to_be_visible()
    assert page.locator(".wish-consent .tag").inner_text() == "På husets tavle med mit fornavn"
    both_widths(page, "min plan with board consent")

    page.get_by_role("link", name="Huset", exact=True).click()
    both_widths(page, "house page with checklists and wishes")
    page.get_by_role("link", name="Aktivitetsønsker", exact=True).click()
    topic = page.locator(".wish-topic", has_text="Gåture")
    assert topic.get_by_role("heading").inner_text() == "Gåture (2)"
    expect(topic.get_by_text("Ønsket af Karin og en beboer")).to_be_visible()
    both_widths(page, "committee view")
    topic.get_by_role("button", name="Lav en idé til en prøvehandling").click()
    expect(page.get_by_role("heading", name="Gåture", exact=True)).to_be_visible()
    expect(page.get_by_text("Idéen kom fra 2 ønsker på tavlen, ønsket af Karin og en beboer."
                            )).to_be_visible()
    trial_url = page.url
    both_widths(page, "trial made from wishes")

    page.get_by_role("link", name="Tavlen", exact=True).click()
    board = page.locator(".board")
    assert "Det ønsker vi os" in board.inner_text()
    assert "Ønsket af Karin og en beboer" in board.inner_text()
    both_widths(page, "board with wishes")
    printed = " ".join(PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
                       .pages[0].extract_text().split())
    assert "Gåture (2)" in printed and "Karin" in printed

    page.goto(f"{live.url}/beboere/{ids['karin']}/plan/punkt/{ids['wish']}")
    both_widths(page, "wish edit page with consent")
    page.get_by_role("link", name="Se, hvornår valget er ændret").click()
    expect(page.get_by_text("Min plan · Mette Kristensen")).to_have_count(1)
    page.get_by_label("Må deles på husets tavle").uncheck()
    page.get_by_label("Vis mit fornavn").uncheck()
    page.get_by_role("button", name="Gem mit valg").click()
    expect(page.get_by_text("Dit valg er gemt: Ikke på husets tavle.")).to_be_visible()
    expect(page.locator("ol li")).to_have_count(2)  # both changes, with who
    both_widths(page, "wish page with history")

    shown = committee_text(page, live)
    assert "Gåture (1)" in shown and "Karin" not in shown
    page.goto(f"{live.url}/huset/tavle")
    board_text = page.locator(".board").inner_text()
    assert "Karin" not in board_text and "Ønsket af en beboer" in board_text
    printed = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True))).pages[0].extract_text()
    assert "Karin" not in printed
    page.goto(trial_url)
    origin = page.get_by_text("Idéen kom fra et ønske på tavlen, ønsket af en beboer.")
    expect(origin).to_be_visible()
    ids["db"].close()


@pytest.mark.browser
def test_a_new_resident_starts_the_moving_in_conversation_from_the_call(page, live):
    ids = seed(live)
    login(page, live, "mette", PASSWORD)
    page.goto(f"{live.url}/beboere/")
    page.get_by_role("link", name="Opret ny beboer").first.click()
    page.get_by_label("Navn").fill("Ida K.")
    page.get_by_label("Mette Kristensen").check()
    page.get_by_role("button", name="Gem").click()
    section = page.get_by_role("region", name="Indflytning")
    expect(section.get_by_text("Ida er ny i huset.")).to_be_visible()
    expect(section.get_by_text("1 af 8 klaret")).to_be_visible()
    both_widths(page, "new resident with the call to action")

    section.get_by_role("button", name="Start indflytningssamtalen").click()
    expect(page.get_by_text("Hvordan er det at flytte ind her?").first).to_be_visible()
    page.go_back()
    page.reload()
    section = page.get_by_role("region", name="Indflytning")
    expect(section.get_by_role("button", name="Start indflytningssamtalen")).to_have_count(0)
    expect(section.get_by_role("link", name="Fortsæt indflytningssamtalen")).to_be_visible()
    section.get_by_label("Rundvisning i huset").check()
    section.get_by_role("button", name="Gem tjeklisten").click()
    expect(page.get_by_text("Tjeklisten er gemt.")).to_be_visible()
    checklist = page.get_by_role("region", name="Indflytning")
    expect(checklist.get_by_text("2 af 8 klaret")).to_be_visible()
    both_widths(page, "resident page with the checklist")

    page.get_by_role("link", name="Huset", exact=True).click()
    row = page.locator(".person", has_text="Ida K.")
    expect(row.get_by_text("2 af 8 klaret")).to_be_visible()
    row.get_by_role("link", name="Se tjeklisten for Ida K.").click()
    expect(page.get_by_role("heading", name="Indflytning")).to_be_visible()
    ids["db"].close()
