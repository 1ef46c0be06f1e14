"""The leader's audit log: filters and pages with Danish labels, the spot check with
reviews kept beside the log, one resident's access report (page and CSV), pruning that
keeps the chain verifiable, and looking at the log being logged itself."""

from __future__ import annotations

import csv
import io
import random
import re
from datetime import UTC, date, datetime, timedelta

import pytest

from samtale import audit, audit_labels, audit_report, clock, migrations, staff
from samtale.audit_report import Filters
from samtale.db import open_db
from samtale.errors import SamtaleError
from tests.conftest import FAST_HASHER, csrf_from

# --- core: pruning, head, filters -----------------------------------------------


@pytest.fixture
def mem():
    db = open_db(":memory:")
    migrations.apply(db)
    return db


def write_days(db, monkeypatch, start: datetime, days: int, per_day: int = 2) -> None:
    for day in range(days):
        for n in range(per_day):
            moment = start + timedelta(days=day, hours=n)
            monkeypatch.setattr(clock, "now", lambda m=moment: m)
            audit.record(db, action="read", actor_id=1, resident_id=day % 3 + 1)


def test_prune_keeps_the_chain_verifiable(mem, monkeypatch):
    start = datetime(2025, 1, 1, 8, tzinfo=UTC)
    write_days(mem, monkeypatch, start, 10)
    result = audit.prune(mem, clock.to_iso(start + timedelta(days=4)), actor_name="test")
    assert result.pruned == 8 and result.last_id == 8
    left = [r[0] for r in mem.execute("SELECT id FROM audit_log ORDER BY id")]
    assert left[0] == 9 and left[-1] == 21  # 12 kept plus the pruning's own entry
    checkpoint = mem.execute("SELECT last_id, pruned_count FROM audit_checkpoints").fetchone()
    assert checkpoint == (8, 8)
    check = audit.verify(mem)
    assert check.ok and check.checked == 13 and audit.head(mem).last_id == 21
    last = mem.execute("SELECT action, object_type, purpose FROM audit_log WHERE id = 21")
    assert last.fetchone() == ("admin", "audit_log", "prune")
    audit.record(mem, action="read", actor_id=2)
    assert audit.verify(mem).ok


@pytest.mark.parametrize(
    "tamper, problem",
    [
        ("UPDATE audit_log SET actor_id = 9 WHERE id = 12", "altered"),
        ("DELETE FROM audit_log WHERE id = 9", "gap"),
        ("UPDATE audit_log SET prev_hash = 'x' WHERE id = 9", "broken_link"),
    ],
)
def test_tampering_after_a_prune_is_found(mem, monkeypatch, tamper, problem):
    start = datetime(2025, 1, 1, 8, tzinfo=UTC)
    write_days(mem, monkeypatch, start, 10)
    audit.prune(mem, clock.to_iso(start + timedelta(days=4)))
    mem.execute(tamper)
    result = audit.verify(mem)
    assert not result.ok and result.problem == problem
    assert result.first_bad_id in (9, 10, 12)


def test_prune_never_removes_the_newest_entry(mem, monkeypatch):
    write_days(mem, monkeypatch, datetime(2020, 1, 1, tzinfo=UTC), 2, per_day=1)
    result = audit.prune(mem, "2030-01-01T00:00:00.000000Z")
    assert result.pruned == 1
    assert [r[0] for r in mem.execute("SELECT id FROM audit_log")] == [2, 3]
    assert audit.verify(mem).ok
    assert audit.prune(mem, "2000-01-01T00:00:00.000000Z").pruned == 0


def test_prune_deletes_the_reviews_of_pruned_entries(mem, monkeypatch):
    write_days(mem, monkeypatch, datetime(2025, 1, 1, tzinfo=UTC), 4, per_day=1)
    mem.execute(
        "INSERT INTO staff (id, username, display_name, password_hash, role, created_at) "
        "VALUES (1, 'leder', 'Leder', 'x', 'leder', 'now')"
    )
    audit_report.add_review(mem, 1, 1, "ok", "fint")
    audit_report.add_review(mem, 4, 1, "follow_up", "spørg")
    audit.prune(mem, "2025-01-03T00:00:00.000000Z")
    assert [r[0] for r in mem.execute("SELECT entry_id FROM audit_reviews")] == [4]


