"""The conversation screens through the Flask client: starting, every question type
saved by the form, validation that keeps what was typed, the JSON autosave (ordered,
401 when logged out), skip, back, "Ikke i dag", review, finishing and the read-only
view that keeps the texts shown then."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from samtale import conversations
from samtale.errors import SamtaleError
from tests.conftest import csrf_from
from tests.conversation_fixtures import BANK, BANK_ID, FAMILY, WORK, install_bank

META_RE = re.compile(r'name="csrf-token" content="([^"]+)"')


@pytest.fixture
def house(app, helpers, client):
    install_bank(app)
    ids = helpers.house()
    helpers.login(client, "mette")
    return ids


def start(client, helpers, resident_id: int, bank_id: str = BANK_ID) -> str:
    """Start a conversation through the choose page; the first question's path."""
    choose = f"/beboere/{resident_id}/samtaler/ny"
    response = helpers.post(client, choose, {"bank_id": bank_id}, token_from=choose)
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return response.headers["Location"]


def conv_id(path: str) -> int:
    return int(re.search(r"/samtaler/(\d+)", path).group(1))


def send(client, path: str, answer=None, action: str = "next", written_by: str = "resident",
         **extra):
    page = client.get(path).get_data(as_text=True)
    data = {"csrf_token": csrf_from(page), "action": action, "written_by": written_by, **extra}
    if answer is not None:
        data["answer"] = answer
    return client.post(path, data=data)


def autosave(client, path: str, value, revision: int, written_by: str = "resident",
             token: str | None = None):
    token = token or META_RE.search(client.get(path).get_data(as_text=True)).group(1)
    return client.post(path + "/gem", json={"value": value, "written_by": written_by,
                                            "revision": revision},
                       headers={"X-CSRFToken": token})


def stored(db, resident_id: int, path: str):
    return conversations.get(db, resident_id, conv_id(path))


def test_start_page_links_to_a_new_conversation_and_lists_every_bank(client, house):
    karin = house["karin"]
    assert f"/beboere/{karin}/samtaler/ny" in client.get("/").get_data(as_text=True)
    page = client.get(f"/beboere/{karin}/samtaler/ny").get_data(as_text=True)
    for title in ("Håb og drømme", "Aktiviteter og fællesskaber", "Skærmprøve"):
        assert title in page
    assert ">7 spørgsmål<" in page  # every question, also the conditional one
    assert "Fortsæt, hvor I slap" not in page


def test_first_question_shows_bank_section_progress_and_closed_help(client, helpers, house):
    path = start(client, helpers, house["karin"])
    assert path.endswith("/spoergsmaal/navn")
    page = client.get(path).get_data(as_text=True)
    assert "Skærmprøve · Om dig" in page
    assert "Spørgsmål 1 af 6" in page and '<progress max="6" value="1"' in page
    assert "Vi starter med dig." in page  # the section's intro on its first question
    assert '<details class="help">' in page and "Navnet er beboerens eget valg" in page
    assert "Tilbage" not in page  # nothing before the first question
    assert 'value="resident" checked' in page


def test_every_question_type_is_saved_and_leads_to_the_next(client, helpers, house, db):
    karin = house["karin"]
    path = start(client, helpers, karin)
    steps = [
        ("navn", "  Karin  ", "Karin", "bolig"),
        ("bolig", "ja", "ja", "droem"),
        ("droem", "At bo ved havet\nmed en hund", "At bo ved havet\nmed en hund", "steder"),
        ("steder", ["svoemmehal", "bibliotek"], ["bibliotek", "svoemmehal"], "hvem"),
        ("hvem", "ven", "ven", "trivsel"),
        ("trivsel", "3", 3, "omraader"),
        ("omraader", [WORK, FAMILY], [FAMILY, WORK], None),
    ]
    for question_id, sent, value, following in steps:
        assert path.endswith(f"/spoergsmaal/{question_id}")
        response = send(client, path, sent)
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        assert stored(db, karin, path).values[question_id] == value
        path = response.headers["Location"]
        if following:
            assert path.endswith(f"/spoergsmaal/{following}")
    assert path.endswith("/gennemse")
    answers = stored(db, karin, path).answers
    assert all(not a.draft and a.written_by == "resident" for a in answers.values())


