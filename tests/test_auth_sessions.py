"""Login, logout, throttling and server-side sessions, through the real forms."""

from __future__ import annotations

from datetime import timedelta

import pytest

from samtale import clock, staff
from tests.conftest import PASSWORD, create_app_for, csrf_from


def cookie(client, name="samtale"):
    return client.get_cookie(name)


def test_wrong_password_keeps_username_and_says_so(client, helpers):
    helpers.house()
    token = helpers.token(client)
    response = client.post(
        "/log-ind", data={"csrf_token": token, "username": "mette", "password": "forkert kode her"}
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Forkert brugernavn eller adgangskode." in body
    assert 'value="mette"' in body
    assert 'value="forkert kode her"' not in body


def test_unknown_and_disabled_users_get_the_same_answer(client, helpers, db):
    house = helpers.house()
    staff.set_active(db, house["ali"], False)
    for username in ("nobody", "ali"):
        token = helpers.token(client)
        body = client.post(
            "/log-ind", data={"csrf_token": token, "username": username, "password": PASSWORD}
        ).get_data(as_text=True)
        assert "Forkert brugernavn eller adgangskode." in body


def test_login_gives_a_new_session_token(client, helpers):
    helpers.house()
    helpers.token(client)  # the login form stores a CSRF token: a session before login
    before = cookie(client).value
    helpers.login(client, "mette")
    after = cookie(client).value
    assert before != after
    client.set_cookie("samtale", before)
    assert client.get("/").status_code == 302  # the old token is worthless


def test_cookie_holds_only_an_opaque_token_and_safe_flags(client, helpers, db):
    helpers.house()
    response = helpers.login(client, "mette")
    header = response.headers["Set-Cookie"]
    assert "HttpOnly" in header and "SameSite=Lax" in header
    value = cookie(client).value
    assert "mette" not in value and "staff" not in value and len(value) >= 40
    rows = db.execute("SELECT token_hash FROM sessions").fetchall()
    assert value not in [r[0] for r in rows]  # only the hash is stored


def test_https_cookie_is_secure_and_host_prefixed(tmp_path, helpers):
    app = create_app_for(tmp_path, BASE_URL="https://samtale.example")
    client = app.test_client()
    helpers.house()
    page = client.get("/log-ind", base_url="https://samtale.example")
    token = csrf_from(page.get_data(as_text=True))
    response = client.post(
        "/log-ind",
        base_url="https://samtale.example",
        data={"csrf_token": token, "username": "mette", "password": PASSWORD},
    )  # no Referer: browsers send none under Referrer-Policy: no-referrer
    assert response.status_code == 302
    header = response.headers["Set-Cookie"]
    assert header.startswith("__Host-samtale=") and "Secure" in header and "Path=/" in header


def test_logout_ends_the_session_on_the_server(client, helpers, db):
    helpers.house()
    helpers.login(client, "mette")
    token = cookie(client).value
    assert db.execute("SELECT count(*) FROM sessions WHERE staff_id IS NOT NULL").fetchone()[0] == 1
    helpers.post(client, "/log-ud")
    assert db.execute("SELECT count(*) FROM sessions WHERE staff_id IS NOT NULL").fetchone()[0] == 0
    client.set_cookie("samtale", token)  # replaying the old cookie does not work
    assert client.get("/").status_code == 302


def test_disabling_a_user_ends_all_their_sessions(app, helpers, db):
    house = helpers.house()
    laptop, tablet = app.test_client(), app.test_client()
    helpers.login(laptop, "mette")
    helpers.login(tablet, "mette")
    assert laptop.get("/").status_code == 200
    staff.set_active(db, house["mette"], False)
    assert laptop.get("/").status_code == 302
    assert tablet.get("/").status_code == 302


def test_leader_disables_through_the_admin_page(app, helpers):
    house = helpers.house()
    leader, mette = app.test_client(), app.test_client()
    helpers.login(mette, "mette")
    helpers.login(leader, "leder")
    response = helpers.post(
        leader, f"/admin/personale/{house['mette']}/aktiv", token_from="/admin/personale"
    )
    assert response.status_code == 302
    assert mette.get("/").status_code == 302


@pytest.mark.parametrize("minutes,alive", [(19, True), (21, False)])
def test_idle_timeout(client, helpers, monkeypatch, minutes, alive):
    helpers.house()
    helpers.login(client, "mette")
    later = clock.now() + timedelta(minutes=minutes)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert (client.get("/").status_code == 200) is alive


def test_absolute_lifetime(client, helpers, monkeypatch):
    helpers.house()
    helpers.login(client, "mette")
    start = clock.now()
    for hours in range(1, 11):  # active every 15 minutes for ten hours
        for quarter in range(4):
            moment = start + timedelta(hours=hours - 1, minutes=15 * quarter)
            monkeypatch.setattr(clock, "now", lambda m=moment: m)
            assert client.get("/").status_code == 200
    monkeypatch.setattr(clock, "now", lambda: start + timedelta(hours=10, minutes=1))
    assert client.get("/").status_code == 302


def test_throttling_per_account(client, helpers):
    helpers.house()
    for _ in range(5):
        token = helpers.token(client)
        client.post(
            "/log-ind", data={"csrf_token": token, "username": "mette", "password": "x" * 9}
        )
    token = helpers.token(client)
    response = client.post(
        "/log-ind", data={"csrf_token": token, "username": "mette", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "For mange forkerte forsøg" in response.get_data(as_text=True)


def test_throttle_pause_ends_after_window(client, helpers, monkeypatch):
    helpers.house()
    for _ in range(5):
        token = helpers.token(client)
        client.post(
            "/log-ind", data={"csrf_token": token, "username": "mette", "password": "x" * 9}
        )
    later = clock.now() + timedelta(minutes=16)
    monkeypatch.setattr(clock, "now", lambda: later)
    helpers.login(client, "mette")


def test_throttling_per_address(app, helpers):
    helpers.house()
    client = app.test_client()
    for index in range(20):
        token = helpers.token(client)
        client.post(
            "/log-ind", data={"csrf_token": token, "username": f"guess{index}", "password": "x" * 9}
        )
    token = helpers.token(client)
    response = client.post(
        "/log-ind", data={"csrf_token": token, "username": "mette", "password": PASSWORD}
    )
    assert response.status_code == 429


def test_failed_and_successful_logins_are_audited(client, helpers, db):
    helpers.house()
    token = helpers.token(client)
    client.post("/log-ind", data={"csrf_token": token, "username": "mette", "password": "x" * 9})
    helpers.login(client, "mette")
    actions = [r[0] for r in db.execute("SELECT action FROM audit_log ORDER BY id")]
    assert actions[:2] == ["login_failed", "login"]


def test_open_redirect_is_refused(client, helpers):
    helpers.house()
    token = helpers.token(client)
    response = client.post(
        "/log-ind?next=//evil.example/x",
        data={"csrf_token": token, "username": "mette", "password": PASSWORD},
    )
    assert response.headers["Location"] == "/"


def test_changing_password_logs_out_other_devices(app, helpers):
    helpers.house()
    laptop, tablet = app.test_client(), app.test_client()
    helpers.login(laptop, "mette")
    helpers.login(tablet, "mette")
    response = helpers.post(
        laptop,
        "/profil/adgangskode",
        {"current": PASSWORD, "new": "et helt nyt kodeord i dag"},
        token_from="/profil",
    )
    assert response.status_code == 302
    assert laptop.get("/").status_code == 200
    assert tablet.get("/").status_code == 302


def test_language_choice_is_remembered(client, helpers):
    helpers.house()
    helpers.login(client, "mette")
    helpers.post(client, "/profil", {"language": "en"}, token_from="/profil")
    assert 'lang="en"' in client.get("/").get_data(as_text=True)
