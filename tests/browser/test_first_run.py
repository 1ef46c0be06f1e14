"""A newcomer's first hour, in Chromium: the setup link, the first leader, a unit, a
contact person and a resident; then the contact person logs in and finds the
resident. axe checks every page on the way, at laptop and tablet width."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from samtale import firstrun
from samtale.db import open_db
from tests.browser.conftest import TABLET, assert_accessible, login

LEADER_PW = "min lange leder sætning"
METTE_PW = "kaffe og kage om fredagen"


def setup_link(live) -> str:
    db = open_db(live.app.config["DATABASE"])
    token = firstrun.new_token(db)
    db.close()
    return f"{live.url}/opsaetning/{token}"


def create_leader(page, live):
    page.goto(setup_link(live))
    assert_accessible(page, "setup")
    page.get_by_label("Dit navn").fill("Lene Holm")
    page.get_by_label("Brugernavn").fill("lene")
    page.get_by_label("Adgangskode (mindst 8 tegn)").fill(LEADER_PW)
    page.get_by_label("Gentag adgangskoden").fill(LEADER_PW)
    page.get_by_label("Navn på den første afdeling").fill("Afdeling Nord")
    page.get_by_role("button", name="Opret min konto").click()
    page.wait_for_url("**/admin/personale")


@pytest.mark.browser
def test_first_run_to_finding_a_resident(page, live):
    page.goto(live.url + "/")
    assert "ikke sat op endnu" in page.content()
    assert_accessible(page, "not set up")
    create_leader(page, live)
    assert_accessible(page, "staff list")

    page.get_by_role("link", name="Afdelinger").click()
    assert_accessible(page, "units")
    page.get_by_label("Afdelingens navn").fill("Afdeling Syd")
    page.get_by_role("button", name="Opret afdeling").click()
    expect(page.get_by_role("cell", name="Afdeling Syd", exact=True)).to_be_visible()
    page.get_by_role("link", name="Personale").click()
    page.get_by_role("link", name="Opret medarbejder").click()
    assert_accessible(page, "new staff")
    page.get_by_label("Navn", exact=True).fill("Mette Kristensen")
    page.get_by_label("Brugernavn").fill("mette")
    page.get_by_label("Kontaktperson").check()
    page.get_by_label("Afdeling Nord").check()
    page.get_by_label("Adgangskode (mindst 8 tegn)").fill(METTE_PW)
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("cell", name="mette", exact=True)).to_be_visible()
    page.get_by_role("link", name="Beboere").click()
    page.get_by_role("link", name="Opret ny beboer").click()
    assert_accessible(page, "new resident")
    page.get_by_label("Navn (fornavn").fill("Karin S.")
    page.get_by_label("Afdeling", exact=True).select_option(label="Afdeling Nord")
    page.get_by_label("Lene Holm (Afdeling Nord, Afdeling Syd)").uncheck()
    page.get_by_label("Mette Kristensen (Afdeling Nord)").check()
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("heading", name="Karin S.")).to_be_visible()
    assert_accessible(page, "resident page")
    page.get_by_role("button", name="Log ud").click()

    login(page, live, "mette", METTE_PW)
    mine = page.get_by_role("region", name="Mine beboere")
    expect(mine.locator(".person-name", has_text="Karin S.")).to_be_visible()
    assert_accessible(page, "start page")
    page.set_viewport_size(TABLET)
    assert_accessible(page, "start page, tablet")
    mine.get_by_role("link", name="Åbn Karin S.").click()
    expect(page.get_by_role("heading", name="Karin S.")).to_be_visible()
@pytest.mark.browser
def test_wrong_password_message_and_used_setup_link(page, live):
    link = setup_link(live)
    page.goto(link)
    page.get_by_label("Dit navn").fill("Lene Holm")
    page.get_by_label("Brugernavn").fill("lene")
    page.get_by_label("Adgangskode (mindst 8 tegn)").fill("password")
    page.get_by_label("Gentag adgangskoden").fill("password")
    page.get_by_label("Navn på den første afdeling").fill("Nord")
    page.get_by_role("button", name="Opret min konto").click()
    expect(page.get_by_role("alert").get_by_text("for almindelig")).to_be_visible()
    assert page.get_by_label("Dit navn").input_value() == "Lene Holm"
    page.get_by_label("Adgangskode (mindst 8 tegn)").fill(LEADER_PW)
    page.get_by_label("Gentag adgangskoden").fill(LEADER_PW)
    page.get_by_role("button", name="Opret min konto").click()
    page.wait_for_url("**/admin/personale")
    page.get_by_role("button", name="Log ud").click()
    page.goto(link)
    expect(page.get_by_role("heading", name="Linket virker ikke")).to_be_visible()
    login(page, live, "lene", "forkert kodeord", expect_ok=False)
    expect(page.get_by_text("Forkert brugernavn eller adgangskode.")).to_be_visible()
    assert page.get_by_label("Brugernavn").input_value() == "lene"
    assert_accessible(page, "login with error")
