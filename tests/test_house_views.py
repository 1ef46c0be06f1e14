"""The house pages through the test client: the unit check and the unit picker, the
leader-only guide editor, mentor matches from both residents' pages, the jeg-form hint
button, prøvehandlinger with board consent, the status meeting, audit entries, and forms
that keep what was typed when something is wrong."""

from __future__ import annotations

import re
import sys
import types
from datetime import timedelta

import pytest

from samtale import clock
from samtale.house import mentor, newcomers, trial_people, trials

PAGES = [
    "/huset/",
    "/huset/mentorguide",
    "/huset/proevehandlinger",
    "/huset/proevehandlinger/ny",
    "/huset/tavle",
    "/huset/indsatsplan",
    "/huset/indsatsplan/formaal",
    "/huset/indsatsplan/statusmoede",
]


def ago(days: int) -> str:
    return (clock.today() - timedelta(days=days)).isoformat()


@pytest.fixture
def house(helpers, client):
    ids = helpers.house()
    ids["nina"] = helpers.resident("Nina P.", ids["north"], moved_in=ago(10))
    ids["tom"] = helpers.resident("Tom R.", ids["south"], moved_in=ago(3))
    helpers.login(client, "mette")
    return ids


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.get_data(as_text=True)


def post(helpers, client, path, data, token_from="/huset/"):
    return helpers.post(client, path, data, token_from=token_from)


def audit_rows(db, object_type: str) -> list[tuple]:
    return db.execute(
        "SELECT action, resident_id FROM audit_log WHERE object_type = ? ORDER BY id",
        [object_type],
    ).fetchall()


@pytest.mark.parametrize("path", PAGES)
def test_every_house_page_answers_in_danish_with_the_menu_item(client, house, path):
    html = page(client, path)
    assert '<html lang="da"' in html and ">Huset</a>" in html


def test_house_page_lists_only_own_units_newcomers_without_an_offer(client, house, db):
    html = page(client, "/huset/")
    assert "Nina P." in html and "Tom R." not in html and "Karin S." not in html
    assert ("read", house["nina"]) in audit_rows(db, "house")


def test_recording_the_offer_takes_the_newcomer_off_the_list(client, helpers, house):
    path = f"/beboere/{house['nina']}/mentor/tilbud"
    response = post(helpers, client, path, {"outcome": "declined", "reason": "Vil være i fred"})
    assert response.status_code == 302
    assert "Nina P." not in page(client, "/huset/").split("Mentorforløb i gang")[0]
    resident = page(client, f"/beboere/{house['nina']}")
    assert "Nej tak" in resident and "Vil være i fred" in resident


def test_unit_picker_remembers_the_unit_and_refuses_a_foreign_one(client, helpers, house):
    assert post(helpers, client, "/huset/afdeling", {"unit": house["south"]}).status_code == 404
    client.post("/log-ud", data={"csrf_token": helpers.token(client, "/")})
    helpers.login(client, "leder")
    html = page(client, "/huset/")
    assert "Nina P." in html and 'id="house-unit"' in html
    post(helpers, client, "/huset/afdeling", {"unit": house["south"]})
    html = page(client, "/huset/")
    assert "Tom R." in html and "Nina P." not in html


def test_only_the_leader_edits_the_guide_and_markdown_is_cleaned(client, helpers, house, db):
    assert client.get("/huset/mentorguide/rediger").status_code == 403
    assert "Sådan finder vi en mentor til dig" in page(client, "/huset/mentorguide")
    client.post("/log-ud", data={"csrf_token": helpers.token(client, "/")})
    helpers.login(client, "leder")
    body = "## Vores guide\n\n<script>alert(1)</script>\n\n[link](javascript:alert(1))"
    response = post(helpers, client, "/huset/mentorguide/rediger", {"body": body})
    assert response.status_code == 302
    html = page(client, "/huset/mentorguide")
    assert "<h2>Vores guide</h2>" in html and "<script>alert" not in html
    assert "javascript:" not in html
    assert audit_rows(db, "mentor_guide") == [("admin", None)]