def test_conditional_question_counts_only_when_visible(client, helpers, house):
    path = start(client, helpers, house["karin"])
    bolig = send(client, path, "Karin").headers["Location"]
    assert "Spørgsmål 2 af 6" in client.get(bolig).get_data(as_text=True)
    after_no = send(client, bolig, "nej").headers["Location"]
    assert after_no.endswith("/steder")  # the dream question is hidden
    assert "Spørgsmål 3 af 6" in client.get(after_no).get_data(as_text=True)
    hidden = client.get(bolig.replace("/bolig", "/droem"))
    assert hidden.status_code == 302 and hidden.headers["Location"].endswith("/steder")
    send(client, bolig, "ja")
    assert "Spørgsmål 3 af 7" in client.get(bolig.replace("/bolig", "/droem")).get_data(
        as_text=True)


@pytest.mark.parametrize(("question_id", "typed", "message"), [
    ("navn", "x" * 201, "Svaret er for langt: 201 tegn. Der er plads til 200."),
    ("trivsel", "9", "Vælg et trin på skalaen fra 1 til 4."),
    ("hvem", "ukendt", "Vælg et af svarene på listen."),
])
def test_validation_error_keeps_what_was_typed(client, helpers, house, db, question_id,
                                               typed, message):
    path = start(client, helpers, house["karin"]).replace("/navn", f"/{question_id}")
    response = send(client, path, typed)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in page and 'role="alert"' in page
    if question_id == "navn":
        assert f'value="{typed}"' in page
    assert question_id not in stored(db, house["karin"], path).answers


def test_missing_writer_is_refused_and_the_text_kept(client, helpers, house):
    path = start(client, helpers, house["karin"])
    page = send(client, path, "Karin", written_by="").get_data(as_text=True)
    assert "Vælg, hvem der har skrevet svaret." in page and 'value="Karin"' in page


def test_writer_is_remembered_from_the_last_answer(client, helpers, house, db):
    path = start(client, helpers, house["karin"])
    following = send(client, path, "Karin", written_by="staff").headers["Location"]
    assert stored(db, house["karin"], path).answers["navn"].written_by == "staff"
    assert 'value="staff" checked' in client.get(following).get_data(as_text=True)


def test_skip_and_back(client, helpers, house, db):
    path = start(client, helpers, house["karin"])
    bolig = send(client, path, "", action="skip").headers["Location"]
    assert bolig.endswith("/bolig")
    assert stored(db, house["karin"], path).answers["navn"].skipped
    back = send(client, bolig, "nej", action="back")
    assert back.headers["Location"].endswith("/navn")
    assert stored(db, house["karin"], path).values["bolig"] == "nej"  # saved on the way back


def test_passing_an_empty_question_stores_nothing(client, helpers, house, db):
    path = start(client, helpers, house["karin"])
    assert send(client, path, "").headers["Location"].endswith("/bolig")
    assert stored(db, house["karin"], path).answers == {}


def test_autosave_stores_a_draft_that_the_page_shows_again(client, helpers, house, db):
    path = start(client, helpers, house["karin"])
    response = autosave(client, path, "Karin med", 1_000)
    assert response.status_code == 200
    body = response.get_json()
    assert body["saved"] is True and body["revision"] == 1_000
    assert re.fullmatch(r"\d\d\.\d\d", body["saved_at"])
    answer = stored(db, house["karin"], path).answers["navn"]
    assert answer.draft and answer.value == "Karin med"
    page = client.get(path).get_data(as_text=True)
    assert 'value="Karin med"' in page and f"Gemt kl. {body['saved_at']}" in page


def test_stale_autosave_is_refused_and_never_overwrites(client, helpers, house, db):
    path = start(client, helpers, house["karin"])
    assert autosave(client, path, "nyeste", 2_000).status_code == 200
    late = autosave(client, path, "ældre", 1_999)
    assert late.status_code == 409
    assert late.get_json()["stale"] is True and late.get_json()["revision"] == 2_000
    assert "nyere udgave" in late.get_json()["error"]
    assert autosave(client, path, "nyeste", 2_000).get_json()["saved"] is True  # a repeat
    assert stored(db, house["karin"], path).values["navn"] == "nyeste"


def test_form_save_after_autosaves_wins_with_its_own_revision(client, helpers, house, db):
    path = start(client, helpers, house["karin"])
    autosave(client, path, "kladde", 5_000)
    response = send(client, path, "færdig", revision="5001")
    assert response.status_code == 302
    answer = stored(db, house["karin"], path).answers["navn"]
    assert answer.value == "færdig" and not answer.draft and answer.revision == 5_001
    assert autosave(client, path, "sen kladde", 5_000).status_code == 409


