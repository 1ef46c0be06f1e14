"""The house, phase 2, through the test client: the two consents of an activity wish on
Min plan, the wish's page and the edit page (also on the handed-over screen), the
committee's view and the board, an idea made from a wish, the Aktiviteter review page's
default consent, and moving in: the call to start the Indflytning conversation after
registering, the checklist on the resident's page and the house page, the mentor wish."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from samtale import clock, conversations, plan_items
from samtale.house import newcomers, trials, wish_consent
from samtale.views.conversation.bankset import bank_set
from tests.conftest import csrf_from

LEISURE = "dcc6bb77-45af-4625-9c4d-7d7878307220"


def ago(days: int) -> str:
    return (clock.today() - timedelta(days=days)).isoformat()


@pytest.fixture
def house(helpers, client, db):
    ids = helpers.house()
    ids["nina"] = helpers.resident("Nina P.", ids["north"], [ids["mette"]], moved_in=ago(10))
    ids["wish"] = plan_items.add(db, ids["karin"], "activity", "Jeg vil gerne gå gåture.",
                                 ffb_theme=LEISURE).id
    ids["sara_wish"] = plan_items.add(db, ids["sara"], "activity", "Jeg vil gerne spille kort.",
                                      share_on_board=True, share_first_name=True).id
    helpers.login(client, "mette")
    return ids


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.get_data(as_text=True)


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def consent(client, house, data: dict, next_path: str | None = None):
    path = f"/beboere/{house['karin']}/plan"
    token = csrf_from(page(client, path))
    return client.post(f"/beboere/{house['karin']}/oensker/{house['wish']}/tavle",
                       data={"csrf_token": token, "next": next_path or path, **data})


def audit_rows(db, object_type: str) -> list[tuple]:
    return db.execute("SELECT action, resident_id, object_id FROM audit_log "
                      "WHERE object_type = ? ORDER BY id", [object_type]).fetchall()


def test_min_plan_shows_both_consents_for_each_activity_wish(client, house):
    html = page(client, f"/beboere/{house['karin']}/plan")
    assert "Må deles på husets tavle" in html and "Vis mit fornavn" in html
    assert "Ikke på husets tavle" in html
    assert f'action="/beboere/{house["karin"]}/oensker/{house["wish"]}/tavle"' in html


def test_sharing_with_the_name_then_withdrawing(client, house, db):
    response = consent(client, house, {"shared": "1", "named": "1"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/beboere/{house['karin']}/plan")
    assert "Dit valg er gemt: På husets tavle med mit fornavn." in page(client, "/huset/")
    committee = text_of(page(client, "/huset/aktivitetsoensker"))
    assert "Gåture (1)" in committee and "Ønsket af Karin" in committee
    assert "Spille kort" not in committee and "Sara" not in committee  # another unit
    board = text_of(page(client, "/huset/tavle"))
    assert "Det ønsker vi os" in board and "Ønsket af Karin" in board

    consent(client, house, {})
    assert "Gåture" not in page(client, "/huset/aktivitetsoensker")
    assert "Det ønsker vi os" not in page(client, "/huset/tavle")
    item = plan_items.get(db, house["karin"], house["wish"])
    assert (item.share_on_board, item.share_first_name) == (False, False)
    assert [a for a, *_ in audit_rows(db, "wish_consent")] == ["update", "update"]


def test_the_name_alone_is_refused_kindly(client, house, db):
    consent(client, house, {"named": "1"})
    html = page(client, f"/beboere/{house['karin']}/plan")
    assert "Navnet kan kun stå ved et ønske, der må deles på tavlen." in html
    assert wish_consent.get(db, house["karin"], house["wish"]).named is False


def test_the_wish_page_shows_every_change_with_who(client, house):
    consent(client, house, {"shared": "1"})
    consent(client, house, {"shared": "1", "named": "1"})
    html = text_of(page(client, f"/beboere/{house['karin']}/oensker/{house['wish']}"))
    assert "Jeg vil gerne gå gåture." in html
    assert html.count("Min plan · Mette") == 2
    assert "På husets tavle med mit fornavn" in html and "På husets tavle uden navn" in html


def test_another_residents_wish_or_a_dream_is_not_found(client, house, db):
    other = f"/beboere/{house['karin']}/oensker/{house['sara_wish']}"
    assert client.get(other).status_code == 404
    token = csrf_from(page(client, "/huset/"))
    assert client.post(other + "/tavle", data={"csrf_token": token, "shared": "1"}
                       ).status_code == 404
    dream = plan_items.add(db, house["karin"], "dream", "Jeg drømmer om en have.")
    assert client.get(f"/beboere/{house['karin']}/oensker/{dream.id}").status_code == 404
    assert plan_items.get(db, house["sara"], house["sara_wish"]).share_first_name is True


def test_the_resident_can_give_and_take_back_consent_on_the_handed_over_screen(
        client, house, db):
    path = f"/beboere/{house['karin']}/plan"
    html = page(client, f"/beboere/{house['karin']}")
    client.post(f"/beboere/{house['karin']}/giv-skaermen",
                data={"csrf_token": csrf_from(html), "next": path})
    mine = page(client, path)
    assert "Vis mit fornavn" in mine
    response = client.post(f"/beboere/{house['karin']}/oensker/{house['wish']}/tavle",
                           data={"csrf_token": csrf_from(mine), "shared": "1", "next": path})
    assert response.status_code == 302 and response.headers["Location"].endswith(path)
    [event] = wish_consent.history(db, house["karin"], house["wish"])
    assert (event.shared, event.via, event.staff_name) == (True, "resident_screen", "Mette")
    assert client.get("/huset/aktivitetsoensker").status_code == 403


def test_the_edit_form_keeps_the_consents_and_shows_them(client, house, db):
    wish_consent.set_consent(db, house["karin"], house["wish"], shared=True, named=True)
    path = f"/beboere/{house['karin']}/plan/punkt/{house['wish']}"
    html = page(client, path)
    assert '<input type="hidden" name="share_on_board" value="1">' in html
    assert "Vis mit fornavn" in html and "Se, hvornår valget er ændret" in html
    response = client.post(path, data={"csrf_token": csrf_from(html), "share_on_board": "1",
                                       "text": "Jeg vil gerne gå lange gåture.", "ffb_theme": ""})
    assert response.status_code == 302
    item = plan_items.get(db, house["karin"], house["wish"])
    assert item.text == "Jeg vil gerne gå lange gåture."
    assert (item.share_on_board, item.share_first_name) == (True, True)


def test_committee_view_makes_an_idea_that_forgets_a_withdrawn_name(client, house, db):
    wish_consent.set_consent(db, house["karin"], house["wish"], shared=True, named=True)
    html = page(client, "/huset/aktivitetsoensker")
    assert 'name="topic" value="gåture"' in html
    response = client.post("/huset/aktivitetsoensker/ide",
                           data={"csrf_token": csrf_from(html), "topic": "gåture"})
    assert response.status_code == 302
    trial_id = int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    trial = text_of(page(client, f"/huset/proevehandlinger/{trial_id}"))
    assert "Idéen kom fra et ønske på tavlen, ønsket af Karin." in trial
    assert ("read", house["karin"], str(trial_id)) in audit_rows(db, "house_wishes")
    assert "Er blevet til en idé: Gåture" in text_of(page(client, "/huset/aktivitetsoensker"))

    wish_consent.withdraw(db, house["karin"], house["wish"])
    trial = text_of(page(client, f"/huset/proevehandlinger/{trial_id}"))
    assert "ønsket af Karin" not in trial and "Idéen kom fra ønsker på tavlen." in trial
    assert trials.get(db, trial_id, [house["north"]]).title == "Gåture"


def test_an_idea_for_a_topic_that_is_gone_is_not_found(client, house):
    token = csrf_from(page(client, "/huset/aktivitetsoensker"))
    response = client.post("/huset/aktivitetsoensker/ide",
                           data={"csrf_token": token, "topic": "gåture"})
    assert response.status_code == 404


def test_committee_view_audits_only_the_named(client, house, db):
    wish_consent.set_consent(db, house["karin"], house["wish"], shared=True, named=False)
    nina = plan_items.add(db, house["nina"], "activity", "Jeg vil gerne med på gåture.",
                          share_on_board=True, share_first_name=True)
    html = text_of(page(client, "/huset/aktivitetsoensker"))
    assert "Gåture (2)" in html and "Ønsket af Nina og en beboer" in html
    assert "Fællesskaber og fritid (2)" in html
    assert audit_rows(db, "house_wishes") == [("read", house["nina"], None)]
    assert nina.share_first_name is True


def _aktiviteter(db, house, share: str, name: str) -> int:
    bank = bank_set(None).get("aktiviteter-og-faellesskaber")
    conv_id = conversations.start(db, house["karin"], bank, house["mette"])
    conv = conversations.get(db, house["karin"], conv_id)
    for question_id, value in (("huset_aktiviteter", ["gaatur", "spisning"]),
                               ("tavle_samtykke", share), ("tavle_navn", name)):
        conversations.save_answer(db, conv, question_id, value, written_by="resident",
                                  staff_id=house["mette"])
    return conv_id


def test_review_page_offers_the_conversations_consent_and_keeps_the_name(client, house, db):
    conv_id = _aktiviteter(db, house, "ja", "ja")
    path = f"/beboere/{house['karin']}/plan/forslag/{conv_id}"
    html = page(client, path)
    checkbox = re.search(r'<input type="checkbox" id="forslag-\d+-share"[^>]*>', html).group(0)
    assert "checked" in checkbox
    assert "Ønsket må deles på husets tavle (med fornavn, som sagt i samtalen)" in html
    response = client.post(path, data={
        "csrf_token": csrf_from(html), "question_id": "huset_aktiviteter",
        "decision": "accepted", "target": "activities", "ffb_theme": LEISURE,
        "text": "I huset vil jeg gerne være med til gåture og fælles spisning.",
        "share_on_board": "1"})
    assert response.status_code == 302
    board = text_of(page(client, "/huset/tavle"))
    assert "Gåture (1)" in board and "Fælles spisning (1)" in board and "Karin" in board


def test_review_page_without_consent_leaves_the_box_empty(client, house, db):
    conv_id = _aktiviteter(db, house, "nej", "ja")
    html = page(client, f"/beboere/{house['karin']}/plan/forslag/{conv_id}")
    checkbox = re.search(r'<input type="checkbox" id="forslag-\d+-share"[^>]*>', html).group(0)
    assert "checked" not in checkbox
    assert "Ønsket må deles på husets tavle (uden navn)" in html


def test_registering_a_resident_offers_the_moving_in_conversation(client, house, db, helpers):
    form = page(client, "/beboere/ny")
    response = client.post("/beboere/ny", data={
        "csrf_token": csrf_from(form), "display_name": "Ida K.", "unit": house["north"],
        "moved_in": clock.today().isoformat(), "contacts": [house["mette"]]})
    assert response.status_code == 302
    resident_page = response.headers["Location"]
    html = page(client, resident_page)
    assert "Start indflytningssamtalen" in html and "Ida er ny i huset." in html
    assert "1 af 8 klaret" in text_of(html)  # the contact person is chosen
    resident_id = int(resident_page.rstrip("/").rsplit("/", 1)[1])
    started = client.post(f"/beboere/{resident_id}/samtaler/ny",
                          data={"csrf_token": csrf_from(html), "bank_id": "indflytning"})
    assert started.status_code == 302 and "/spoergsmaal/" in started.headers["Location"]
    [conv] = conversations.for_resident(db, resident_id)
    assert conv["purpose"] == "indflytning"
    html = page(client, resident_page)
    assert "Start indflytningssamtalen" not in html
    assert "Indflytningssamtalen er i gang." in html and "Fortsæt indflytningssamtalen" in html


def test_no_call_to_action_for_a_resident_who_has_lived_here_long(client, house):
    html = page(client, f"/beboere/{house['karin']}")
    assert "Indflytning" not in html and "Start indflytningssamtalen" not in html


def test_the_checklist_is_ticked_on_the_residents_page_and_shown_on_the_house_page(
        client, house, db):
    html = page(client, f"/beboere/{house['nina']}")
    assert "1 af 8 klaret" in text_of(html)  # the contact person is chosen
    response = client.post(f"/beboere/{house['nina']}/indflytning/tjekliste",
                           data={"csrf_token": csrf_from(html), "done": ["tour", "committee"]})
    assert response.status_code == 302
    html = text_of(page(client, f"/beboere/{house['nina']}"))
    assert "Tjeklisten er gemt." in html and "3 af 8 klaret" in html
    overview = text_of(page(client, "/huset/"))
    assert "Nina P." in overview and "3 af 8 klaret" in overview
    assert "Mangler: Indflytningssamtale holdt" in overview
    assert ("update", house["nina"], None) in audit_rows(db, "newcomer_checklist")
    token = csrf_from(page(client, "/huset/"))
    client.post(f"/beboere/{house['nina']}/indflytning/tjekliste",
                data={"csrf_token": token, "done": ["hest"]})
    assert "Ukendt punkt på tjeklisten." in page(client, f"/beboere/{house['nina']}")


def test_a_mentor_wish_in_the_conversation_shows_on_the_offer(client, house, db):
    bank = bank_set(None).get("indflytning")
    conv = conversations.get(db, house["nina"],
                             conversations.start(db, house["nina"], bank, house["mette"]))
    conversations.save_answer(db, conv, "mentor_oenske", "ja", written_by="resident",
                              staff_id=house["mette"])
    html = text_of(page(client, f"/beboere/{house['nina']}"))
    assert "Tilbud om en mentor: Ønsker en mentor (svaret i indflytningssamtalen" in html
    overview = page(client, "/huset/")
    assert "Har sagt ja og venter på en mentor" in overview
    assert [r.id for r in newcomers.newcomers_waiting_for_match(db, [house["north"]])] == [
        house["nina"]]