def test_guide_editor_keeps_the_text_when_it_is_refused(client, helpers, house):
    client.post("/log-ud", data={"csrf_token": helpers.token(client, "/")})
    helpers.login(client, "leder")
    too_long = "Min egen tekst " + "x" * 20_000
    response = post(helpers, client, "/huset/mentorguide/rediger", {"body": too_long})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "højst" in html and "Min egen tekst" in html


def start_match(helpers, client, house, **overrides):
    data = {
        "mentor": house["karin"],
        "started_on": ago(2),
        "ends_on": ago(-40),
        "staff": house["mette"],
    } | overrides
    return post(helpers, client, f"/beboere/{house['nina']}/mentor/ny", data)


def test_a_match_from_start_to_evaluation_shows_on_both_pages(client, helpers, house, db):
    response = start_match(helpers, client, house)
    assert response.status_code == 302
    match_path = response.headers["Location"]
    post(helpers, client, match_path + "/aftaler", {"text": "Jeg spiser med Karin om fredagen."})
    html = page(client, match_path)
    assert "Jeg spiser med Karin om fredagen." in html and "Mette" in html
    for resident in ("nina", "karin"):
        html = page(client, f"/beboere/{house[resident]}")
        assert "Åbn mentorforløbet" in html
    assert "Mentor: Karin S." in page(client, f"/beboere/{house['nina']}")
    assert "Mentor for: Nina P." in page(client, f"/beboere/{house['karin']}")
    evaluation = {"evaluation": "Jeg har fået en ven.", "by": "newcomer", "on": ago(0)}
    assert post(helpers, client, match_path + "/evaluering", evaluation).status_code == 302
    assert "Jeg har fået en ven." in page(client, match_path)
    reads = audit_rows(db, "mentor_match")
    assert ("create", house["nina"]) in reads and ("read", house["karin"]) in reads


def test_match_form_keeps_what_was_typed_on_error(client, helpers, house):
    response = start_match(helpers, client, house, mentor=0, ends_on="2031-02-03")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Vælg en mentor" in html
    assert 'value="2031-02-03"' in html


def test_evaluation_and_agreement_keep_what_was_typed_on_error(client, helpers, house):
    match_path = start_match(helpers, client, house).headers["Location"]
    typed = {"evaluation": "Jeg skrev det her selv", "by": "", "on": ago(0)}
    html = post(helpers, client, match_path + "/evaluering", typed).get_data(as_text=True)
    assert "Vælg, hvem der har skrevet evalueringen." in html
    assert "Jeg skrev det her selv</textarea>" in html
    html = post(helpers, client, match_path + "/aftaler", {"text": "x" * 301}).get_data(
        as_text=True
    )
    assert "højst 300 tegn" in html and "x" * 301 in html


def fake_jegform(monkeypatch):
    def check(text, names):
        flagged = text.startswith("Nina")
        suggestion = "Jeg" + text[len("Nina") :] if flagged else None
        return types.SimpleNamespace(flagged=flagged, suggestion=suggestion, reason="Skriv jeg.")

    monkeypatch.setitem(sys.modules, "samtale.jegform", types.SimpleNamespace(check=check))


def test_jeg_form_hint_button_saves_the_suggestion(client, helpers, house, db, monkeypatch):
    fake_jegform(monkeypatch)
    match_path = start_match(helpers, client, house).headers["Location"]
    post(helpers, client, match_path + "/aftaler", {"text": "Nina spiser med Karin."})
    html = page(client, match_path)
    assert 'name="use_suggestion" value="Jeg spiser med Karin."' in html
    assert "Brug denne formulering" in html
    match_id = int(match_path.rsplit("/", 1)[1])
    (agreement,) = mentor.get_match(db, match_id, house["nina"]).agreements
    data = {"text": "Nina spiser med Karin.", "use_suggestion": "Jeg spiser med Karin."}
    post(helpers, client, f"{match_path}/aftaler/{agreement.id}", data)
    (agreement,) = mentor.get_match(db, match_id, house["nina"]).agreements
    assert agreement.text == "Jeg spiser med Karin."
    assert "Brug denne formulering" not in page(client, match_path)


