"""Two-factor login: TOTP codes (current step and one either side, never replayed),
recovery codes (each once), enrolment under Min profil, the second login step with
throttling and no session upgrade before it passes, and the leader's requirement."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pyotp
import pytest

from samtale import clock, migrations, settings, staff, totp
from samtale.db import open_db
from tests.conftest import FAST_HASHER, PASSWORD, csrf_from
from tests.test_audit_view import settings_form

MOMENT = datetime(2026, 11, 25, 12, 0, 10, tzinfo=UTC)


@pytest.fixture
def frozen(monkeypatch):
    """clock.now() returns `frozen.at`; move it with `frozen.at += ...`."""

    class Frozen:
        at = MOMENT

    monkeypatch.setattr(clock, "now", lambda: Frozen.at)
    return Frozen


@pytest.fixture
def mem():
    db = open_db(":memory:")
    migrations.apply(db)
    staff_id = staff.create(
        db, FAST_HASHER, username="mette", display_name="Mette", password="en god lang sætning",
        role="kontaktperson",
    )
    db.staff_id = staff_id
    return db


def code_at(secret: str, moment: datetime, steps: int = 0) -> str:
    return pyotp.TOTP(secret).at(moment + timedelta(seconds=30 * steps))


# --- core -------------------------------------------------------------------


@pytest.mark.parametrize(
    "steps, accepted", [(0, True), (-1, True), (1, True), (-2, False), (2, False)]
)
def test_codes_of_the_current_step_and_one_either_side_are_accepted(steps, accepted):
    secret = totp.new_secret()
    step = totp.matching_step(secret, code_at(secret, MOMENT, steps), MOMENT)
    assert (step is not None) is accepted
    if accepted:
        assert step == pyotp.TOTP(secret).timecode(MOMENT) + steps


@pytest.mark.parametrize("bad", ["", "12345", "1234567", "abcdef", "12 34 5x"])
def test_malformed_codes_are_refused(bad):
    assert totp.matching_step(totp.new_secret(), bad, MOMENT) is None


def test_a_used_step_is_never_accepted_again():
    secret = totp.new_secret()
    now_step = pyotp.TOTP(secret).timecode(MOMENT)
    assert totp.matching_step(secret, code_at(secret, MOMENT), MOMENT, last_step=now_step) is None
    later = code_at(secret, MOMENT, 1)
    assert totp.matching_step(secret, later, MOMENT, last_step=now_step) == now_step + 1


def test_enable_needs_a_right_code_and_returns_ten_single_use_codes(mem, frozen):
    secret = totp.new_secret()
    with pytest.raises(Exception, match="passer ikke"):
        totp.enable(mem, mem.staff_id, secret, "000000")
    assert not totp.is_enabled(mem, mem.staff_id)
    codes = totp.enable(mem, mem.staff_id, secret, code_at(secret, MOMENT))
    assert len(codes) == len(set(codes)) == 10
    stored = [r[0] for r in mem.execute("SELECT code_hash FROM staff_recovery_codes")]
    assert len(stored) == 10 and not set(codes) & set(stored)  # only hashes are kept
    assert all(h.startswith("$argon2id$") for h in stored)  # salted and slow (ASVS 6.5.2)
    assert len({h.split("$")[4] for h in stored}) == 10  # a salt of its own for each
    with pytest.raises(Exception, match="allerede"):
        totp.enable(mem, mem.staff_id, secret, code_at(secret, MOMENT, 1))


def test_the_enrolment_code_cannot_be_replayed_at_login(mem, frozen):
    secret = totp.new_secret()
    totp.enable(mem, mem.staff_id, secret, code_at(secret, MOMENT))
    assert totp.check(mem, mem.staff_id, code_at(secret, MOMENT)) is None
    assert totp.check(mem, mem.staff_id, code_at(secret, MOMENT, 1)) == "totp"
    assert totp.check(mem, mem.staff_id, code_at(secret, MOMENT, 1)) is None  # reused
    frozen.at = MOMENT + timedelta(seconds=60)
    assert totp.check(mem, mem.staff_id, code_at(secret, frozen.at)) == "totp"


def test_recovery_codes_work_once_and_forgive_case_and_spaces(mem, frozen):
    secret = totp.new_secret()
    codes = totp.enable(mem, mem.staff_id, secret, code_at(secret, MOMENT))
    typed = " " + codes[3].upper().replace("-", " ") + " "
    assert totp.check(mem, mem.staff_id, typed) == "recovery"
    assert totp.check(mem, mem.staff_id, codes[3]) is None
    assert totp.recovery_codes_left(mem, mem.staff_id) == 9
    assert totp.check(mem, mem.staff_id, "abcde-fghjk") is None


def test_new_recovery_codes_replace_the_old_ones(mem, frozen):
    secret = totp.new_secret()
    old = totp.enable(mem, mem.staff_id, secret, code_at(secret, MOMENT))
    with pytest.raises(Exception, match="passer ikke"):
        totp.new_recovery_codes(mem, mem.staff_id, "123456")
    new = totp.new_recovery_codes(mem, mem.staff_id, code_at(secret, MOMENT, 1))
    assert totp.check(mem, mem.staff_id, old[0]) is None
    assert totp.check(mem, mem.staff_id, new[0]) == "recovery"


def test_turning_it_off_needs_a_code(mem, frozen):
    secret = totp.new_secret()
    codes = totp.enable(mem, mem.staff_id, secret, code_at(secret, MOMENT))
    with pytest.raises(Exception, match="stadig slået til"):
        totp.disable(mem, mem.staff_id, "999999")
    assert totp.is_enabled(mem, mem.staff_id)
    totp.disable(mem, mem.staff_id, codes[0])
    assert not totp.is_enabled(mem, mem.staff_id)
    assert mem.execute("SELECT count(*) FROM staff_recovery_codes").fetchone()[0] == 0


def test_qr_code_is_a_local_inline_svg_with_a_name():
    svg = totp.qr_svg(totp.provisioning_uri(totp.new_secret(), "mette"), 'QR "kode"')
    assert svg.startswith('<svg role="img" aria-label="QR &quot;kode&quot;"')
    assert "<script" not in svg and "style=" not in svg and "http" not in svg


# --- web: enrolment ----------------------------------------------------------

SECRET_RE = re.compile(r'id="totp-secret">([A-Z2-7 ]+)</code>')


def enrol(client, helpers) -> str:
    """Enrol the logged-in user through the pages; return the secret."""
    page = client.get("/profil/to-faktor").get_data(as_text=True)
    secret = SECRET_RE.search(page).group(1).replace(" ", "")
    response = helpers.post(
        client, "/profil/to-faktor", {"code": code_at(secret, clock.now())}, "/profil/to-faktor"
    )
    assert response.status_code == 200, response.get_data(as_text=True)[:400]
    assert "Dine gendannelseskoder" in response.get_data(as_text=True)
    return secret


def test_enrolment_page_shows_qr_and_secret_and_keeps_the_secret(client, helpers, db):
    helpers.house()
    helpers.login(client, "mette")
    first = client.get("/profil/to-faktor").get_data(as_text=True)
    assert '<svg role="img"' in first and "<script" not in first
    secret = SECRET_RE.search(first).group(1)
    again = client.get("/profil/to-faktor").get_data(as_text=True)
    assert SECRET_RE.search(again).group(1) == secret
    assert not totp.is_enabled(db, staff.find_by_username(db, "mette")["id"])


def test_enrolment_with_a_wrong_code_is_refused(client, helpers, db):
    helpers.house()
    helpers.login(client, "mette")
    response = helpers.post(client, "/profil/to-faktor", {"code": "000000"}, "/profil/to-faktor")
    assert response.status_code == 400
    assert "Koden passer ikke" in response.get_data(as_text=True)


def test_enrolment_shows_ten_codes_once_and_is_audited(client, helpers, db):
    helpers.house()
    helpers.login(client, "mette")
    page = client.get("/profil/to-faktor").get_data(as_text=True)
    secret = SECRET_RE.search(page).group(1).replace(" ", "")
    shown = helpers.post(
        client, "/profil/to-faktor", {"code": code_at(secret, clock.now())}, "/profil/to-faktor"
    ).get_data(as_text=True)
    codes = re.findall(r"<code>([a-z2-9]{5}-[a-z2-9]{5})</code>", shown)
    assert len(codes) == 10
    assert not any(code in client.get("/profil/to-faktor").get_data(as_text=True) for code in codes)
    assert "Slået til" in client.get("/profil").get_data(as_text=True)
    row = db.execute(
        "SELECT action, object_type, purpose FROM audit_log WHERE object_type = 'totp'"
    ).fetchone()
    assert row == ("admin", "totp", "enable")


# --- web: the second login step ----------------------------------------------


def password_step(client, helpers, username="mette"):
    token = helpers.token(client)
    return client.post(
        "/log-ind", data={"csrf_token": token, "username": username, "password": PASSWORD}
    )


@pytest.fixture
def enrolled(client, helpers, db):
    """Mette with two-factor login on, logged out again; returns her secret."""
    helpers.house()
    helpers.login(client, "mette")
    secret = enrol(client, helpers)
    helpers.post(client, "/log-ud", {}, "/")
    return secret


def session_rows(db) -> list[tuple]:
    return db.execute("SELECT staff_id, data FROM sessions").fetchall()


def test_password_alone_does_not_log_in(client, helpers, db, enrolled):
    response = password_step(client, helpers)
    assert response.status_code == 302 and response.headers["Location"].endswith("/log-ind/kode")
    rows = session_rows(db)
    assert rows and all(staff_id is None for staff_id, _ in rows)
    assert all("staff_id" not in json.loads(data) for _, data in rows)
    assert any("pending_login" in json.loads(data) for _, data in rows)
    assert client.get("/").headers["Location"].endswith("/log-ind")
    assert client.get("/profil").status_code == 302


def test_right_code_logs_in_and_a_reused_code_is_refused(client, helpers, db, enrolled):
    password_step(client, helpers)
    code = code_at(enrolled, clock.now(), 1)  # the enrolment used the current step
    page = client.get("/log-ind/kode").get_data(as_text=True)
    response = client.post("/log-ind/kode", data={"csrf_token": csrf_from(page), "code": code})
    assert response.status_code == 302
    assert client.get("/profil").status_code == 200
    assert db.execute("SELECT count(*) FROM audit_log WHERE action = 'login'").fetchone()[0] == 2
    helpers.post(client, "/log-ud", {}, "/")
    password_step(client, helpers)
    page = client.get("/log-ind/kode").get_data(as_text=True)
    again = client.post("/log-ind/kode", data={"csrf_token": csrf_from(page), "code": code})
    assert again.status_code == 200 and "Koden passer ikke" in again.get_data(as_text=True)
    assert client.get("/profil").status_code == 302


def test_wrong_codes_are_logged_and_throttled(client, helpers, db, enrolled):
    password_step(client, helpers)
    for _ in range(5):
        page = client.get("/log-ind/kode").get_data(as_text=True)
        client.post("/log-ind/kode", data={"csrf_token": csrf_from(page), "code": "123456"})
    page = client.get("/log-ind/kode").get_data(as_text=True)
    right = code_at(enrolled, clock.now(), 1)
    paused = client.post("/log-ind/kode", data={"csrf_token": csrf_from(page), "code": right})
    assert paused.status_code == 429
    assert "For mange forkerte forsøg" in paused.get_data(as_text=True)
    assert client.get("/profil").status_code == 302
    outcomes = [r[0] for r in db.execute(
        "SELECT outcome FROM audit_log WHERE action = 'login_failed' ORDER BY id")]
    assert outcomes == ["wrong_code"] * 5 + ["paused"]


def test_a_recovery_code_logs_in_once(client, helpers, db, enrolled):
    mette = staff.find_by_username(db, "mette")["id"]
    codes = totp.new_recovery_codes(db, mette, code_at(enrolled, clock.now(), 1))
    password_step(client, helpers)
    page = client.get("/log-ind/kode").get_data(as_text=True)
    response = client.post("/log-ind/kode", data={"csrf_token": csrf_from(page), "code": codes[0]})
    assert response.status_code == 302
    assert "9 tilbage" in client.get("/profil").get_data(as_text=True)


def test_the_pending_step_expires(client, helpers, enrolled, monkeypatch):
    password_step(client, helpers)
    later = clock.now() + timedelta(minutes=6)
    monkeypatch.setattr(clock, "now", lambda: later)
    response = client.get("/log-ind/kode")
    assert response.status_code == 302 and response.headers["Location"].endswith("/log-ind")


def test_code_page_without_a_password_first_goes_back_to_login(client):
    response = client.get("/log-ind/kode")
    assert response.status_code == 302 and response.headers["Location"].endswith("/log-ind")


# --- the leader's requirement ----------------------------------------------


def test_leader_requires_it_and_staff_without_it_can_only_enrol(client, helpers, db):
    helpers.house()
    helpers.login(client, "leder")
    page = client.get("/admin/indstillinger").get_data(as_text=True)
    saved = client.post("/admin/indstillinger", data=settings_form(db, page, require_totp=True))
    assert saved.status_code == 302 and settings.get(db, "require_totp") is True
    assert client.get("/").headers["Location"].endswith("/profil/to-faktor")  # leader too
    other = client.application.test_client()
    helpers.login(other, "mette")
    for path in ("/", "/beboere/", "/profil"):
        response = other.get(path)
        assert response.status_code == 302 and response.headers["Location"].endswith(
            "/profil/to-faktor"
        ), path
    token = csrf_from(other.get("/profil/to-faktor").get_data(as_text=True))
    assert other.post("/sprog", data={"csrf_token": token, "language": "en"}).status_code != 403
    assert other.post("/profil/pin", data={"csrf_token": token}).status_code == 403
    assert "Lederen kræver to-faktor-login" in other.get("/profil/to-faktor").get_data(as_text=True)
    enrol(other, helpers)
    assert other.get("/").status_code == 200


def test_it_cannot_be_turned_off_while_required(client, helpers, db):
    helpers.house()
    helpers.login(client, "mette")
    secret = enrol(client, helpers)
    settings.put(db, "require_totp", True)
    response = helpers.post(
        client, "/profil/to-faktor/slaa-fra", {"code": code_at(secret, clock.now(), 1)},
        "/profil/to-faktor",
    )
    assert response.status_code == 400 and "kræver" in response.get_data(as_text=True)
    assert totp.is_enabled(db, staff.find_by_username(db, "mette")["id"])


def test_turning_it_off_on_screen_needs_a_code(client, helpers, db):
    helpers.house()
    helpers.login(client, "mette")
    secret = enrol(client, helpers)
    wrong = helpers.post(
        client, "/profil/to-faktor/slaa-fra", {"code": "111111"}, "/profil/to-faktor"
    )
    assert wrong.status_code == 400
    right = helpers.post(
        client, "/profil/to-faktor/slaa-fra", {"code": code_at(secret, clock.now(), 1)},
        "/profil/to-faktor",
    )
    assert right.status_code == 302
    assert not totp.is_enabled(db, staff.find_by_username(db, "mette")["id"])
