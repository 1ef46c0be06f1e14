"""First-run setup link and the health check."""

from __future__ import annotations

from datetime import timedelta

from samtale import clock, firstrun, staff
from tests.conftest import PASSWORD, csrf_from


def _setup(client, token, **overrides):
    page = client.get(f"/opsaetning/{token}")
    data = {
        "csrf_token": csrf_from(page.get_data(as_text=True)),
        "display_name": "Lene Holm",
        "username": "lene",
        "password": PASSWORD,
        "password2": PASSWORD,
        "unit": "Nord",
        **overrides,
    }
    return client.post(f"/opsaetning/{token}", data=data)


def test_fresh_install_has_no_account_and_start_page_says_so(client, db):
    assert staff.count(db) == 0
    assert "ikke sat op endnu" in client.get("/").get_data(as_text=True)
    assert client.get("/log-ind").status_code == 200


def test_setup_link_creates_the_first_leader_once(client, db):
    token = firstrun.new_token(db)
    response = _setup(client, token)
    assert response.status_code == 302
    member = staff.get(db, 1)
    assert member.role == "leder" and member.username == "lene" and len(member.unit_ids) == 1
    assert client.get("/").status_code == 200  # logged in
    assert client.get(f"/opsaetning/{token}").status_code == 404
    assert not firstrun.is_valid(db, firstrun.new_token(db))  # no setup once someone exists


def test_setup_link_expires_after_an_hour(client, db, monkeypatch):
    token = firstrun.new_token(db)
    later = clock.now() + timedelta(minutes=61)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert client.get(f"/opsaetning/{token}").status_code == 404


def test_new_link_replaces_the_old_one(client, db):
    old = firstrun.new_token(db)
    firstrun.new_token(db)
    assert client.get(f"/opsaetning/{old}").status_code == 404


def test_setup_keeps_what_was_typed_on_error(client, db):
    token = firstrun.new_token(db)
    response = _setup(client, token, password="password", password2="password")
    body = response.get_data(as_text=True)
    assert "for almindelig" in body and 'value="Lene Holm"' in body and staff.count(db) == 0
    mismatch = _setup(client, token, password2="noget andet helt")
    assert "ikke ens" in mismatch.get_data(as_text=True)


def test_wrong_token_is_refused(client, db):
    firstrun.new_token(db)
    assert client.get("/opsaetning/guess").status_code == 404
    assert client.post("/opsaetning/guess", data={}).status_code in (400, 404)


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["status"] == "ok"
    assert response.get_json()["database"] == "ok"


def test_healthz_reports_pending_migrations(tmp_path):
    from samtale import create_app

    app = create_app(
        {
            "DATABASE": str(tmp_path / "empty.db"),
            "INSTANCE_DIR": str(tmp_path),
            "SECRET_KEY": "x",
            "TESTING": True,
        }
    )
    response = app.test_client().get("/healthz")
    assert response.status_code == 503 and response.get_json()["pending_migrations"] >= 1