def test_no_hint_when_jegform_cannot_be_imported(client, helpers, house, monkeypatch):
    monkeypatch.setitem(sys.modules, "samtale.jegform", None)
    match_path = start_match(helpers, client, house).headers["Location"]
    post(helpers, client, match_path + "/aftaler", {"text": "Nina spiser med Karin."})
    html = page(client, match_path)
    assert "Nina spiser med Karin." in html and "Brug denne formulering" not in html


def test_resident_page_and_plan_panel_show_the_match(app, client, helpers, house, db):
    mentor.create_match(
        db,
        resident_id=house["nina"],
        mentor_id=house["karin"],
        started_on=ago(1),
        staff_id=house["mette"],
    )
    with app.test_request_context():
        from flask import g, render_template

        from samtale import residents, staff

        g.staff = staff.get(db, house["mette"])
        html = render_template(
            "house/_mentor_panel.html", resident=residents.get(db, house["nina"])
        )
    assert "Min mentor er Karin." in html and "kan vi altid hente Mette" in html
    assert newcomers.offer_for(db, house["nina"]).outcome == "matched"


def test_a_trial_from_idea_to_decision_with_consent_on_the_board(client, helpers, house, db):
    response = post(helpers, client, "/huset/proevehandlinger/ny", {"title": "Gåtur", "idea": ""})
    trial_path = response.headers["Location"]
    plan = {
        "what": "Gåtur langs søen",
        "start": ago(0),
        "residents": [house["karin"], house["bo"]],
        "staff": [house["mette"]],
    }
    assert post(helpers, client, trial_path + "/plan", plan).status_code == 302
    board = page(client, "/huset/tavle")
    assert "Gåtur langs søen" in board and "2 beboere" in board and "Karin" not in board
    post(helpers, client, trial_path + "/tavle", {"named": [house["karin"]]})
    board = page(client, "/huset/tavle")
    assert "Karin og en beboer" in board and "Bo" not in board
    assert ("read", house["karin"]) in audit_rows(db, "house_board")
    assert ("update", house["karin"]) in audit_rows(db, "trial_board_consent")
    post(helpers, client, trial_path + "/proevet", {"tried_on": ago(0), "note": ""})
    words = {"worked": "Solen", "not_worked": "", "residents_words": "Skønt at gå sammen"}
    post(helpers, client, trial_path + "/evaluering", words)
    response = post(helpers, client, trial_path + "/beslutning", {"decision": "adjust"})
    new_path = response.headers["Location"]
    assert new_path != trial_path and "runde 2" in page(client, new_path)
    html = page(client, trial_path)
    for step in ("Idéen blev skrevet", "Planlagt", "Prøvet", "Evalueret", "Besluttet"):
        assert step in html
    assert "Skønt at gå sammen" in html
    assert ("read", house["bo"]) in audit_rows(db, "trial")


def test_trial_plan_keeps_what_was_typed_on_error(client, helpers, house):
    trial_path = post(helpers, client, "/huset/proevehandlinger/ny", {"title": "Biograf"}).headers[
        "Location"
    ]
    plan = {"what": "Biograf første torsdag", "start": "", "residents": [house["bo"]]}
    response = post(helpers, client, trial_path + "/plan", plan)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "hvornår I starter" in html
    assert "Biograf første torsdag</textarea>" in html
    checked = re.findall(
        r'<input checked id="residents-\d+" name="residents" [^>]*value="(\d+)"', html
    )
    assert checked == [str(house["bo"])]


