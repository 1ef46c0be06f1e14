"""Large text and high contrast: saved per staff member (samtale.preferences, m0006), put
on <body> of every page they see, and switched by the resident for one handover without
touching the staff member's own choice."""

from __future__ import annotations

import re

import pytest

from samtale import migrations, preferences
from samtale.db import open_db
from samtale.errors import NotFound
from samtale.preferences import Display
from tests.conftest import PASSWORD, csrf_from

BODY = re.compile(r'<body class="([^"]*)"')


@pytest.fixture
def mem():
    db = open_db(":memory:")
    migrations.apply(db)
    db.execute("INSERT INTO staff (username, display_name, password_hash, role, active, "
               "language, created_at) VALUES ('mette', 'Mette', 'x', 'kontaktperson', 1, "
               "'da', '2026-01-01T00:00:00.000000Z')")
    return db


def body_classes(html: str) -> set[str]:
    return set(BODY.search(html).group(1).split())


# --- core ------------------------------------------------------------------------------


def test_a_new_account_has_both_off_and_the_choice_is_kept(mem):
    assert preferences.for_staff(mem, 1) == Display(False, False)
    preferences.save(mem, 1, Display(large_text=True, high_contrast=False))
    assert preferences.for_staff(mem, 1) == Display(True, False)
    preferences.save(mem, 1, Display(large_text=False, high_contrast=True))
    assert preferences.for_staff(mem, 1) == Display(False, True)


def test_an_unknown_staff_member_is_not_found(mem):
    with pytest.raises(NotFound):
        preferences.for_staff(mem, 99)
    with pytest.raises(NotFound):
        preferences.save(mem, 99, Display(True, True))


@pytest.mark.parametrize("display, classes", [
    (Display(), ""), (Display(True, False), "large-text"),
    (Display(False, True), "high-contrast"), (Display(True, True), "large-text high-contrast"),
])
def test_body_classes(display, classes):
    assert display.body_classes() == classes


@pytest.mark.parametrize("form, expected", [
    ({}, Display()), ({"large_text": "1"}, Display(True, False)),
    ({"large_text": "1", "high_contrast": "1"}, Display(True, True)),
    ({"large_text": "ja", "high_contrast": "on"}, Display()),
])
def test_from_form(form, expected):
    assert preferences.from_form(form) == expected


def test_the_residents_choice_counts_only_in_the_handover_it_was_made_in():
    saved = Display(True, False)
    now = {"started_at": "2026-11-25T10:00:00.000000Z"}
    choice = preferences.handover_choice(now, Display(False, True))
    assert preferences.for_handover(saved, now, choice) == Display(False, True)
    assert preferences.for_handover(saved, None, choice) == saved  # handover over
    later = {"started_at": "2026-11-25T11:00:00.000000Z"}
    assert preferences.for_handover(saved, later, choice) == saved  # another handover
    assert preferences.for_handover(saved, now, None) == saved  # nothing chosen


# --- pages -------------------------------------------------------------------------------


@pytest.fixture
def house(helpers, client):
    ids = helpers.house()
    helpers.login(client, "mette")
    return ids


def test_profile_saves_the_setting_and_every_page_shows_it(client, helpers, house, db):
    page = client.get("/profil").get_data(as_text=True)
    assert 'name="large_text"' in page and 'name="high_contrast"' in page
    assert "Stor tekst" in page and "Høj kontrast" in page
    assert not body_classes(page) & {"large-text", "high-contrast"}
    response = helpers.post(client, "/profil/visning", {"large_text": "1"}, token_from="/profil")
    assert response.status_code == 302
    assert preferences.for_staff(db, house["mette"]) == Display(True, False)
    for path in ("/", f"/beboere/{house['karin']}", f"/beboere/{house['karin']}/plan"):
        assert "large-text" in body_classes(client.get(path).get_data(as_text=True)), path
    profile = client.get("/profil").get_data(as_text=True)
    assert re.search(r'id="pref-large-text"[^>]*checked', profile)
    assert not re.search(r'id="pref-high-contrast"[^>]*checked', profile)


def test_one_persons_setting_is_not_anothers(client, helpers, house, app):
    helpers.post(client, "/profil/visning", {"high_contrast": "1"}, token_from="/profil")
    other = app.test_client()
    helpers.login(other, "ali")
    assert "high-contrast" not in body_classes(other.get("/").get_data(as_text=True))
    assert "high-contrast" in body_classes(client.get("/").get_data(as_text=True))


def hand_over(client, resident_id: int):
    page = client.get(f"/beboere/{resident_id}").get_data(as_text=True)
    response = client.post(f"/beboere/{resident_id}/giv-skaermen",
                           data={"csrf_token": csrf_from(page)})
    assert response.status_code == 302
    return client.get(f"/beboere/{resident_id}/skaerm").get_data(as_text=True)


def switch(client, resident_id: int, page: str, toggle: str, next_path: str = ""):
    return client.post(f"/beboere/{resident_id}/visning", data={
        "csrf_token": csrf_from(page), "toggle": toggle, "next": next_path})


def test_the_resident_switches_for_the_handover_only(client, helpers, house, db):
    helpers.post(client, "/profil/visning", {"high_contrast": "1"}, token_from="/profil")
    karin = house["karin"]
    home = hand_over(client, karin)
    assert 'aria-pressed="false">Stor tekst' in home and 'aria-pressed="true">Høj kontrast' in home
    plan_path = f"/beboere/{karin}/plan"
    response = switch(client, karin, home, "large_text", plan_path)
    assert response.status_code == 302 and response.headers["Location"] == plan_path
    page = client.get(plan_path).get_data(as_text=True)
    assert body_classes(page) >= {"large-text", "high-contrast"}
    switch(client, karin, page, "high_contrast")
    page = client.get(plan_path).get_data(as_text=True)
    assert "large-text" in body_classes(page) and "high-contrast" not in body_classes(page)
    assert preferences.for_staff(db, house["mette"]) == Display(False, True)  # untouched

    exit_page = client.get("/skaerm/afslut").get_data(as_text=True)
    client.post("/skaerm/afslut", data={"csrf_token": csrf_from(exit_page), "secret": PASSWORD})
    after = body_classes(client.get("/").get_data(as_text=True))
    assert "high-contrast" in after and "large-text" not in after  # the staff's own again


def test_the_switch_needs_a_handover_and_a_known_setting(client, helpers, house):
    karin = house["karin"]
    page = client.get(f"/beboere/{karin}").get_data(as_text=True)
    assert switch(client, karin, page, "large_text").status_code == 404  # no handover
    home = hand_over(client, karin)
    assert switch(client, karin, home, "colour").status_code == 404
    assert switch(client, house["bo"], home, "large_text").status_code == 403  # not hers


def test_the_switch_goes_back_only_to_the_residents_own_pages(client, helpers, house):
    karin = house["karin"]
    home = hand_over(client, karin)
    for bad in ("https://example.org/", "//example.org", f"/beboere/{house['bo']}/plan", "/"):
        response = switch(client, karin, home, "large_text", bad)
        assert response.headers["Location"] == f"/beboere/{karin}/skaerm", bad
