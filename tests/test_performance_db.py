"""The database side of docs/performance.md, each fix pinned by a test that fails without
it: a thread keeps its connection between requests (and hands it over with no
transaction open), writers queue at the write gate, a bank snapshot is parsed once per
process (and only a snapshot whose text has its hash is kept), stored answers are read
in one go, help texts are rendered once, stored times parse the fast way."""

from __future__ import annotations

import fcntl
import json
import os
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from samtale import clock, conversations, flow, markdown, migrations
from samtale import db as samtale_db
from samtale.banks import default_folders, load_banks
from samtale.db import open_db, write_transaction
from samtale.web import db as web_db
from tests.conftest import create_app_for


@pytest.fixture(autouse=True)
def _fresh_thread_connection():
    web_db.release_thread_connection()
    yield
    web_db.release_thread_connection()


def _request_db(app):
    with app.test_request_context("/"):
        return web_db.get_db()


def test_a_thread_keeps_its_connection_between_requests(app):
    first, second = _request_db(app), _request_db(app)
    assert first is second
    assert first.execute("SELECT 1").fetchone() == (1,)  # still open after teardown


def test_teardown_rolls_back_what_a_failed_request_left_open(app):
    with app.test_request_context("/"):
        db = web_db.get_db()
        db.conn.execute("BEGIN")
        db.conn.execute("INSERT INTO settings (key, value) VALUES ('halvt', '1')")
    again = _request_db(app)
    assert not again.conn.in_transaction
    assert again.execute("SELECT count(*) FROM settings WHERE key = 'halvt'").fetchone() == (0,)


def test_another_database_closes_the_threads_old_connection(app, tmp_path):
    old = _request_db(app)
    other = create_app_for(tmp_path / "other")
    new = _request_db(other)
    assert new is not old
    with pytest.raises(sqlite3.ProgrammingError):
        old.execute("SELECT 1")


def test_a_writer_holds_the_gate_for_its_whole_transaction(tmp_path):
    path = tmp_path / "gate.db"
    db = open_db(path)
    migrations.apply(db)
    other = os.open(str(path) + "-gate", os.O_RDWR | os.O_CREAT)
    try:
        with write_transaction(db):
            with pytest.raises(BlockingIOError):
                fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
            db.execute("INSERT INTO settings (key, value) VALUES ('a', '1')")
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free again after COMMIT
        fcntl.flock(other, fcntl.LOCK_UN)
    finally:
        os.close(other)
        db.close()


def test_an_in_memory_database_has_no_gate():
    db = open_db(":memory:")
    migrations.apply(db)
    with write_transaction(db):
        db.execute("INSERT INTO settings (key, value) VALUES ('a', '1')")
    assert getattr(db, "gate", None) is None


@pytest.fixture
def conversation(monkeypatch):
    """(db, resident id, conversation id, count of snapshot parses) with an empty cache."""
    db = open_db(":memory:")
    migrations.apply(db)
    db.execute("INSERT INTO units (id, name, created_at) VALUES (1, 'Nord', 'x')")
    db.execute("INSERT INTO residents (id, display_name, unit_id, moved_in, created_at, "
               "updated_at) VALUES (1, 'Karin S.', 1, '2026-01-01', 'x', 'x')")
    bank = load_banks(default_folders(None)).get("haab-og-droemme")
    conv_id = conversations.start(db, 1, bank, None)
    parses = []
    real = flow.bank_from_snapshot
    monkeypatch.setattr(flow, "bank_from_snapshot", lambda data: parses.append(1) or real(data))
    conversations._BANKS.clear()
    yield db, 1, conv_id, parses
    conversations._BANKS.clear()


def test_a_bank_snapshot_is_parsed_once_per_process(conversation):
    db, resident_id, conv_id, parses = conversation
    first = conversations.get(db, resident_id, conv_id)
    second = conversations.get(db, resident_id, conv_id)
    assert len(parses) == 1
    assert first.bank is second.bank


def test_a_snapshot_whose_text_lost_its_hash_is_shown_but_never_kept(conversation):
    db, resident_id, conv_id, parses = conversation
    data = json.loads(db.execute("SELECT snapshot FROM bank_snapshots").fetchone()[0])
    data["sections"][0]["questions"][0]["text"]["da"] = "Ændret bag om ryggen?"
    db.execute("UPDATE bank_snapshots SET snapshot = ?", [json.dumps(data)])
    for _ in range(2):
        shown = conversations.get(db, resident_id, conv_id)
        assert shown.bank.questions[0].text_for("da") == "Ændret bag om ryggen?"
    assert len(parses) == 2
    assert not conversations._BANKS


