"""Nothing lost under faults: the real server (gunicorn, two workers) is killed with
SIGKILL at random moments while 22 staff members save answers (JSON autosave and the
question form) and goals (the goal forms); after every restart, and at the end, every
save that got a success response is in the database with the value sent (or a later
value the same person sent for the same thing), the database passes integrity_check and
the audit chain verifies. A backup taken while the writes go on restores into a fresh
instance with identical data and holds every save acknowledged before it began."""

from __future__ import annotations

import hashlib
import json
import random
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from samtale import conversations, migrations, residents, staff
from samtale.banks.loader import default_folders, load_banks
from samtale.db import open_db
from tests.conftest import FAST_HASHER, PASSWORD
from tests.server.harness import Server, cli, environment
from tests.server.writers import Person, Writer

pytestmark = pytest.mark.server

SESSIONS = 22
KILLS = 4
BUDGET_SECONDS = 120  # about 20-30 s on a 2-core machine; this only stops a runaway


def seed(database: Path, count: int) -> list[Person]:
    """A unit, `count` contact persons, each with a resident and an open conversation."""
    db = open_db(database)
    migrations.apply(db)
    bank = load_banks(default_folders()).get("haab-og-droemme")
    unit = staff.create_unit(db, "Nord")
    people = []
    for n in range(1, count + 1):
        member = staff.create(db, FAST_HASHER, username=f"kp{n:02}", display_name=f"KP {n}",
                              password=PASSWORD, role="kontaktperson", unit_ids=[unit])
        resident = residents.create(db, display_name=f"Beboer {n}", unit_id=unit,
                                    moved_in="2026-01-01", contact_ids=[member])
        conversation = conversations.start(db, resident, bank, member)
        people.append(Person(f"kp{n:02}", resident, conversation))
    db.close()
    return people


def wait_for_more_saves(writers: list[Writer], more: int, timeout: float = 15) -> None:
    start = sum(w.acknowledged() for w in writers)
    deadline = time.monotonic() + timeout
    while sum(w.acknowledged() for w in writers) < start + more:
        assert time.monotonic() < deadline, "the writers stopped getting answers"
        time.sleep(0.02)


def _answers(db: sqlite3.Connection) -> dict[tuple, tuple[int, str]]:
    rows = db.execute("SELECT conversation_id, question_id, revision, value FROM answers")
    return {("answer", c, q): (rev, json.loads(v)) for c, q, rev, v in rows}


def _goals(db: sqlite3.Connection) -> dict[tuple, str]:
    return {("goal", gid): text for gid, text in db.execute("SELECT id, text FROM goals")}


