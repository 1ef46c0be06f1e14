"""The plan's screens through the Flask client: Min plan, goals with the jeg-form hint and
the concurrent-edit refusal (two clients), items, the review page's suggestions, the
exports with their audit entries, the text blocks and the JSON jeg-form check."""

from __future__ import annotations

import json
import re

import pytest

from samtale import clock, conversations, goals, plan_items
from samtale.banks import default_folders, load_banks
from samtale.goals import GoalDraft
from tests.conftest import csrf_from

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)


@pytest.fixture
def house(helpers, client):
    ids = helpers.house()
    helpers.login(client, "mette")
    return ids


def _page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    html = response.get_data(as_text=True)
    assert not INLINE_SCRIPT.search(html) and not re.search(r'\sstyle="', html)
    return html


def _post(client, path: str, data: dict, token_from: str | None = None):
    token = csrf_from(client.get(token_from or path).get_data(as_text=True))
    return client.post(path, data={"csrf_token": token, **data})


def _goal(db, resident_id, text="Jeg vil lave mad i husets køkken.", **fields):
    return goals.create(db, resident_id, GoalDraft(text=text, **fields), staff_id=None,
                        staff_name="Test")


def test_min_plan_speaks_in_the_first_person(client, house, db):
    dream = plan_items.add(db, house["karin"], "dream", "Jeg drømmer om en have med æbler.")
    _goal(db, house["karin"], dream_id=dream.id, status="yellow")
    response = client.get(f"/beboere/{house['karin']}/plan")
    html = response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"
    for heading in ("Mine håb og drømme", "Mine mål", "Mine ressourcer",
                    "Mit netværk og mine fællesskaber", "Næste opfølgning", "Det er sket"):
        assert heading in html
    assert "Jeg drømmer om en have med æbler." in html
    assert "status-yellow" in html and "Gul" in html  # a word beside the colour
    assert "Det hører til min drøm:" in html
    assert "js/plan.js" in html and "@media" not in html
    _page(client, f"/beboere/{house['karin']}/plan")


def test_resident_may_hold_the_screen_on_min_plan_and_the_follow_up(app):
    views = app.view_functions
    for endpoint in ("plan.min_plan", "plan.export", "plan.jegform_check", "followup.step",
                     "followup.postpone", "plan.decide"):
        assert getattr(views[endpoint], "handover_allowed", False), endpoint
    for endpoint in ("plan.work", "plan.edit_goal", "overview.unit", "followup.start"):
        assert not getattr(views[endpoint], "handover_allowed", False), endpoint


def test_new_goal_through_the_form(client, house, db):
    path = f"/beboere/{house['karin']}/plan/maal/ny"
    html = _page(client, path)
    assert 'value="2026' in html or 'value="20' in html  # the default follow-up date
    response = _post(client, path, {
        "text": "Jeg vil bage boller om fredagen.", "goal_type": "develop", "status": "green",
        "lifecycle": "active", "next_follow_up": "2027-01-06",
        "sub-0-text": "Jeg køber gær.", "sub-0-lifecycle": "active", "sub-0-status": "",
        "act-0-what": "Finde en opskrift", "act-0-who": "other", "act-0-who_name": "Bjørn",
        "act-0-when": "fredag", "act-1-what": "", "act-1-who": "me"})
    assert response.status_code == 302
    [goal] = goals.for_resident(db, house["karin"])
    assert goal.text == "Jeg vil bage boller om fredagen." and goal.status == "green"
    assert [(a.what, a.who, a.who_name) for a in goal.actions] == [
        ("Finde en opskrift", "other", "Bjørn")]
    html = _page(client, response.headers["Location"])
    assert "Version 1" in html and "Jeg køber gær." in html


