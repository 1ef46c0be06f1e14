"""The follow-up screens and the overviews through the Flask client: one goal per screen,
validation that keeps what was typed, "Ikke i dag" and resuming, finishing, Min plan after
the follow-up; the contact person's start page and the leader's unit overview."""

from __future__ import annotations

import re

import pytest

from samtale import followup, goals, plan_items, staff
from samtale.goals import GoalDraft
from tests.conftest import csrf_from


@pytest.fixture
def house(helpers, client, db):
    ids = helpers.house()
    helpers.login(client, "mette")
    ids["kitchen"] = goals.create(db, ids["karin"], GoalDraft(
        "Jeg hjælper til i køkkenet om tirsdagen.", next_follow_up="2020-01-10"),
        staff_id=None, staff_name="Test")
    ids["walk"] = goals.create(db, ids["karin"], GoalDraft(
        "Jeg går en tur hver dag.", next_follow_up="2020-02-01"), staff_id=None,
        staff_name="Test")
    return ids


def _post(client, path: str, data: dict, token_from: str | None = None):
    token = csrf_from(client.get(token_from or path).get_data(as_text=True))
    return client.post(path, data={"csrf_token": token, **data})


def _start(client, house) -> str:
    index = f"/beboere/{house['karin']}/opfoelgning"
    assert "Start opfølgning" in client.get(index).get_data(as_text=True)
    response = _post(client, f"{index}/ny", {}, token_from=index)
    assert response.status_code == 302
    return response.headers["Location"]


EVALUATION = {"what_happened": "Jeg har skrællet kartofler.", "status": "yellow",
              "text": "Jeg har været i køkkenet tre gange. Det var hårdt, men godt.",
              "written_by": "resident", "resident_agrees": "ja",
              "next_step": "Jeg prøver to gange om ugen.", "decision": "continue",
              "next_date": "2027-01-06"}


def test_one_goal_per_screen_with_its_history(client, house, db):
    step = _start(client, house)
    assert step.endswith(f"/maal/{house['kitchen'].id}")  # the earliest date first
    html = client.get(step).get_data(as_text=True)
    assert "Mål 1 af 2" in html and "Jeg hjælper til i køkkenet om tirsdagen." in html
    assert "Hvilken farve passer til målet nu?" in html and "Beboeren skrev selv" in html
    assert "Kontaktpersonen skrev" in html and "Ikke i dag" in html
    response = _post(client, step, EVALUATION)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/maal/{house['walk'].id}")
    kitchen = goals.get(db, house["karin"], house["kitchen"].id)
    assert (kitchen.status, kitchen.next_follow_up) == ("yellow", "2027-01-06")
    row = db.execute("SELECT written_by, author_name, resident_agrees FROM evaluations"
                     ).fetchone()
    assert row == ("resident", "Karin S.", 1)


def test_incomplete_evaluation_keeps_what_was_typed(client, house, db):
    step = _start(client, house)
    response = _post(client, step, {**EVALUATION, "status": "", "text": "Karin har bagt."})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Vælg en farve" in html and ">Karin har bagt.</textarea>" in html
    assert "Skriv i jeg-form" in html  # the quiet hint on the evaluation
    assert db.execute("SELECT count(*) FROM evaluations").fetchone()[0] == 0


def test_staff_writes_and_the_resident_disagrees(client, house, db):
    step = _start(client, house)
    _post(client, step, {**EVALUATION, "written_by": "staff", "resident_agrees": "nej",
                         "resident_view": "Jeg synes, det går godt."})
    assert db.execute("SELECT author_name, resident_agrees, resident_view FROM evaluations"
                      ).fetchone() == ("Mette", 0, "Jeg synes, det går godt.")