def stored_state(path: Path) -> dict[tuple, str]:
    """What the database at `path` holds for every answer and goal: key -> value."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        state = {key: value for key, (_rev, value) in _answers(db).items()}
        state |= _goals(db)
    finally:
        db.close()
    return state


def lost_saves(writer: Writer, acked: dict, state: dict) -> list[str]:
    """Every acknowledged save whose value (or a later one sent by the same person for the
    same thing) is not what the database holds."""
    problems = []
    for key, (revision, value) in acked.items():
        later = {v for r, v in writer.sent[key].items() if r >= revision}
        if state.get(key) not in later:
            problems.append(f"{writer.person.username} {key}: told saved {value!r} "
                            f"(revision {revision}), database has {state.get(key)!r}")
    return problems


def table_digests(path: Path) -> dict[str, tuple[int, str]]:
    """{table: (row count, SHA-256 of its rows in a fixed order)} of every table."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        digests = {}
        for table in tables:
            rows = sorted(repr(row) for row in db.execute(f'SELECT * FROM "{table}"'))
            digests[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
        return digests
    finally:
        db.close()


def integrity(path: Path) -> str:
    db = sqlite3.connect(path)
    try:
        return db.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        db.close()


class Run:
    """The server, the writers and their threads, and what was measured."""

    def __init__(self, tmp_path: Path, seed_value: int):
        self.database = tmp_path / "instance" / "samtale.db"
        self.env = environment(tmp_path / "instance", self.database)
        self.people = seed(self.database, SESSIONS)
        self.server = Server(self.env, tmp_path / "server.log")
        self.rng = random.Random(seed_value)
        self.stop = threading.Event()
        self.writers: list[Writer] = []
        self.threads: list[threading.Thread] = []
        self.recoveries: list[float] = []
        self.kills = 0

    def start(self) -> None:
        self.recoveries.append(self.server.start())
        self.writers = [Writer(self.server, person) for person in self.people]
        for writer in self.writers:
            writer.start()
        for n, writer in enumerate(self.writers):
            rng = random.Random(self.rng.random() + n)
            thread = threading.Thread(target=writer.run, args=(self.stop, rng), daemon=True)
            thread.start()
            self.threads.append(thread)

    def kill_and_restart(self) -> None:
        wait_for_more_saves(self.writers, 20)
        time.sleep(self.rng.uniform(0.05, 0.8))  # a random moment, mid-request
        self.server.kill()
        self.kills += 1
        self.recoveries.append(self.server.start())

    def finish(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=20)
        if self.server.process is not None:
            self.server.kill()  # the last stop is a SIGKILL too
            self.kills += 1

    def check(self, path: Path, acked: dict[Writer, dict] | None = None) -> list[str]:
        state = stored_state(path)
        problems = []
        for writer in self.writers:
            problems += lost_saves(writer, acked[writer] if acked else writer.snapshot(), state)
        return problems


def test_the_check_finds_a_lost_or_changed_save():
    """The comparison is not vacuous: a save told "saved" but missing, or holding an older
    value, is reported; a later value the same person sent is accepted."""
    writer = Writer(Server({}, Path("unused.log")), Person("kp01", 1, 1))
    key = ("answer", 1, "q")
    writer.sent[key] = {5: "femte", 6: "sjette", 7: "syvende"}
    acked = {key: (6, "sjette")}
    assert lost_saves(writer, acked, {key: "sjette"}) == []
    assert lost_saves(writer, acked, {key: "syvende"}) == []  # sent later, cut off
    assert len(lost_saves(writer, acked, {key: "femte"})) == 1  # an older value
    assert len(lost_saves(writer, acked, {})) == 1  # gone


def test_every_acknowledged_save_survives_sigkill_and_backup_restores(tmp_path):
    began = time.monotonic()
    seed_value = random.randrange(1_000_000)  # printed: the random delays before each kill
    run = Run(tmp_path, seed_value)
    try:
        run.start()
        for _ in range(KILLS):
            run.kill_and_restart()
        wait_for_more_saves(run.writers, 30)
        before_backup = {w: w.snapshot() for w in run.writers}
        backup = tmp_path / "backup" / "samtale-backup.db"
        backed_up = cli(run.env, "backup", str(backup))
        wait_for_more_saves(run.writers, 30)  # the writes went on during and after it
    finally:
        run.finish()
    assert backed_up.returncode == 0, backed_up.stderr

    acknowledged = sum(w.acknowledged() for w in run.writers)
    assert [u for w in run.writers for u in w.unexpected] == []
    assert run.kills >= 3 + 1 and acknowledged >= SESSIONS * 5
    assert run.check(run.database) == [], f"seed {seed_value}"
    assert integrity(run.database) == "ok"
    verified = cli(run.env, "audit", "verify")
    assert verified.returncode == 0, verified.stderr + verified.stdout
    assert "Loggen er hel" in verified.stdout

    # The backup: everything acknowledged before it began is in it...
    assert run.check(backup, before_backup) == []
    # ...and `samtale restore` into a fresh instance gives exactly the backup's data.
    fresh_db = tmp_path / "fresh" / "samtale.db"
    fresh = environment(tmp_path / "fresh", fresh_db)
    restored = cli(fresh, "restore", str(backup), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert table_digests(fresh_db) == table_digests(backup)
    assert table_digests(fresh_db)["answers"][0] > 0
    assert cli(fresh, "audit", "verify").returncode == 0

    elapsed = time.monotonic() - began
    cut_off = sum(w.cut_off for w in run.writers)
    refused = sum(w.refused for w in run.writers)
    attempts = sum(w.attempts for w in run.writers)
    restarts = f"{min(run.recoveries[1:]):.2f}-{max(run.recoveries[1:]):.2f} s"
    print(f"\ncrash test (seed {seed_value}): {run.kills} SIGKILLs; "
          f"{attempts - refused} saves sent, {acknowledged} acknowledged and all kept, "
          f"{cut_off} cut off by a kill; restart to healthy {restarts}; total {elapsed:.1f} s")
    assert elapsed < BUDGET_SECONDS