def test_bad_goal_keeps_what_was_typed(client, house, db):
    path = f"/beboere/{house['karin']}/plan/maal/ny"
    response = _post(client, path, {"text": "Jeg vil gå ture.", "goal_type": "develop",
                                    "lifecycle": "active", "next_follow_up": "i morgen",
                                    "act-0-what": "Gå", "act-0-who": "other",
                                    "act-0-who_name": ""})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Jeg vil gå ture." in html and 'value="i morgen"' in html
    assert "Skriv datoen som en dato" in html and "Skriv, hvem der gør det." in html
    assert goals.for_resident(db, house["karin"]) == []


def test_jeg_form_hint_and_one_click_suggestion_without_javascript(client, house, db):
    goal = _goal(db, house["karin"], text="Karin vil gerne bage boller.")
    path = f"/beboere/{house['karin']}/plan/maal/{goal.id}/rediger"
    html = _page(client, path)
    assert "Skriv i jeg-form" in html and "Brug denne formulering" in html
    assert 'name="jegform__text" value="Jeg vil gerne bage boller."' in html
    response = _post(client, path, {"text": "Karin vil gerne bage boller.", "goal_type": "develop",
                                    "lifecycle": "active", "base_version": "1",
                                    "jegform__text": "Jeg vil gerne bage boller."})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert ">Jeg vil gerne bage boller.</textarea>" in html
    assert 'name="base_version" value="1"' in html
    assert goals.get(db, house["karin"], goal.id).version == 1  # nothing saved yet


def test_add_a_row_without_saving(client, house, db):
    goal = _goal(db, house["karin"])
    path = f"/beboere/{house['karin']}/plan/maal/{goal.id}/rediger"
    response = _post(client, path, {"text": goal.text, "goal_type": "develop",
                                    "lifecycle": "active", "base_version": "1",
                                    "sub-0-text": "Et", "sub-1-text": "To", "add": "sub"})
    html = response.get_data(as_text=True)
    assert 'id="sub-2-text"' in html and goals.get(db, house["karin"], goal.id).version == 1


def test_two_people_editing_the_same_goal(app, client, house, db, helpers):
    goal = _goal(db, house["karin"])
    other = app.test_client()
    helpers.login(other, "leder")
    path = f"/beboere/{house['karin']}/plan/maal/{goal.id}/rediger"
    mette_token = csrf_from(_page(client, path))
    leder_token = csrf_from(_page(other, path))
    base = {"goal_type": "develop", "lifecycle": "active", "base_version": "1"}
    first = client.post(path, data={"csrf_token": mette_token, **base,
                                    "text": "Jeg laver frokost i køkkenet om tirsdagen."})
    assert first.status_code == 302
    second = other.post(path, data={"csrf_token": leder_token, **base, "status": "red",
                                    "text": "Jeg bager boller i køkkenet om fredagen."})
    html = second.get_data(as_text=True)
    assert second.status_code == 409
    assert "Den gemte udgave" in html and "Din udgave (ikke gemt)" in html
    assert "Jeg laver frokost i køkkenet om tirsdagen." in html  # theirs, as saved
    assert ">Jeg bager boller i køkkenet om fredagen.</textarea>" in html  # yours, kept
    assert 'name="base_version" value="2"' in html
    stored = goals.get(db, house["karin"], goal.id)
    assert stored.text == "Jeg laver frokost i køkkenet om tirsdagen."
    again = other.post(path, data={"csrf_token": leder_token, **base, "base_version": "2",
                                   "text": "Jeg laver frokost om tirsdagen og bager om fredagen."})
    assert again.status_code == 302
    stored = goals.get(db, house["karin"], goal.id)
    assert stored.version == 3 and stored.text.endswith("bager om fredagen.")
    assert [v.staff_name for v in goals.versions(db, house["karin"], goal.id)] == [
        "Leder", "Mette", "Test"]


