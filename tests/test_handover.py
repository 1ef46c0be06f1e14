"""Screen handover: the browser is locked to one resident's allowed pages until the
staff member types their PIN or password; five wrong tries end the session."""

from __future__ import annotations

import pytest
from flask import Blueprint, jsonify

from samtale import migrations, pin, staff
from samtale.db import open_db
from samtale.errors import SamtaleError
from samtale.web.access import login_required, resident_or_404
from samtale.web.handover import handover_allowed
from tests.conftest import FAST_HASHER, PASSWORD, csrf_from

PIN = "4729"


@pytest.fixture
def app(app):
    """The app plus two resident pages of the kind areas add: one allowed during
    handover, one not."""
    bp = Blueprint("handover_test", __name__)

    @bp.get("/beboere/<int:resident_id>/proeve")
    @login_required
    @handover_allowed
    def allowed(resident_id: int):
        return f"Min side: {resident_or_404(resident_id).display_name}"

    @bp.post("/beboere/<int:resident_id>/proeve/gem")
    @login_required
    @handover_allowed
    def save(resident_id: int):
        resident_or_404(resident_id, "update")
        return jsonify({"saved": True})

    @bp.get("/beboere/<int:resident_id>/noter")
    @login_required
    def staff_only(resident_id: int):
        return "Personalets noter"

    app.register_blueprint(bp)
    return app


@pytest.fixture
def house(helpers):
    return helpers.house()


def hand_over(client, helpers, resident_id: int, **data):
    helpers.login(client, "mette")
    page = client.get(f"/beboere/{resident_id}").get_data(as_text=True)
    assert "Giv skærmen til beboeren" in page
    return client.post(
        f"/beboere/{resident_id}/giv-skaermen", data={"csrf_token": csrf_from(page), **data}
    )


def leave(client, secret: str):
    page = client.get("/skaerm/afslut").get_data(as_text=True)
    return client.post("/skaerm/afslut", data={"csrf_token": csrf_from(page), "secret": secret})


def test_starting_shows_only_the_residents_name_and_the_exit(client, helpers, house):
    response = hand_over(client, helpers, house["karin"])
    assert response.headers["Location"].endswith(f"/beboere/{house['karin']}/skaerm")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Hej Karin" in page and "Karin S." in page and "Afslut" in page
    for hidden in ("Log ud", "Administration", "Hovedmenu", ">Beboere<", "Testhuset", "Mette"):
        assert hidden not in page, hidden


@pytest.mark.parametrize(
    "path",
    ["/", "/beboere/", "/beboere/{bo}", "/beboere/{karin}", "/beboere/{karin}/noter",
     "/beboere/{bo}/proeve", "/beboere/{sara}/proeve", "/beboere/{karin}/rediger", "/admin/",
     "/admin/personale", "/admin/log", "/admin/indstillinger", "/profil", "/findes/ikke",
     "/beboere/{karin}/adgangslog"],
)
def test_everything_else_is_refused_with_a_calm_page(client, helpers, house, path):
    hand_over(client, helpers, house["karin"])
    response = client.get(path.format(**house))
    assert response.status_code == 403
    body = response.get_data(as_text=True)
    assert "Skærmen er givet til Karin S." in body and "Afslut" in body
    assert "Bo H." not in body and "Sara" not in body


def test_allowed_views_answer_for_the_handed_over_resident_only(client, helpers, house):
    hand_over(client, helpers, house["karin"])
    assert client.get(f"/beboere/{house['karin']}/proeve").get_data(as_text=True) == (
        "Min side: Karin S."
    )
    token = csrf_from(client.get("/skaerm/afslut").get_data(as_text=True))
    saved = client.post(f"/beboere/{house['karin']}/proeve/gem", data={"csrf_token": token})
    assert saved.json == {"saved": True}
    refused = client.post(
        f"/beboere/{house['bo']}/proeve/gem",
        data={"csrf_token": token},
        headers={"Accept": "application/json"},
    )
    assert refused.status_code == 403 and "Karin S." in refused.json["error"]
    assert client.get("/static/css/app.css").status_code == 200


def test_the_mode_survives_reloads_and_logout_needs_the_exit(client, helpers, house, db):
    hand_over(client, helpers, house["karin"])
    for _ in range(3):
        assert client.get(f"/beboere/{house['karin']}/skaerm").status_code == 200
    token = csrf_from(client.get("/skaerm/afslut").get_data(as_text=True))
    assert client.post("/log-ud", data={"csrf_token": token}).status_code == 403
    assert client.get("/").status_code == 403  # still in handover, still logged in
    assert db.execute("SELECT count(*) FROM sessions WHERE staff_id IS NOT NULL").fetchone()[0] == 1


def test_exit_with_the_pin(client, helpers, house, db):
    pin.set_pin(db, FAST_HASHER, house["mette"], PIN)
    hand_over(client, helpers, house["karin"])
    page = client.get("/skaerm/afslut").get_data(as_text=True)
    assert "PIN-kode" in page and 'autocomplete="off"' in page
    response = leave(client, PIN)
    assert response.headers["Location"].endswith(f"/beboere/{house['karin']}")
    assert client.get("/").status_code == 200
    assert "Log ud" in client.get("/").get_data(as_text=True)