def test_new_idea_keeps_what_was_typed_on_error(client, helpers, house):
    response = post(helpers, client, "/huset/proevehandlinger/ny", {"title": "", "idea": "Min idé"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "kort titel" in html and "Min idé</textarea>" in html


def test_other_units_trial_and_board_stay_hidden(client, helpers, house, db):
    south_trial = trials.create_idea(db, house["south"], title="Syd-tur")
    assert client.get(f"/huset/proevehandlinger/{south_trial}").status_code == 404
    assert "Syd-tur" not in page(client, "/huset/tavle")
    assert "Syd-tur" not in page(client, "/huset/proevehandlinger")


def test_board_consent_for_a_resident_not_on_the_trial_changes_nothing(client, helpers, house, db):
    trial_id = trials.create_idea(db, house["north"], title="Tur")
    trials.plan(
        db,
        trials.get(db, trial_id, [house["north"]]),
        what="Tur",
        start=ago(0),
        resident_ids=[house["karin"]],
    )
    post(helpers, client, f"/huset/proevehandlinger/{trial_id}/tavle", {"named": [house["sara"]]})
    people, _staff = trial_people.people(db, trial_id)
    assert [(p.resident_id, p.named_on_board) for p in people] == [(house["karin"], False)]


def build_plan(helpers, client):
    post(helpers, client, "/huset/indsatsplan/formaal", {"purpose": "Flere deltager."})
    post(helpers, client, "/huset/indsatsplan/delmaal", {"title": "Aktiviteter i huset"})
    html = page(client, "/huset/indsatsplan")
    subgoal_id = re.search(r"/huset/indsatsplan/delmaal/(\d+)", html).group(1)
    path = f"/huset/indsatsplan/delmaal/{subgoal_id}/ny-aktivitet"
    activity = {"what": "Fællesspisning", "responsible": "Udvalget", "timing": "Fredag"}
    assert post(helpers, client, path, activity).status_code == 302
    return html


def test_status_meeting_saves_colours_and_shows_the_chart(client, helpers, house, db):
    build_plan(helpers, client)
    html = page(client, "/huset/indsatsplan/statusmoede")
    activity_id = int(html.split('name="status-')[1].split('"')[0])
    for word in ("Grøn:", "Gul:", "Rød:", "Ikke vurderet"):
        assert word in html
    meeting = {
        "held_on": ago(0),
        "participants": "Lene og Mette",
        f"status-{activity_id}": "yellow",
        f"note-{activity_id}": "Få kommer",
        "next_on": "",
    }
    assert post(helpers, client, "/huset/indsatsplan/statusmoede", meeting).status_code == 302
    html = page(client, "/huset/indsatsplan")
    assert 'role="img"' in html and "<title>Status over tid for Fællesspisning" in html
    assert "Få kommer" in html and ">Gul</text>" in html
    assert "Næste statusmøde" in page(client, "/huset/")


def test_status_meeting_keeps_everything_typed_on_error(client, helpers, house):
    build_plan(helpers, client)
    html = page(client, "/huset/indsatsplan/statusmoede")
    activity_id = int(html.split('name="status-')[1].split('"')[0])
    meeting = {
        "held_on": ago(0),
        "participants": "",
        f"status-{activity_id}": "red",
        f"note-{activity_id}": "Ingen har tid",
        "next_on": "",
    }
    html = post(helpers, client, "/huset/indsatsplan/statusmoede", meeting).get_data(as_text=True)
    assert "hvem der deltog" in html and 'value="Ingen har tid"' in html
    assert 'value="red" checked' in html


def test_activity_and_subgoal_forms_keep_typing_and_check_the_unit(client, helpers, house, db):
    build_plan(helpers, client)
    plan_html = page(client, "/huset/indsatsplan")
    activity_id = re.search(r"/huset/indsatsplan/aktiviteter/(\d+)", plan_html).group(1)
    path = f"/huset/indsatsplan/aktiviteter/{activity_id}"
    response = post(helpers, client, path, {"what": "Ny tekst", "responsible": "", "timing": "x"})
    html = response.get_data(as_text=True)
    assert "hvem der er ansvarlig" in html and 'value="Ny tekst"' in html
    response = post(helpers, client, "/huset/indsatsplan/delmaal", {"title": ""})
    assert "Skriv delmålet" in response.get_data(as_text=True)


def test_the_new_resident_may_use_the_match_page_while_holding_the_screen(client, helpers, house):
    match_path = start_match(helpers, client, house).headers["Location"]
    token = helpers.token(client, f"/beboere/{house['nina']}")
    client.post(f"/beboere/{house['nina']}/giv-skaermen", data={"csrf_token": token})
    html = page(client, match_path)
    assert "Vores aftaler" in html and "Ret datoer og medarbejder" not in html
    response = client.post(match_path + "/aftaler", data={"csrf_token": token, "text": "Jeg ..."})
    assert response.status_code == 302
    assert client.get("/huset/").status_code == 403
    assert client.get(f"/beboere/{house['nina']}/mentor/ny").status_code == 403