def test_head_is_the_newest_entry(mem):
    empty = audit.head(mem)
    assert empty.count == 0 and empty.last_hash == audit.GENESIS
    for _ in range(3):
        audit.record(mem, action="read")
    head = audit.head(mem)
    newest = mem.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    assert (head.count, head.last_id, head.last_hash) == (3, newest[0], newest[1])


def test_search_filters_and_pages_newest_first(mem, monkeypatch):
    write_days(mem, monkeypatch, datetime(2026, 3, 1, 10, tzinfo=UTC), 40)
    page = audit_report.search(mem, Filters())
    assert page.total == 80 and page.pages == 2 and len(page.entries) == 50
    assert page.entries[0].id == 80 and page.entries[-1].id == 31
    assert audit_report.search(mem, Filters(), 2).entries[-1].id == 1
    assert audit_report.search(mem, Filters(), 99).number == 2
    one = audit_report.search(mem, Filters(resident_id=2, date_from=date(2026, 3, 2),
                                           date_to=date(2026, 3, 2)))
    assert [e.at[:10] for e in one.entries] == ["2026-03-02", "2026-03-02"]
    assert audit_report.search(mem, Filters(action="export")).total == 0


def test_dates_are_copenhagen_days(mem, monkeypatch):
    late = datetime(2026, 6, 1, 22, 30, tzinfo=UTC)  # 00:30 on 2 June in Copenhagen
    monkeypatch.setattr(clock, "now", lambda: late)
    audit.record(mem, action="read", resident_id=1)
    assert audit_report.search(mem, Filters(date_from=date(2026, 6, 2))).total == 1
    assert audit_report.search(mem, Filters(date_to=date(2026, 6, 1))).total == 0


def test_sample_is_random_within_the_period_and_bounded(mem, monkeypatch):
    write_days(mem, monkeypatch, datetime(2026, 3, 1, 10, tzinfo=UTC), 30)
    audit.record(mem, action="login")  # no resident: not an access to sample
    ids = audit_report.sample(mem, date(2026, 3, 5), date(2026, 3, 9), 6, random.Random(1))
    assert len(ids) == 6 == len(set(ids)) and ids == sorted(ids)
    ats = [e.at[:10] for e in audit_report.entries(mem, ids)]
    assert all("2026-03-05" <= at <= "2026-03-09" for at in ats)
    assert len(audit_report.sample(mem, date(2026, 3, 5), date(2026, 3, 5), 50)) == 2
    with pytest.raises(SamtaleError, match="før startdatoen"):
        audit_report.sample(mem, date(2026, 3, 9), date(2026, 3, 5), 3)
    with pytest.raises(SamtaleError, match="mellem 1 og 50"):
        audit_report.sample(mem, date(2026, 3, 5), date(2026, 3, 9), 51)


@pytest.mark.parametrize("code", ["access_request", "indsigt"])
def test_purposes_are_shown_in_danish_whether_given_as_code_or_word(code):
    assert audit_labels.label(audit_labels.purpose_labels(), code) == (
        "Indsigt (beboerens anmodning)"
    )
    assert audit_labels.label(audit_labels.purpose_labels(), "fri tekst") == "fri tekst"


def test_csv_is_for_danish_spreadsheets_and_cannot_hold_formulas(mem):
    entry = audit_report.Entry(
        7, "2026-06-01T22:30:00.000000Z", 1, "=cmd|x", None, "export", 3, "Karin S.",
        "plan", "pdf", "access_request", "ok", "abc123",
    )
    data = audit_report.access_csv([entry])
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Tidspunkt (dansk tid)"
    assert rows[1][:4] == ["2026-06-02 00:30:00", "'=cmd|x", "Eksporteret", "Plan"]
    assert rows[1][5] == "Indsigt (beboerens anmodning)"


# --- web --------------------------------------------------------------------------


@pytest.fixture
def house(helpers):
    return helpers.house()


def login_as(client, helpers, username: str, password: str | None = None):
    """A fresh client of the same app, logged in as `username`."""
    fresh = client.application.test_client()
    if password:
        helpers.login(fresh, username, password)
    else:
        helpers.login(fresh, username)
    return fresh


def test_only_the_leader_sees_the_log(client, helpers, house):
    helpers.login(client, "mette")
    for path in ("/admin/log", "/admin/log/stikproeve", "/admin/log/kontrol",
                 f"/beboere/{house['karin']}/adgangslog",
                 f"/beboere/{house['karin']}/adgangslog.csv"):
        assert client.get(path).status_code == 403, path