@pytest.mark.parametrize(("payload", "message"), [
    ({"value": "x" * 201, "written_by": "resident", "revision": 5}, "Svaret er for langt"),
    ({"value": "x", "written_by": "nogen", "revision": 5}, "Vælg, hvem der har skrevet"),
    ({"value": "x", "written_by": "resident"}, "Svaret kunne ikke læses"),
    ({"value": "x", "written_by": "resident", "revision": "abc"}, "Svaret kunne ikke læses"),
])
def test_autosave_refuses_bad_input_in_danish(client, helpers, house, payload, message):
    path = start(client, helpers, house["karin"])
    token = META_RE.search(client.get(path).get_data(as_text=True)).group(1)
    response = client.post(path + "/gem", json=payload, headers={"X-CSRFToken": token})
    assert response.status_code == 400
    assert message in response.get_json()["error"] and response.get_json()["saved"] is False


def test_autosave_without_login_answers_401_json(app, client, helpers, house, db):
    path = start(client, helpers, house["karin"])
    token = META_RE.search(client.get(path).get_data(as_text=True)).group(1)
    db.execute("DELETE FROM sessions")  # the session ran out
    response = autosave(client, path, "tabt?", 10, token=token)
    assert response.status_code == 401 and response.is_json
    assert "Log ind" in response.get_json()["error"]
    assert "navn" not in stored(db, house["karin"], path).answers
    anonymous = app.test_client().post(path + "/gem", json={"value": "x", "revision": 1})
    assert anonymous.status_code == 401 and anonymous.is_json


def test_form_post_after_the_session_ended_leads_back_through_login(client, helpers, house,
                                                                     db):
    path = start(client, helpers, house["karin"])
    token = csrf_from(client.get(path).get_data(as_text=True))
    autosave(client, path, "gemt før", 10)
    db.execute("DELETE FROM sessions")
    response = client.post(path, data={"csrf_token": token, "answer": "x", "action": "next",
                                       "written_by": "resident"})
    assert response.status_code == 303
    location = urlsplit(response.headers["Location"])
    assert location.path == "/log-ind" and parse_qs(location.query)["next"] == [path]
    helpers.login(client, "mette")
    assert 'value="gemt før"' in client.get(path).get_data(as_text=True)


def test_another_residents_conversation_is_not_found(client, helpers, house):
    bo_path = start(client, helpers, house["bo"])
    under_karin = bo_path.replace(f"/beboere/{house['bo']}/", f"/beboere/{house['karin']}/")
    assert client.get(under_karin).status_code == 404
    token = META_RE.search(client.get(bo_path).get_data(as_text=True)).group(1)
    response = client.post(under_karin + "/gem", json={"value": "x", "written_by": "resident",
                                                       "revision": 3},
                           headers={"X-CSRFToken": token})
    assert response.status_code == 404 and response.is_json
    assert client.get(under_karin.replace("/spoergsmaal/navn", "")).status_code == 404


def test_unknown_question_is_not_found(client, helpers, house):
    path = start(client, helpers, house["karin"])
    assert client.get(path.replace("/navn", "/findes_ikke")).status_code == 404


def test_resume_goes_to_where_the_conversation_stopped(client, helpers, house):
    karin = house["karin"]
    path = start(client, helpers, karin)
    bolig = send(client, path, "Karin").headers["Location"]
    conversation = bolig.split("/spoergsmaal/")[0]
    assert client.get(conversation).headers["Location"].endswith("/spoergsmaal/bolig")
    choose = client.get(f"/beboere/{karin}/samtaler/ny").get_data(as_text=True)
    assert "Fortsæt, hvor I slap" in choose and f'href="{conversation}"' in choose


def test_ikke_i_dag_postpones_with_reason_and_date(client, helpers, house, db):
    karin = house["karin"]
    path = start(client, helpers, karin)
    pause = send(client, path, "Kar", action="pause")
    assert pause.headers["Location"].endswith("/ikke-i-dag")
    assert stored(db, karin, path).answers["navn"].draft  # what was typed is kept
    form = client.get(pause.headers["Location"]).get_data(as_text=True)
    default = re.search(r'name="retry_on" type="date" value="([\d-]+)"', form)
    assert default, form
    response = client.post(pause.headers["Location"], data={
        "csrf_token": csrf_from(form), "reason": "Træt i dag", "retry_on": "2099-03-04"})
    assert response.status_code == 302
    conv = stored(db, karin, path)
    assert conv.status == "postponed" and conv.retry_on == "2099-03-04"
    assert conv.postponed_reason == "Træt i dag"
    shown = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Ikke i dag. Det er helt i orden." in shown and "4. marts 2099" in shown
    resident_page = client.get(f"/beboere/{karin}").get_data(as_text=True)
    assert "udsat til 4. marts 2099" in resident_page and "Træt i dag" in resident_page
    assert client.get(path).headers["Location"].endswith(f"/samtaler/{conv.id}")