def test_exit_with_the_password_when_there_is_no_pin(client, helpers, house):
    hand_over(client, helpers, house["karin"])
    assert "Du har ingen PIN-kode" in client.get("/skaerm/afslut").get_data(as_text=True)
    assert leave(client, PASSWORD).status_code == 302
    assert client.get("/beboere/").status_code == 200


def test_wrong_tries_count_down_and_the_fifth_ends_the_session(client, helpers, house, db):
    pin.set_pin(db, FAST_HASHER, house["mette"], PIN)
    hand_over(client, helpers, house["karin"])
    for left in (4, 3, 2, 1):
        response = leave(client, "1111")
        assert response.status_code == 200
        assert f"Du har {left} forsøg tilbage" in response.get_data(as_text=True)
    last = leave(client, "2222")
    assert last.headers["Location"].endswith("/log-ind")
    assert client.get("/").headers["Location"].endswith("/log-ind")
    assert db.execute("SELECT count(*) FROM sessions WHERE staff_id IS NOT NULL").fetchone()[0] == 0
    ends = db.execute(
        "SELECT outcome FROM audit_log WHERE object_type = 'handover_end'"
    ).fetchall()
    assert ends == [("too_many_attempts",)]


def test_start_end_and_refusals_are_audited(client, helpers, house, db):
    hand_over(client, helpers, house["karin"])
    client.get(f"/beboere/{house['bo']}")
    leave(client, PASSWORD)
    rows = db.execute(
        "SELECT action, resident_id, object_type, purpose, outcome FROM audit_log "
        "WHERE action IN ('handover', 'refused') ORDER BY id"
    ).fetchall()
    assert rows == [
        ("handover", house["karin"], "handover_start", "conversation", "ok"),
        ("refused", house["bo"], "page", None, "during_handover"),
        ("handover", house["karin"], "handover_end", None, "ok"),
    ]


def test_next_page_must_belong_to_the_same_resident(client, helpers, house):
    ok = hand_over(client, helpers, house["karin"], next=f"/beboere/{house['karin']}/proeve")
    assert ok.headers["Location"].endswith(f"/beboere/{house['karin']}/proeve")
    leave(client, PASSWORD)
    page = client.get(f"/beboere/{house['karin']}").get_data(as_text=True)
    other = client.post(
        f"/beboere/{house['karin']}/giv-skaermen",
        data={"csrf_token": csrf_from(page), "next": f"/beboere/{house['bo']}/proeve"},
    )
    assert other.headers["Location"].endswith(f"/beboere/{house['karin']}/skaerm")


def test_another_units_resident_cannot_be_handed_over(client, helpers, house):
    helpers.login(client, "mette")
    token = csrf_from(client.get("/").get_data(as_text=True))
    response = client.post(f"/beboere/{house['sara']}/giv-skaermen", data={"csrf_token": token})
    assert response.status_code == 404
    assert client.get("/").status_code == 200


def test_exit_page_outside_handover_goes_home(client, helpers, house):
    helpers.login(client, "mette")
    assert client.get("/skaerm/afslut").headers["Location"].endswith("/")


# --- the PIN --------------------------------------------------------------------


@pytest.fixture
def mem():
    db = open_db(":memory:")
    migrations.apply(db)
    db.staff_id = staff.create(
        db, FAST_HASHER, username="ali", display_name="Ali", password=PASSWORD,
        role="kontaktperson",
    )
    return db


@pytest.mark.parametrize("bad", ["", "123", "123456789", "12a4", "0000", "1234", "98765", "  "])
def test_pin_policy_refuses_bad_pins(mem, bad):
    with pytest.raises(SamtaleError):
        pin.set_pin(mem, FAST_HASHER, mem.staff_id, bad)
    assert not pin.has_pin(mem, mem.staff_id)


def test_pin_is_stored_as_an_argon2_hash(mem):
    pin.set_pin(mem, FAST_HASHER, mem.staff_id, "80417")
    stored = mem.execute("SELECT pin_hash FROM staff_pins").fetchone()[0]
    assert stored.startswith("$argon2id$") and "80417" not in stored
    assert pin.check_pin(mem, FAST_HASHER, mem.staff_id, "80417")
    assert not pin.check_pin(mem, FAST_HASHER, mem.staff_id, "80418")
    pin.set_pin(mem, FAST_HASHER, mem.staff_id, "2580")
    assert not pin.check_pin(mem, FAST_HASHER, mem.staff_id, "80417")
    pin.remove_pin(mem, mem.staff_id)
    assert not pin.check_pin(mem, FAST_HASHER, mem.staff_id, "2580")


def test_setting_the_pin_on_screen_needs_the_password(client, helpers, house, db):
    helpers.login(client, "mette")
    page = client.get("/profil").get_data(as_text=True)
    assert "PIN-kode til skærmen" in page
    wrong = client.post(
        "/profil/pin", data={"csrf_token": csrf_from(page), "pin": PIN, "password": "forkert"}
    )
    assert wrong.status_code == 302 and not pin.has_pin(db, house["mette"])
    assert "Adgangskoden er forkert" in client.get("/profil").get_data(as_text=True)
    right = client.post(
        "/profil/pin", data={"csrf_token": csrf_from(page), "pin": PIN, "password": PASSWORD}
    )
    assert right.status_code == 302 and pin.check_pin(db, FAST_HASHER, house["mette"], PIN)
    assert "Du har en PIN-kode" in client.get("/profil").get_data(as_text=True)
