"""The leader's privacy pages in Chromium, with axe on each: the log with filters, the
spot check with a review, a resident's access report, the chain check and the
settings page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from samtale.db import open_db
from tests.browser.conftest import TABLET, assert_accessible, login
from tests.conftest import PASSWORD, Helpers


@pytest.fixture
def house(live):
    db = open_db(live.app.config["DATABASE"])
    ids = Helpers(db).house()
    yield ids, db
    db.close()


@pytest.mark.browser
def test_leader_reviews_who_saw_what(page, live, house):
    ids, db = house
    login(page, live, "mette", PASSWORD)
    page.goto(f"{live.url}/beboere/{ids['karin']}")
    page.get_by_role("button", name="Log ud").click()

    page.set_viewport_size(TABLET)
    login(page, live, "leder", PASSWORD)
    page.goto(f"{live.url}/beboere/{ids['karin']}")
    assert_accessible(page, "resident page as leader")
    page.get_by_role("link", name="Hvem har set eller ændret data om Karin S.?").click()
    expect(page.get_by_role("cell", name="Mette (mette)").first).to_be_visible()
    assert_accessible(page, "access report")

    page.goto(live.url + "/admin/")
    page.get_by_role("link", name="Log", exact=True).click()
    assert_accessible(page, "audit log")
    page.get_by_label("Medarbejder").select_option(label="Mette (mette)")
    page.get_by_role("button", name="Vis").click()
    expect(page.get_by_role("status")).to_contain_text("poster")
    assert "medarbejder=" in page.url
    assert_accessible(page, "audit log filtered")

    page.get_by_role("link", name="Stikprøve").click()
    assert_accessible(page, "spot check")
    page.get_by_label("Fra dato").fill("2000-01-01")
    page.get_by_label("Antal adgange").fill("2")
    page.get_by_role("button", name="Træk stikprøve").click()
    expect(page.get_by_role("button", name="Markér som gennemgået")).to_have_count(2)
    assert_accessible(page, "spot check sample")
    page.get_by_label("Skal følges op").first.check()
    page.get_by_label("Note (frivillig)").first.fill("Spørg Mette")
    page.get_by_role("button", name="Markér som gennemgået").first.click()
    expect(page.get_by_text("Spørg Mette").first).to_be_visible()
    assert db.execute("SELECT verdict FROM audit_reviews").fetchone()[0] == "follow_up"

    page.goto(live.url + "/admin/log/kontrol")
    expect(page.get_by_role("status")).to_contain_text("Loggen er hel")
    assert_accessible(page, "chain check")

    page.get_by_role("link", name="Indstillinger").click()
    assert_accessible(page, "settings")
    page.get_by_label("Slet data om fraflyttede beboere efter så mange måneder").fill("24")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Indstillingerne er gemt.")).to_be_visible()
    assert not page.dialogs