@pytest.mark.parametrize(("date", "message"), [
    ("i morgen", "Datoen kan ikke læses"),
    ("2001-01-01", "kan ikke ligge i fortiden"),
])
def test_ikke_i_dag_refuses_a_bad_date_and_keeps_the_reason(client, helpers, house, date,
                                                            message):
    path = start(client, helpers, house["karin"])
    target = path.split("/spoergsmaal/")[0] + "/ikke-i-dag"
    token = csrf_from(client.get(target).get_data(as_text=True))
    response = client.post(target, data={"csrf_token": token, "reason": "Syg",
                                         "retry_on": date})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and message in page and "Syg</textarea>" in page
    assert 'id="retry_on-error"' in page  # the message sits at the date field


def test_postponed_conversation_can_be_resumed(client, helpers, house, db):
    karin = house["karin"]
    path = start(client, helpers, karin)
    conv = stored(db, karin, path)
    conversations.postpone(db, conv, None, None)
    base = path.split("/spoergsmaal/")[0]
    response = helpers.post(client, base + "/genoptag", token_from=base)
    assert response.headers["Location"].endswith("/spoergsmaal/navn")
    assert stored(db, karin, path).status == "in_progress"


def test_review_lists_answers_with_writer_and_edit_returns_to_review(client, helpers, house,
                                                                     db):
    karin = house["karin"]
    path = start(client, helpers, karin)
    send(client, path, "Karin", written_by="staff")
    base = path.split("/spoergsmaal/")[0]
    send(client, base + "/spoergsmaal/bolig", "nej", action="skip")
    page = client.get(base + "/gennemse").get_data(as_text=True)
    assert page.index("Hvad vil du kaldes?") < page.index("Bor du her?")
    assert "Skrevet af: Kontaktpersonen" in page and "Sprunget over" in page
    assert "Ikke besvaret" in page and "Hvad drømmer du om?" not in page
    edit = f"{base}/spoergsmaal/navn?til=gennemse"
    assert edit.replace("?", "?").replace("til=", "til=") in page.replace("&amp;", "&")
    edit_page = client.get(edit).get_data(as_text=True)
    assert "Gem og gå til oversigten" in edit_page and 'name="til" value="gennemse"' in edit_page
    response = send(client, edit, "Karin S.", til="gennemse")
    assert response.headers["Location"].endswith("/gennemse")
    assert stored(db, karin, path).values["navn"] == "Karin S."


def test_finish_and_the_read_only_view_keep_the_texts_shown_then(app, client, helpers, house,
                                                                  db):
    karin = house["karin"]
    path = start(client, helpers, karin)
    send(client, path, "Karin")
    base = path.split("/spoergsmaal/")[0]
    finish = helpers.post(client, base + "/afslut", token_from=base + "/gennemse")
    assert finish.headers["Location"].endswith(base)
    assert stored(db, karin, path).status == "finished"
    install_bank(app, BANK.replace("Hvad vil du kaldes?", "Hvad hedder du?")
                 .replace("version = 1", "version = 2"))
    shown = client.get(base).get_data(as_text=True)
    assert "Hvad vil du kaldes?" in shown and "Hvad hedder du?" not in shown
    assert "Afsluttet" in shown and "Ret svaret" not in shown
    assert client.get(path).headers["Location"].endswith(base)  # no more editing
    token = csrf_from(client.get(f"/beboere/{karin}").get_data(as_text=True))
    late = client.post(base + "/spoergsmaal/bolig", data={
        "csrf_token": token, "answer": "ja", "action": "next", "written_by": "resident"})
    assert late.status_code == 302 and "bolig" not in stored(db, karin, path).answers
    assert "afsluttet" in client.get(f"/beboere/{karin}").get_data(as_text=True)


def test_saving_to_a_finished_conversation_is_refused_by_the_core(db, helpers):
    from samtale.views.conversation.bankset import bank_set

    house = helpers.house()
    bank = bank_set(None).get("haab-og-droemme")
    conv = conversations.get(db, house["karin"],
                             conversations.start(db, house["karin"], bank, None))
    conversations.finish(db, conv)
    finished = conversations.get(db, house["karin"], conv.id)
    with pytest.raises(SamtaleError) as refused:
        conversations.save_answer(db, finished, bank.questions[0].id, "3",
                                  written_by="staff", staff_id=None)
    assert refused.value.status == 409 and "afsluttet" in refused.value.message