def test_items_new_edit_and_remove(client, house, db):
    path = f"/beboere/{house['karin']}/plan/punkt/ny?slags=aktivitet"
    assert "husets tavle" in _page(client, path)
    response = _post(client, path, {"text": "Jeg vil gerne spille bordtennis.",
                                    "ffb_theme": "", "share_on_board": "1"})
    assert response.status_code == 302
    [item] = plan_items.for_resident(db, house["karin"])["activity"]
    assert item.share_on_board is True
    edit = f"/beboere/{house['karin']}/plan/punkt/{item.id}"
    response = _post(client, edit, {"text": "Jeg vil spille bordtennis om onsdagen."})
    assert response.status_code == 302
    assert plan_items.get(db, house["karin"], item.id).share_on_board is False
    assert _post(client, f"{edit}/slet", {}, token_from=edit).status_code == 302
    assert plan_items.for_resident(db, house["karin"])["activity"] == []
    assert client.get(f"/beboere/{house['karin']}/plan/punkt/ny?slags=hest").status_code == 404


def test_empty_item_is_refused_and_kept(client, house):
    response = _post(client, f"/beboere/{house['karin']}/plan/punkt/ny?slags=droem",
                     {"text": "  "})
    assert response.status_code == 400 and "Skriv en tekst." in response.get_data(as_text=True)


@pytest.mark.parametrize("fmt, mimetype, start", [
    ("pdf", "application/pdf", b"%PDF"), ("md", "text/markdown", b"# "),
    ("json", "application/json", b"{"), ("fhir", "application/fhir+json", b"{"),
    ("txt", "text/plain", b"Plan for"), ("udredning", "text/plain", b""),
])
def test_exports_are_downloads_written_to_the_audit_log(client, house, db, fmt, mimetype, start):
    _goal(db, house["karin"], text="Jeg går en tur ved søen med Åse.")
    response = client.get(f"/beboere/{house['karin']}/plan/eksport?format={fmt}")
    assert response.status_code == 200 and response.mimetype == mimetype
    assert response.headers["Content-Disposition"].startswith('attachment; filename="')
    assert response.data.startswith(start)
    rows = db.execute("SELECT resident_id, object_type, object_id FROM audit_log WHERE action = "
                      "'export'").fetchall()
    assert rows == [(house["karin"], "plan", fmt)]
    if fmt == "json":
        assert json.loads(response.data)["goals"][0]["text"] == "Jeg går en tur ved søen med Åse."


def test_unknown_export_format_is_not_found(client, house):
    assert client.get(f"/beboere/{house['karin']}/plan/eksport?format=docx").status_code == 404


def test_text_blocks_can_be_copied(client, house, db):
    plan_items.add(db, house["karin"], "dream", "Jeg drømmer om Bornholm.")
    html = _page(client, f"/beboere/{house['karin']}/plan/tekstblokke")
    assert 'readonly' in html and 'data-copy="block-dreams"' in html
    assert "Jeg drømmer om Bornholm." in html and "js/copy.js" in html


def test_live_jeg_form_check_as_json(client, house):
    path = f"/beboere/{house['karin']}/plan/jegform"
    token = csrf_from(client.get(f"/beboere/{house['karin']}/plan").get_data(as_text=True))
    response = client.post(path, json={"text": "Karin vil gerne bage."},
                           headers={"X-CSRFToken": token})
    assert response.status_code == 200
    assert response.get_json() == {"flagged": True, "suggestion": "Jeg vil gerne bage.",
                                   "reason": response.get_json()["reason"]}
    assert client.post(path, json={"text": "Jeg vil gerne bage."},
                       headers={"X-CSRFToken": token}).get_json()["flagged"] is False
    assert client.post(path, json={"text": 5}, headers={"X-CSRFToken": token}).status_code == 400
    assert client.post(path, json={"text": "Hej"}).status_code == 400  # no CSRF token


def _conversation(db, resident_id, staff_id, answers):
    bank = load_banks(default_folders(None)).get("haab-og-droemme")
    conv_id = conversations.start(db, resident_id, bank, staff_id)
    conv = conversations.get(db, resident_id, conv_id)
    for question_id, value in answers.items():
        conversations.save_answer(db, conv, question_id, value, written_by="resident",
                                  staff_id=staff_id)
    return conv_id