def test_log_page_shows_danish_labels_and_head_and_is_itself_logged(client, helpers, house, db):
    helpers.login(client, "mette")
    client.get(f"/beboere/{house['karin']}")
    client.get(f"/beboere/{house['sara']}")
    leader = login_as(client, helpers, "leder")
    page = leader.get("/admin/log").get_data(as_text=True)
    for text in ("Læst", "Beboer", "Adgang afvist", "Logget ind", "Mette (mette)", "Karin S."):
        assert text in page, text
    head = audit.head(db)
    assert head.last_hash in page
    viewed = db.execute(
        "SELECT actor_name, object_type, purpose FROM audit_log WHERE object_type = 'audit_log'"
    ).fetchall()
    assert viewed == [("leder", "audit_log", "supervision")]


def test_log_filters_by_resident_staff_action_and_date(client, helpers, house, db):
    helpers.login(client, "mette")
    client.get(f"/beboere/{house['karin']}")
    client.get(f"/beboere/{house['bo']}")
    client = login_as(client, helpers, "leder")
    page = client.get(
        f"/admin/log?beboer={house['karin']}&medarbejder={house['mette']}&handling=read"
    ).get_data(as_text=True)
    assert "1 poster" in page and "Karin S." in page
    today = clock.today().isoformat()
    assert "0 poster" in client.get("/admin/log?til=2000-01-01").get_data(as_text=True)
    assert "Bo H." in client.get(f"/admin/log?fra={today}&til={today}").get_data(as_text=True)
    bad = client.get("/admin/log?fra=igaar&side=x&beboer=abc").get_data(as_text=True)
    assert "forstås ikke" in bad


def test_other_units_residents_are_not_named(client, helpers, house, db):
    staff.create(
        db, FAST_HASHER, username="nordleder", display_name="Nordleder",
        password="en god lang sætning", role="leder", unit_ids=[house["north"]],
    )
    helpers.login(client, "ali")
    client.get(f"/beboere/{house['sara']}")
    client = login_as(client, helpers, "nordleder", "en god lang sætning")
    page = client.get("/admin/log").get_data(as_text=True)
    assert f"Beboer #{house['sara']}" in page and "Sara L." not in page
    assert client.get(f"/beboere/{house['sara']}/adgangslog").status_code == 404


def test_spot_check_draws_a_sample_and_keeps_reviews_beside_the_log(client, helpers, house, db):
    helpers.login(client, "mette")
    for _ in range(4):
        client.get(f"/beboere/{house['karin']}")
    client = login_as(client, helpers, "leder")
    drawn = client.get("/admin/log/stikproeve?fra=2000-01-01&antal=3")
    assert drawn.status_code == 302
    ids = re.search(r"ids=([\d%C,]+)", drawn.headers["Location"]).group(1).replace("%2C", ",")
    assert len(ids.split(",")) == 3
    page = client.get(drawn.headers["Location"]).get_data(as_text=True)
    assert page.count("Markér som gennemgået") == 3
    before = db.execute("SELECT id, hash FROM audit_log ORDER BY id").fetchall()
    entry = int(ids.split(",")[0])
    saved = client.post("/admin/log/stikproeve", data={
        "csrf_token": csrf_from(page), "entry_id": entry, "verdict": "follow_up",
        "note": "Hvorfor?", "ids": ids})
    assert saved.status_code == 302 and f"#post-{entry}" in saved.headers["Location"]
    review = db.execute("SELECT entry_id, verdict, note FROM audit_reviews").fetchall()
    assert review == [(entry, "follow_up", "Hvorfor?")]
    after = db.execute("SELECT id, hash FROM audit_log ORDER BY id").fetchall()
    assert after[: len(before)] == before and audit.verify(db).ok
    shown = client.get(saved.headers["Location"]).get_data(as_text=True)
    assert "Skal følges op" in shown and "Hvorfor?" in shown