def test_answers_of_every_type_are_read_back_in_one_go(conversation):
    db, resident_id, conv_id, _parses = conversation
    conv = conversations.get(db, resident_id, conv_id)
    given = {"godt_lige_nu": 'Kaffe, "kage" og [klumper]', "trivsel_nu": 4,
             "energi": ["musik", "mad"]}  # as the bank orders them
    for number, (question_id, value) in enumerate(given.items(), start=1):
        conversations.save_answer(db, conv, question_id, value, written_by="resident",
                                  staff_id=None, revision=number)
    conversations.save_answer(db, conv, "droem", None, written_by="staff", staff_id=None,
                              revision=9, skip=True)
    again = conversations.get(db, resident_id, conv_id)
    assert {q: a.value for q, a in again.answers.items()} == {**given, "droem": None}
    assert again.answers["droem"].skipped


def test_a_help_text_is_rendered_once(monkeypatch):
    calls = []
    real = markdown._markdown.markdown
    monkeypatch.setattr(markdown._markdown, "markdown",
                        lambda *a, **k: calls.append(1) or real(*a, **k))
    markdown._render.cache_clear()
    text = "**Hvorfor vi spørger:** fordi det er *vigtigt* <script>x</script>"
    first, second = markdown.render(text), markdown.render(text)
    assert first == second == "<p><strong>Hvorfor vi spørger:</strong> fordi det er " \
                              "<em>vigtigt</em> </p>"
    assert len(calls) == 1
    markdown._render.cache_clear()


@pytest.mark.parametrize("seconds", [0, 1, 59.999999, 86_399.5, 3_000_000_000.123456])
def test_stored_times_parse_as_strptime_would(seconds):
    moment = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(seconds=seconds)
    text = clock.to_iso(moment)
    expected = datetime.strptime(text, clock.STORED).replace(tzinfo=UTC)
    assert clock.parse_iso(text) == expected == moment
    assert clock.parse_iso(text).tzinfo == UTC


@pytest.mark.parametrize("text", ["2026-13-25T15:00:00.123456Z", "2026-11-25 15:00:00.123456Z",
                                  "2026-11-25T15:00:00Z", "x" * 27, ""])
def test_a_time_not_in_the_stored_shape_is_refused(text):
    with pytest.raises(ValueError):
        clock.parse_iso(text)


def test_the_server_spreads_connections_and_prepares_everything_before_forking(
        monkeypatch, tmp_path):
    import gc
    import sys

    from samtale import server

    seen = {}
    monkeypatch.setattr(server.SamtaleServer, "run", lambda self: seen.update(self.options))
    server.run("127.0.0.1", 5999, 2)
    assert seen["reuse_port"] is True and seen["preload_app"] is True
    monkeypatch.setenv("SAMTALE_INSTANCE_DIR", str(tmp_path))
    monkeypatch.setenv("SAMTALE_DATABASE", str(tmp_path / "samtale.db"))
    monkeypatch.delitem(sys.modules, "samtale.export.pdf", raising=False)
    db = open_db(tmp_path / "samtale.db")
    migrations.apply(db)
    db.execute("INSERT INTO units (name, created_at) VALUES ('Nord', 'x'), ('Syd', 'x')")
    try:
        server.SamtaleServer({}).load()
        assert "samtale.export.pdf" in sys.modules
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    # the query planner knows the tables' sizes (ANALYZE ran)
    assert db.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'units'").fetchone()[0]
    db.close()


def test_checkpoints_run_outside_the_gate_every_so_many_commits(tmp_path, monkeypatch):
    """SQLite's own checkpoint is only a backstop; each process checkpoints passively
    after CHECKPOINT_EVERY gated commits, once it has left the gate."""
    db = open_db(tmp_path / "wal.db")
    assert db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == samtale_db.BACKSTOP_PAGES
    db.execute("CREATE TABLE t (n INTEGER)")
    inside_gate = []  # for each checkpoint: was the gate held?

    def trace(sql: str) -> None:
        if sql.startswith("PRAGMA wal_checkpoint"):
            inside_gate.append(getattr(db.gate.holder, "inside", False))

    db.conn.set_trace_callback(trace)
    monkeypatch.setattr(samtale_db, "CHECKPOINT_EVERY", 3)
    for n in range(7):
        with write_transaction(db):
            db.execute("INSERT INTO t VALUES (?)", [n])
    assert inside_gate == [False, False]  # after the 3rd and the 6th commit


def test_the_start_page_writes_its_two_audit_entries_in_one_transaction(
        app, client, helpers, monkeypatch):
    helpers.house()
    helpers.login(client, "mette")
    db = open_db(app.config["DATABASE"])
    before = db.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0]
    commits = []
    real = samtale_db.WriteGate.count_commit
    monkeypatch.setattr(samtale_db.WriteGate, "count_commit",
                        lambda gate: commits.append(1) or real(gate))
    assert client.get("/").status_code == 200
    rows = db.execute("SELECT action, object_type FROM audit_log WHERE id > ? ORDER BY id",
                      [before]).fetchall()
    assert rows == [("read", "resident_list"), ("read", "overview")]
    assert len(commits) == 1