def test_review_page_offers_suggestions_and_nothing_enters_without_a_choice(client, house, db):
    conv_id = _conversation(db, house["karin"], house["mette"],
                            {"droem": "at arbejde i et køkken", "foerste_skridt": "bage boller"})
    review = f"/beboere/{house['karin']}/samtaler/{conv_id}/gennemse"
    html = _page(client, review)
    assert "Skal det med i planen?" in html
    assert "Jeg drømmer om at arbejde i et køkken." in html
    assert html.count('name="decision" value="dropped"') == 2
    assert plan_items.dreams(db, house["karin"]) == []
    decide = f"/beboere/{house['karin']}/plan/forslag/{conv_id}"
    response = _post(client, decide, {"question_id": "droem", "decision": "accepted",
                                      "text": "Jeg drømmer om at være kok.", "target": "dreams",
                                      "ffb_theme": "", "next": review}, token_from=review)
    assert response.status_code == 302 and response.headers["Location"] == review
    [dream] = plan_items.dreams(db, house["karin"])
    assert dream.text == "Jeg drømmer om at være kok." and dream.source_question_id == "droem"
    html = _page(client, review)
    assert "Jeg drømmer om at arbejde i et køkken." not in html  # decided: not offered again
    assert f'<option value="{dream.id}"' in html  # the goal suggestion can serve the dream
    response = _post(client, decide, {"question_id": "foerste_skridt", "decision": "dropped",
                                      "next": "https://example.org/"}, token_from=review)
    assert response.headers["Location"] == decide  # a foreign "next" is ignored
    assert goals.for_resident(db, house["karin"]) == []
    assert "I har taget stilling til alle forslag" in _page(client, decide)


def test_suggestion_reshown_with_the_jeg_form_wording(client, house, db):
    conv_id = _conversation(db, house["karin"], house["mette"], {"droem": "at rejse"})
    decide = f"/beboere/{house['karin']}/plan/forslag/{conv_id}"
    response = _post(client, decide, {"question_id": "droem", "text": "Karin vil gerne rejse.",
                                      "target": "dreams", "jegform__text": "Jeg vil gerne rejse."})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and ">Jeg vil gerne rejse.</textarea>" in html
    assert plan_items.dreams(db, house["karin"]) == []
    response = _post(client, decide, {"question_id": "droem", "text": " ", "target": "dreams",
                                      "decision": "accepted"})
    assert response.status_code == 400 and "Skriv en tekst." in response.get_data(as_text=True)


def test_work_page_lists_conversations_with_open_suggestions(client, house, db):
    _conversation(db, house["karin"], house["mette"], {"droem": "at rejse"})
    html = _page(client, f"/beboere/{house['karin']}/plan/arbejd")
    assert "Forslag fra samtaler" in html and "1 forslag" in html


def test_resident_page_and_start_page_link_to_the_plan(client, house, db):
    _goal(db, house["karin"], next_follow_up="2020-01-01")
    html = _page(client, f"/beboere/{house['karin']}")
    assert "Plan og opfølgning" in html and "Planen har ingen håb og drømme endnu." in html
    html = _page(client, "/")
    assert f"/beboere/{house['karin']}/plan" in html
    assert "Det skal jeg huske" in html and "Over tid siden" in html


def test_settings_page_sets_the_weeks_to_the_next_follow_up(app, helpers, house, db):
    leader = app.test_client()
    helpers.login(leader, "leder")
    page = leader.get("/admin/indstillinger").get_data(as_text=True)
    assert "follow_up_weeks" in page
    response = _post(leader, "/admin/indstillinger", {"follow_up_weeks": "3",
                                                      "erase_after_months": "12"})
    assert response.status_code == 302
    expected = clock.days_from_today(21).isoformat()
    assert goals.default_follow_up(db).isoformat() == expected
    assert f'value="{expected}"' in _page(leader, f"/beboere/{house['karin']}/plan/maal/ny")