def test_not_today_then_resume_then_finish(client, house, db):
    step = _start(client, house)
    fu_path = step.rsplit("/maal/", 1)[0]
    response = _post(client, f"{fu_path}/ikke-i-dag", {"reason": "Karin er træt.",
                                                      "retry_on": "2001-01-01"})
    assert response.status_code == 400 and "Karin er træt." in response.get_data(as_text=True)
    response = _post(client, f"{fu_path}/ikke-i-dag", {"reason": "Karin er træt.",
                                                      "retry_on": ""})
    assert response.status_code == 302
    [fu] = followup.for_resident(db, house["karin"])
    assert fu.status == "postponed" and fu.retry_on
    assert client.get(step).status_code == 302  # not in progress: back to the follow-up page
    html = client.get(f"/beboere/{house['karin']}").get_data(as_text=True)
    assert "Opfølgningen er sat på pause" in html
    assert "Ikke i dag: prøv igen" in client.get("/").get_data(as_text=True)
    response = _post(client, f"{fu_path}/genoptag", {}, token_from=fu_path)
    assert response.headers["Location"] == step
    _post(client, step, EVALUATION)
    response = _post(client, re.sub(r"/maal/\d+$", f"/maal/{house['walk'].id}", step),
                     {"skip": "1"})
    assert response.headers["Location"] == fu_path
    html = client.get(fu_path).get_data(as_text=True)
    assert "Evalueret" in html and "Sprunget over" in html
    response = _post(client, f"{fu_path}/afslut", {}, token_from=fu_path)
    assert response.headers["Location"].endswith(f"/beboere/{house['karin']}/plan")
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Sådan er det gået" in html and "Jeg har været i køkkenet tre gange." in html
    assert "Jeg skrev det selv" in html and "Opfølgning på 1 mål." in html


def test_start_without_active_goals_says_so(client, house, db, helpers):
    index = f"/beboere/{house['bo']}/opfoelgning"
    assert "ingen aktive mål" in client.get(index).get_data(as_text=True)
    response = _post(client, f"{index}/ny", {}, token_from=index)
    assert response.status_code == 302 and response.headers["Location"] == index


def test_a_goal_of_another_resident_is_not_a_step(client, house, db):
    step = _start(client, house)
    other = goals.create(db, house["bo"], GoalDraft("Jeg læser.", next_follow_up="2020-01-01"),
                         staff_id=None, staff_name=None)
    assert client.get(re.sub(r"/maal/\d+", f"/maal/{other.id}", step)).status_code == 404


def test_start_page_overview_links_straight_to_the_action(client, house, db):
    html = client.get("/").get_data(as_text=True)
    section = html[html.index("Det skal jeg huske"):html.index("Mine beboere")]
    assert "Karin S." in section and "Over tid siden" in section
    assert f'formaction="/beboere/{house["karin"]}/opfoelgning/ny"' in section
    assert "Ingen håb og drømme i planen endnu" in section
    assert "Bo H." not in section  # not Mette's resident
    plan_items.add(db, house["karin"], "dream", "Jeg drømmer om en have.")
    html = client.get("/").get_data(as_text=True)
    section = html[html.index("Ingen håb og drømme"):html.index("Ingen samtale de sidste")]
    assert "Karin S." not in section


def test_leader_sees_a_unit_and_contact_persons_do_not(app, client, house, helpers, db):
    assert client.get("/oversigt").status_code == 403
    leader = app.test_client()
    helpers.login(leader, "leder")
    html = leader.get("/oversigt").get_data(as_text=True)
    assert "Oversigt over afdelingen" in html and "Nord" in html
    assert "Karin S." in html and "Bo H." in html and "Sara L." not in html
    html = leader.get(f"/oversigt?afdeling={house['south']}").get_data(as_text=True)
    assert "Sara L." in html and "Karin S." not in html
    elsewhere = staff.create_unit(db, "Vest")
    assert leader.get(f"/oversigt?afdeling={elsewhere}").status_code == 404
    assert 'href="/oversigt"' in leader.get("/").get_data(as_text=True)  # the menu item


def test_the_resident_holding_the_screen_reads_min_plan_and_writes_the_evaluation(
        client, house, db):
    karin = house["karin"]
    step = _start(client, house)
    plan_page = f"/beboere/{karin}/plan"
    response = _post(client, f"/beboere/{karin}/giv-skaermen", {"next": plan_page},
                     token_from=f"/beboere/{karin}")
    assert response.status_code in (302, 303)
    html = client.get(plan_page).get_data(as_text=True)
    assert "Min plan" in html and "Arbejd med planen" not in html
    assert client.get(f"{plan_page}/arbejd").status_code == 403
    assert client.get(f"/beboere/{house['bo']}/plan").status_code == 403
    html = client.get(step).get_data(as_text=True)
    assert 'value="resident" checked' in html  # the resident writes it personally
    assert "Ret målet, delmål og handlinger" not in html
    assert _post(client, step, EVALUATION).status_code == 302
    assert client.get(f"{plan_page}/eksport?format=pdf").status_code == 200