def test_spot_check_refuses_bad_input_in_danish(client, helpers, house, db):
    helpers.login(client, "leder")
    assert "mellem 1 og 50" in client.get("/admin/log/stikproeve?antal=500").get_data(as_text=True)
    assert "som et tal" in client.get("/admin/log/stikproeve?antal=mange").get_data(as_text=True)
    none = client.get("/admin/log/stikproeve?fra=2001-01-01&til=2001-01-02&antal=5")
    assert "ingen adgange" in none.get_data(as_text=True)
    page = client.get("/admin/log/stikproeve").get_data(as_text=True)
    bad = client.post("/admin/log/stikproeve", data={
        "csrf_token": csrf_from(page), "entry_id": "1", "verdict": "maybe"})
    assert bad.status_code == 302
    assert "Vælg, om adgangen" in client.get("/admin/log/stikproeve").get_data(as_text=True)
    assert db.execute("SELECT count(*) FROM audit_reviews").fetchone()[0] == 0


def test_resident_report_answers_who_saw_it_and_why(client, helpers, house, db):
    helpers.login(client, "mette")
    client.get(f"/beboere/{house['karin']}")
    client.get(f"/beboere/{house['bo']}")
    client = login_as(client, helpers, "leder")
    page = client.get(f"/beboere/{house['karin']}/adgangslog").get_data(as_text=True)
    assert "Mette (mette)" in page and "Læst" in page and "Bo H." not in page
    response = client.get(f"/beboere/{house['karin']}/adgangslog.csv")
    assert response.mimetype == "text/csv" and "attachment" in response.headers[
        "Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][1] == "Medarbejder"
    assert any(r[1] == "Mette (mette)" and r[2] == "Læst" for r in rows[1:])
    logged = db.execute(
        "SELECT action, resident_id, object_type, purpose FROM audit_log "
        "WHERE object_type = 'access_report' ORDER BY id"
    ).fetchall()
    assert logged == [
        ("read", house["karin"], "access_report", "supervision"),
        ("export", house["karin"], "access_report", "supervision"),
    ]


def test_verify_page_reports_a_broken_chain(client, helpers, house, db):
    helpers.login(client, "leder")
    assert "Loggen er hel" in client.get("/admin/log/kontrol").get_data(as_text=True)
    db.execute("UPDATE audit_log SET purpose = 'x' WHERE id = 1")
    page = client.get("/admin/log/kontrol").get_data(as_text=True)
    assert "Post 1 er ændret" in page


def test_admin_menu_links_to_log_and_settings(client, helpers, house):
    helpers.login(client, "leder")
    page = client.get("/admin/personale").get_data(as_text=True)
    assert 'href="/admin/log"' in page and 'href="/admin/indstillinger"' in page


def settings_form(db, page: str, **changes) -> dict:
    """What the settings form sends: every field's current value, with `changes`."""
    from samtale.views import settings_page

    values = {**settings_page.current_values(db), **changes}
    data = {"csrf_token": csrf_from(page)}
    for key, value in values.items():
        if value is True:
            data[key] = "y"
        elif value is not False:
            data[key] = str(value)
    return data


def test_settings_page_validates_and_logs_changes(client, helpers, house, db):
    from samtale import settings

    helpers.login(client, "leder")
    page = client.get("/admin/indstillinger").get_data(as_text=True)
    assert 'value="12"' in page
    bad = client.post("/admin/indstillinger", data=settings_form(db, page, erase_after_months=0))
    assert bad.status_code == 400 and settings.get(db, "erase_after_months", 12) == 12
    good = client.post("/admin/indstillinger", data=settings_form(db, page, erase_after_months=18))
    assert good.status_code == 302 and settings.get(db, "erase_after_months") == 18
    changed = db.execute(
        "SELECT object_id FROM audit_log WHERE object_type = 'settings'").fetchall()
    assert changed == [("erase_after_months",)]
    client = login_as(client, helpers, "mette")
    assert client.get("/admin/indstillinger").status_code == 403


def test_long_report_pages_the_newest_and_the_csv_holds_all(client, helpers, house, db):
    for _ in range(520):
        audit.record(db, action="read", actor_id=house["mette"], actor_name="mette",
                     resident_id=house["karin"], object_type="plan", purpose="planning")
    helpers.login(client, "leder")
    page = client.get(f"/beboere/{house['karin']}/adgangslog").get_data(as_text=True)
    assert "Her vises de nyeste 500" in page and page.count("<tr id=\"post-") == 500
    rows = client.get(f"/beboere/{house['karin']}/adgangslog.csv").data.decode("utf-8-sig")
    assert rows.count("Planlægning") == 520
