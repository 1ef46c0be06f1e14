"""Screen handover in Chromium: the contact person hands the screen to Karin; another
resident's page, the start page and the administration are refused by URL; the PIN
takes the screen back. axe on every new page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from samtale import pin
from samtale.db import open_db
from tests.browser.conftest import TABLET, assert_accessible, login
from tests.conftest import FAST_HASHER, PASSWORD, Helpers

PIN = "4729"


@pytest.fixture
def house(live):
    db = open_db(live.app.config["DATABASE"])
    ids = Helpers(db).house()
    pin.set_pin(db, FAST_HASHER, ids["mette"], PIN)
    yield ids
    db.close()


@pytest.mark.browser
def test_hand_over_refuse_everything_else_and_take_it_back(page, live, house):
    page.set_viewport_size(TABLET)
    login(page, live, "mette", PASSWORD)
    page.goto(f"{live.url}/beboere/{house['karin']}")
    assert_accessible(page, "resident page with handover button")
    page.get_by_role("button", name="Giv skærmen til beboeren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hej Karin")
    assert_accessible(page, "handover home")
    header = page.locator("header")
    expect(header).to_contain_text("Karin S.")
    expect(header.get_by_role("link", name="Afslut")).to_be_visible()
    expect(page.get_by_role("button", name="Log ud")).to_have_count(0)
    expect(page.get_by_role("link", name="Beboere")).to_have_count(0)

    for path in (f"/beboere/{house['bo']}", "/", "/beboere/", "/admin/personale",
                 "/admin/log", "/admin/indstillinger", "/profil", f"/beboere/{house['sara']}"):
        response = page.goto(live.url + path)
        assert response.status == 403, path
        expect(page.get_by_role("heading", level=1)).to_have_text("Skærmen er givet til Karin S.")
        assert "Bo H." not in page.content() and "Sara L." not in page.content()
    assert_accessible(page, "handover refused")

    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Skærmen er givet til Karin S.")

    page.get_by_role("link", name="Afslut og tag skærmen tilbage").click()
    assert_accessible(page, "handover exit")
    page.get_by_label("Din PIN-kode eller adgangskode").fill("1111")
    page.get_by_role("button", name="Tag skærmen tilbage").click()
    expect(page.get_by_role("alert")).to_contain_text("4 forsøg tilbage")
    assert_accessible(page, "handover exit with error")
    page.get_by_label("Din PIN-kode eller adgangskode").fill(PIN)
    page.get_by_role("button", name="Tag skærmen tilbage").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Karin S.")
    expect(page.get_by_text("Du har skærmen igen.")).to_be_visible()
    page.goto(live.url + "/")
    expect(page.get_by_role("button", name="Log ud")).to_be_visible()
    assert not page.dialogs
