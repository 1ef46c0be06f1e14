"""The house in Chromium: a mentor match from start to evaluation; a prøvehandling from
idea to decision and on the printed board; an indsatsplan status meeting that changes
colours and shows the chart. axe checks every new page at laptop and tablet width."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from samtale import clock, residents, staff
from samtale.db import open_db
from samtale.house import effort_plan, status_meeting
from tests.browser.conftest import LAPTOP, TABLET, assert_accessible, login
from tests.conftest import FAST_HASHER, PASSWORD


def ago(days: int) -> str:
    return (clock.today() - timedelta(days=days)).isoformat()


def seed(live) -> dict:
    db = open_db(live.app.config["DATABASE"])
    north = staff.create_unit(db, "Afdeling Nord")
    ids = {"north": north}
    ids["mette"] = staff.create(
        db,
        FAST_HASHER,
        username="mette",
        display_name="Mette Kristensen",
        password=PASSWORD,
        role="kontaktperson",
        unit_ids=[north],
    )
    for key, name, days in (
        ("karin", "Karin S.", 400),
        ("bo", "Bo H.", 700),
        ("nina", "Nina P.", 6),
    ):
        ids[key] = residents.create(db, display_name=name, unit_id=north, moved_in=ago(days))
    ids["db"] = db
    return ids


def both_widths(page, label: str) -> None:
    assert_accessible(page, label)
    page.set_viewport_size(TABLET)
    assert_accessible(page, f"{label}, tablet")
    page.set_viewport_size(LAPTOP)


@pytest.mark.browser
def test_a_mentor_match_from_start_to_evaluation(page, live):
    ids = seed(live)
    login(page, live, "mette", PASSWORD)
    page.get_by_role("link", name="Huset", exact=True).click()
    newcomers = page.get_by_role("region", name="Nye beboere uden tilbud om en mentor")
    expect(newcomers.locator(".person-name", has_text="Nina P.")).to_be_visible()
    both_widths(page, "house page")

    page.get_by_role("link", name="Mentorguide", exact=True).click()
    expect(page.get_by_role("heading", name="Sådan finder vi en mentor til dig")).to_be_visible()
    both_widths(page, "mentor guide")

    page.get_by_role("link", name="Overblik").click()
    newcomers.get_by_role("link", name="Åbn Nina P.").click()
    both_widths(page, "resident page with mentor section")
    page.get_by_role("link", name="Find en mentor").click()
    both_widths(page, "new match")
    page.get_by_label("Mentor", exact=True).select_option(label="Karin S.")
    page.get_by_role("button", name="Start mentorforløbet").click()
    expect(page.get_by_role("heading", name="Mentorforløb")).to_be_visible()
    page.get_by_label("Ny aftale").fill("Nina drikker kaffe med Karin hver morgen.")
    page.get_by_role("button", name="Tilføj aftale").click()
    page.get_by_role("button", name="Brug denne formulering").click()
    assert page.get_by_label("Aftale 1").input_value() == "Jeg drikker kaffe med Karin hver morgen."
    expect(page.get_by_role("button", name="Brug denne formulering")).to_have_count(0)
    page.get_by_label("Ny aftale").fill("Jeg spiser med Karin om fredagen.")
    page.get_by_role("button", name="Tilføj aftale").click()
    both_widths(page, "match page")

    page.get_by_label("Hvordan er det gået?").fill("Jeg har fået en at drikke kaffe med.")
    page.get_by_label("Den nye beboer: Nina P.").check()
    page.get_by_role("button", name="Gem evalueringen").click()
    assert page.locator("blockquote.evaluation").inner_text() == (
        "Jeg har fået en at drikke kaffe med."
    )
    page.goto(f"{live.url}/beboere/{ids['karin']}")
    expect(page.get_by_text("Mentor for: Nina P.")).to_be_visible()
    ids["db"].close()


@pytest.mark.browser
def test_a_trial_from_idea_to_decision_and_on_the_printed_board(page, live):
    ids = seed(live)
    login(page, live, "mette", PASSWORD)
    page.goto(f"{live.url}/huset/proevehandlinger")
    both_widths(page, "trials")
    page.get_by_role("link", name="Ny idé").first.click()
    both_widths(page, "new idea")
    page.get_by_label("Titel").fill("Gåtur i grupper")
    page.get_by_label("Idéen med dine egne ord").fill("Vi går sammen langs søen.")
    page.get_by_role("button", name="Gem idéen").click()
    both_widths(page, "trial: idea")

    page.get_by_label("Hvad vil I prøve?").fill("Gåtur langs søen hver tirsdag")
    page.get_by_label("Hvornår starter I?").fill(ago(-2))
    page.get_by_label("Karin S.").check()
    page.get_by_label("Bo H.").check()
    page.get_by_role("button", name="Gem planen").click()
    consent = page.get_by_role("region", name="Navne på tavlen")
    consent.get_by_label("Karin S.").check()
    consent.get_by_role("button", name="Gem samtykke").click()
    both_widths(page, "trial: planned")

    page.get_by_role("link", name="Tavlen", exact=True).click()
    board = page.locator(".board")
    assert "Karin og en beboer" in board.inner_text() and "Bo" not in board.inner_text()
    both_widths(page, "board")
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    box = pdf.pages[0].mediabox
    assert float(box.width) > float(box.height)  # A4 landscape
    printed = " ".join(pdf.pages[0].extract_text().split())
    assert "Gåtur i grupper" in printed and "Karin og en beboer" in printed
    assert "Log ud" not in printed and "Bo H." not in printed

    page.go_back()
    page.get_by_role("button", name="Markér som prøvet").click()
    page.get_by_label("Det virkede", exact=True).fill("Vi fik snakket sammen.")
    page.get_by_label("Beboernes egne ord").fill("Rart ikke at gå alene.")
    page.get_by_role("button", name="Gem evalueringen").click()
    both_widths(page, "trial: evaluated")
    page.get_by_label("Fortsæt: det holder vi fast i").check()
    page.get_by_role("button", name="Gem beslutningen").click()
    history = page.get_by_role("region", name="Historik")
    for step in ("Idéen blev skrevet", "Planlagt", "Prøvet", "Evalueret", "Besluttet"):
        assert history.get_by_text(step, exact=True).count() >= 1
    both_widths(page, "trial: decided")
    page.goto(f"{live.url}/huset/tavle")
    expect(page.get_by_role("heading", name="Det fortsætter vi med")).to_be_visible()
    ids["db"].close()


@pytest.mark.browser
def test_a_status_meeting_changes_colours_and_shows_the_chart(page, live):
    ids = seed(live)
    db, north = ids["db"], ids["north"]
    effort_plan.set_purpose(db, north, "Flere deltager i fællesskaber.")
    inside = effort_plan.add_subgoal(db, north, "Aktiviteter i huset")
    outside = effort_plan.add_subgoal(db, north, "Aktiviteter uden for huset")
    dinner = effort_plan.add_activity(
        db, north, inside, what="Fællesspisning", responsible="Udvalget", timing="Fredag"
    )
    search = effort_plan.add_activity(
        db, north, outside, what="Undersøg fritidstilbud", responsible="Mette", timing="Maj"
    )
    status_meeting.record_meeting(
        db,
        north,
        held_on=ago(90),
        participants="Lene og Mette",
        statuses={dinner: ("red", ""), search: ("yellow", "")},
    )
    login(page, live, "mette", PASSWORD)
    page.goto(f"{live.url}/huset/indsatsplan")
    both_widths(page, "effort plan")
    page.get_by_role("link", name="Hold statusmøde").first.click()
    both_widths(page, "status meeting")
    page.get_by_label("Hvem deltog?").fill("Lene, Mette og to beboere")
    row = page.get_by_role("group", name="Fællesspisning")
    row.get_by_label("Grøn: gennemført eller godt på vej").check()
    row.get_by_label("Note til Fællesspisning").fill("Mange kommer nu")
    page.get_by_role("button", name="Gem statusmødet").click()

    chart = page.get_by_role("img", name="Status over tid for Fællesspisning")
    label = chart.get_attribute("aria-label")
    assert label.index("Rød") < label.index("Grøn")
    expect(page.get_by_text("Mange kommer nu")).to_be_visible()
    searched = page.get_by_role("img", name="Status over tid for Undersøg fritidstilbud")
    assert searched.get_attribute("aria-label").count("Gul") == 2
    both_widths(page, "effort plan after meeting")
    page.goto(f"{live.url}/huset/")
    expect(page.get_by_text("Næste statusmøde:")).to_be_visible()
    db.close()
