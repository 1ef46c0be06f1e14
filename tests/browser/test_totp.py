"""Two-factor login in Chromium: enrol by reading the key from the page, log out, log
in with a code from the app, and a wrong code is refused. axe on every new page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pyotp
import pytest
from playwright.sync_api import expect

from samtale.db import open_db
from tests.browser.conftest import assert_accessible, login
from tests.conftest import PASSWORD, Helpers


@pytest.fixture
def house(live):
    db = open_db(live.app.config["DATABASE"])
    ids = Helpers(db).house()
    yield ids
    db.close()


def code(secret: str, steps: int = 0) -> str:
    return pyotp.TOTP(secret).at(datetime.now(UTC) + timedelta(seconds=30 * steps))


@pytest.mark.browser
def test_enrol_log_out_and_log_in_with_a_code(page, live, house):
    login(page, live, "mette", PASSWORD)
    page.goto(live.url + "/profil")
    assert_accessible(page, "profile with security sections")
    page.get_by_role("link", name="Slå to-faktor-login til").click()
    expect(page.get_by_role("img", name="QR-kode til din godkendelses-app")).to_be_visible()
    assert_accessible(page, "totp enrolment")
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")

    page.get_by_label("Kode fra appen, eller en gendannelseskode").fill("000000")
    page.get_by_role("button", name="Slå til").click()
    expect(page.get_by_role("alert")).to_contain_text("Koden passer ikke")
    assert page.locator("#totp-secret").inner_text().replace(" ", "") == secret

    page.get_by_label("Kode fra appen, eller en gendannelseskode").fill(code(secret))
    page.get_by_role("button", name="Slå til").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dine gendannelseskoder")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    assert_accessible(page, "recovery codes")
    page.get_by_role("link", name="Jeg har gemt koderne").click()
    expect(page.get_by_text("Slået til.")).to_be_visible()
    page.goto(live.url + "/profil/to-faktor")
    assert_accessible(page, "totp on")

    page.get_by_role("button", name="Log ud").click()
    login(page, live, "mette", PASSWORD, expect_ok=False)
    expect(page.get_by_role("heading", level=1)).to_have_text("Kode fra din app")
    assert_accessible(page, "login code step")
    page.goto(live.url + "/profil")
    assert "/log-ind" in page.url  # no session before the code

    login(page, live, "mette", PASSWORD, expect_ok=False)
    page.get_by_label("Kode fra appen, eller en gendannelseskode").fill("123456")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("alert")).to_contain_text("Koden passer ikke")
    assert_accessible(page, "login code refused")

    page.get_by_label("Kode fra appen, eller en gendannelseskode").fill(code(secret, 1))
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("button", name="Log ud")).to_be_visible()
    page.goto(live.url + "/profil")
    expect(page.get_by_role("heading", level=1)).to_have_text("Min profil")
    assert not page.dialogs