def test_resident_page_lists_conversations_newest_first(client, helpers, house):
    karin = house["karin"]
    start(client, helpers, karin, "haab-og-droemme")
    start(client, helpers, karin, BANK_ID)
    page = client.get(f"/beboere/{karin}").get_data(as_text=True)
    assert page.index("Skærmprøve") < page.index("Håb og drømme")
    assert page.count("i gang") == 2


def test_resident_holding_the_screen_can_answer_but_not_leave_the_conversation(client,
                                                                                 helpers,
                                                                                 house, db):
    karin = house["karin"]
    path = start(client, helpers, karin)
    base = path.split("/spoergsmaal/")[0]
    response = helpers.post(client, f"/beboere/{karin}/giv-skaermen", {"next": path},
                            token_from=f"/beboere/{karin}")
    assert response.headers["Location"].endswith(path)
    assert client.get(path).status_code == 200
    assert autosave(client, path, "Karin", 50).status_code == 200
    following = send(client, path, "Karin")
    assert following.status_code == 302
    assert client.get(base + "/gennemse").status_code == 200
    assert "Giv skærmen tilbage" in client.get(base + "/gennemse").get_data(as_text=True)
    assert client.get(base + "/ikke-i-dag").status_code == 200  # "not today" is theirs
    assert client.get(f"/beboere/{karin}/samtaler/ny").status_code == 403
    assert client.get(f"/beboere/{house['bo']}").status_code == 403
    assert stored(db, karin, path).values["navn"] == "Karin"


def test_question_page_with_css_and_script_weighs_under_100_kb(client, helpers, house):
    path = start(client, helpers, house["karin"])
    page = client.get(path).get_data()
    assets = re.findall(rb'(?:href|src)="(/static/[^"]+)"', page)
    assert b"/static/js/conversation.js" in assets and b"/static/css/app.css" in assets
    total = len(page) + sum(len(client.get(a.decode()).get_data()) for a in assets)
    assert total < 100 * 1024, f"{total / 1024:.1f} KB"


def _audit_rows(db, since: int) -> list[tuple]:
    return db.execute("SELECT action, resident_id, object_type, object_id, outcome FROM "
                      "audit_log WHERE id > ? ORDER BY id", [since]).fetchall()


def _last_audit_id(db) -> int:
    return db.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0]


def test_every_autosave_is_audited_once_saved_stale_or_refused(client, helpers, house, db):
    """The autosave writes its audit entry in the answer's transaction; a save that
    stores nothing (stale, bad input, another resident's conversation) is audited too."""
    from samtale import audit

    karin, bo = house["karin"], house["bo"]
    path = start(client, helpers, karin)
    token = META_RE.search(client.get(path).get_data(as_text=True)).group(1)
    entry = ("update", karin, "conversation", str(conv_id(path)), "ok")
    for value, revision, status in (("ny", 100, 200), ("gammel", 99, 409), ("x" * 201, 101, 400)):
        before = _last_audit_id(db)
        assert autosave(client, path, value, revision, token=token).status_code == status
        assert _audit_rows(db, before) == [entry]
    bo_path = start(client, helpers, bo)
    before = _last_audit_id(db)
    under_karin = bo_path.replace(f"/beboere/{bo}/", f"/beboere/{karin}/")
    assert autosave(client, under_karin, "x", 5, token=token).status_code == 404
    assert _audit_rows(db, before) == [("update", karin, "conversation", str(conv_id(bo_path)),
                                        "ok")]
    assert audit.verify(db).ok


def test_autosave_that_fails_while_writing_still_audits_the_access(
        app, client, helpers, house, db, monkeypatch):
    path = start(client, helpers, house["karin"])
    token = META_RE.search(client.get(path).get_data(as_text=True)).group(1)
    real_store = conversations._store

    def failing_store(*args):
        def also(db_):
            args[-1](db_)
            raise RuntimeError("disk full")

        return real_store(*args[:-1], also)

    monkeypatch.setattr(conversations, "_store", failing_store)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    before = _last_audit_id(db)
    assert autosave(client, path, "tabt", 7, token=token).status_code == 500
    assert _audit_rows(db, before) == [("update", house["karin"], "conversation",
                                        str(conv_id(path)), "ok")]
    assert "navn" not in stored(db, house["karin"], path).answers
