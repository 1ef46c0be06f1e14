"""`samtale retention run` and `samtale audit verify | prune`, run as an operator runs
them: as a subprocess on a database file."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from samtale import audit, clock, migrations, residents, settings, staff, totp
from samtale.db import open_db
from tests.conftest import FAST_HASHER


@pytest.fixture
def run(tmp_path):
    env = {
        **os.environ,
        "SAMTALE_DATABASE": str(tmp_path / "s.db"),
        "SAMTALE_INSTANCE_DIR": str(tmp_path),
    }

    def invoke(*args, stdin: str | None = None):
        return subprocess.run(
            [sys.executable, "-m", "samtale.cli", *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )

    return invoke


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "s.db")
    migrations.apply(database)
    yield database
    database.close()


@pytest.fixture
def people(db):
    """Karin moved out long ago, Bo last week, Sara still lives here."""
    unit = staff.create_unit(db, "Nord")
    mette = staff.create(db, FAST_HASHER, username="mette", display_name="Mette",
                         password="en god lang sætning", role="kontaktperson", unit_ids=[unit])
    ids = {}
    for name in ("Karin S.", "Bo H.", "Sara L."):
        ids[name] = residents.create(db, display_name=name, unit_id=unit,
                                     moved_in="2019-01-01", contact_ids=[mette])
        audit.record(db, action="read", actor_id=mette, resident_id=ids[name])
    last_week = (clock.today() - timedelta(days=7)).isoformat()
    for name, moved_out in (("Karin S.", "2020-01-31"), ("Bo H.", last_week)):
        db.execute("UPDATE residents SET status = 'fraflyttet', moved_out = ? WHERE id = ?",
                   [moved_out, ids[name]])
    return ids


def names(db) -> list[str]:
    return [r[0] for r in db.execute("SELECT display_name FROM residents ORDER BY id")]


def test_dry_run_only_lists(run, db, people):
    result = run("retention", "run", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "Karin S." in result.stdout and "2020-01-31" in result.stdout and "Nord" in result.stdout
    assert "Bo H." not in result.stdout and "Sara L." not in result.stdout
    assert "12 måneder" in result.stdout
    assert names(db) == ["Karin S.", "Bo H.", "Sara L."]


def test_asks_once_and_a_no_erases_nothing(run, db, people):
    result = run("retention", "run", stdin="n\n")
    assert result.returncode == 1
    assert result.stdout.count("Slet alle data") == 1
    assert names(db) == ["Karin S.", "Bo H.", "Sara L."]


def test_a_yes_erases_and_says_what(run, db, people):
    result = run("retention", "run", stdin="y\n")
    assert result.returncode == 0, result.stderr
    assert f"Slettet: {people['Karin S.']} Karin S." in result.stdout
    assert names(db) == ["Bo H.", "Sara L."]
    assert not db.execute("SELECT 1 FROM resident_contacts WHERE resident_id = ?",
                          [people["Karin S."]]).fetchone()
    erase = db.execute("SELECT actor_name, resident_id FROM audit_log WHERE action = 'erase'")
    assert erase.fetchall() == [("cli:retention", people["Karin S."])]
    assert db.execute("SELECT count(*) FROM audit_log WHERE resident_id = ?",
                      [people["Karin S."]]).fetchone()[0] == 2  # the read and the erase
    assert run("audit", "verify").returncode == 0


def test_the_facility_setting_decides_who_is_due(run, db, people):
    settings.put(db, "erase_after_months", 1000)
    result = run("retention", "run", "--yes")
    assert result.returncode == 0 and "1000 måneder" in result.stdout
    assert "Slettet" not in result.stdout and len(names(db)) == 3


# --- audit verify | prune -----------------------------------------------------


def test_verify_prints_count_and_head_hash(run, db, people):
    result = run("audit", "verify")
    assert result.returncode == 0, result.stderr
    head = audit.head(db)
    assert f"{head.count} poster kontrolleret" in result.stdout
    assert head.last_hash in result.stdout and f"Seneste post: {head.last_id}" in result.stdout


@pytest.mark.parametrize(
    "tamper, code",
    [
        ("UPDATE audit_log SET resident_id = 99 WHERE id = 2", "altered"),
        ("DELETE FROM audit_log WHERE id = 2", "gap"),
        ("UPDATE audit_log SET prev_hash = hash WHERE id = 2", "broken_link"),
    ],
)
def test_verify_names_the_first_broken_entry(run, db, people, tamper, code):
    db.execute(tamper)
    result = run("audit", "verify")
    assert result.returncode == 1
    line = result.stderr.strip()
    assert line.count("\n") == 0 and line.startswith("Fejl:")
    broken = 3 if code == "gap" else 2
    assert f"post {broken} ({code}" in line


def test_prune_asks_then_keeps_the_chain_verifiable(run, db, monkeypatch):
    old = datetime.now(UTC) - timedelta(days=800)
    monkeypatch.setattr(clock, "now", lambda: old)
    for _ in range(4):
        audit.record(db, action="read", resident_id=1)
    monkeypatch.undo()
    audit.record(db, action="read", resident_id=1)
    total = audit.head(db).count
    refused = run("audit", "prune", stdin="n\n")
    assert refused.returncode == 1 and "Slet 4 poster" in refused.stdout
    assert audit.head(db).count == total
    done = run("audit", "prune", "--months", "12", stdin="y\n")
    assert done.returncode == 0, done.stderr
    assert "Slettede 4 poster" in done.stdout
    assert audit.head(db).count == total - 4 + 1  # the pruning is itself an entry
    assert run("audit", "verify").returncode == 0
    again = run("audit", "prune", "--yes")
    assert again.returncode == 0 and "Ingen poster" in again.stdout
    assert run("audit", "prune", "--months", "0", "--yes").returncode == 1


# --- totp reset -----------------------------------------------------------------


def test_totp_reset_turns_it_off_for_one_person(run, db, people):
    import pyotp

    mette = staff.find_by_username(db, "mette")["id"]
    assert run("totp", "reset", "mette", "--yes").returncode == 1  # not on: nothing to do
    secret = totp.new_secret()
    totp.enable(db, mette, secret, pyotp.TOTP(secret).now())
    refused = run("totp", "reset", "mette", stdin="n\n")
    assert refused.returncode == 1 and totp.is_enabled(db, mette)
    done = run("totp", "reset", "mette", stdin="y\n")
    assert done.returncode == 0, done.stderr
    assert not totp.is_enabled(db, mette)
    assert db.execute("SELECT count(*) FROM staff_recovery_codes").fetchone()[0] == 0
    logged = db.execute("SELECT actor_name, object_type, purpose FROM audit_log "
                        "WHERE object_type = 'totp'").fetchall()
    assert logged == [("cli:totp-reset", "totp", "disable")]
    missing = run("totp", "reset", "nobody", "--yes")
    assert missing.returncode == 1 and "nobody" in missing.stderr


def test_run_clears_expired_sessions_and_old_login_attempts(run, db, people):
    long_ago = clock.to_iso(clock.now() - timedelta(days=40))
    now = clock.now_iso()
    db["sessions"].insert_all([
        {"token_hash": "old", "staff_id": None, "data": "{}", "created_at": long_ago,
         "last_seen_at": long_ago},
        {"token_hash": "fresh", "staff_id": None, "data": "{}", "created_at": now,
         "last_seen_at": now}])
    db["login_attempts"].insert_all([
        {"username": "x", "address": "1.2.3.4", "at": long_ago, "succeeded": 0},
        {"username": "x", "address": "1.2.3.4", "at": now, "succeeded": 0}])
    assert run("retention", "run", "--dry-run").returncode == 0
    assert db.execute("SELECT count(*) FROM sessions").fetchone()[0] == 2  # a dry run
    result = run("retention", "run", "--yes")
    assert result.returncode == 0, result.stderr
    assert "Udløbne sessioner slettet: 1" in result.stdout
    assert [r[0] for r in db.execute("SELECT token_hash FROM sessions")] == ["fresh"]
    assert [r[0] for r in db.execute("SELECT at FROM login_attempts")] == [now]
