"""Opening the SQLite database the way every part of Samtale expects it."""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

import sqlite_utils

BUSY_TIMEOUT_MS = 10_000


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) the database file at `path`, or ':memory:'.

    WAL lets readers go on while one writer writes; foreign keys are enforced; a
    writer waits up to ten seconds for a lock instead of failing at once.
    """
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(str(path), execute_plugins=False)
    db.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.conn.execute("PRAGMA foreign_keys = ON")
    if str(path) != ":memory:":
        db.enable_wal()
        db.conn.execute("PRAGMA synchronous = NORMAL")
        db.conn.execute(f"PRAGMA wal_autocheckpoint = {BACKSTOP_PAGES}")
        db.gate = WriteGate.for_database(Path(path))
    return db


# Checkpoints (copying the write-ahead log back into the database file, with an fsync)
# take milliseconds. SQLite runs one inside the commit that makes the log reach
# wal_autocheckpoint pages, so it would run while the committing writer holds the
# WriteGate, and every writer of every process would wait for the disk. Instead each
# process checkpoints passively (not blocking writers or readers) after every
# CHECKPOINT_EVERY of its gated commits, outside the gate; with the four to six pages a
# commit writes, that keeps the log near SQLite's default of 1000 pages. SQLite's own
# checkpoint stays as the backstop, at BACKSTOP_PAGES, for writers that do not queue.
CHECKPOINT_EVERY = 100
BACKSTOP_PAGES = 10_000


class WriteGate:
    """Where the writers of one database file queue, across threads and processes.

    SQLite lets one writer in at a time; the others retry on a sleeping schedule (1, 2,
    5, 10 ... ms), so under load a write that could start a fraction of a millisecond
    later waits whole milliseconds. Writers that queue here instead (a lock per process,
    then flock on `<database>-gate`) wake the moment the one before them commits, and
    BEGIN IMMEDIATE then finds the database free. A writer that does not queue (another
    program, a single statement in autocommit) is still handled by SQLite's busy timeout.
    """

    _gates: dict[tuple[str, int], WriteGate] = {}
    _gates_lock = threading.Lock()

    def __init__(self, lock_path: Path):
        self.lock_path = lock_path
        self.thread_lock = threading.Lock()
        self.fd: int | None = None
        self.holder = threading.local()
        self.commits = 0  # gated commits in this process (for checkpoints)

    @classmethod
    def for_database(cls, path: Path) -> WriteGate:
        """The gate of `path` for this process (a forked process gets its own)."""
        key = (str(path.resolve()), os.getpid())
        with cls._gates_lock:
            if key not in cls._gates:
                cls._gates[key] = cls(path.with_name(path.name + "-gate"))
            return cls._gates[key]

    def _lock_file(self) -> int | None:
        if self.fd is None:
            try:
                self.fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
            except OSError:
                return None  # a read-only folder: SQLite's own locking still holds
        return self.fd

    def count_commit(self) -> bool:
        """Count a commit (inside the gate); True when it is time for a checkpoint."""
        self.commits += 1
        return self.commits % CHECKPOINT_EVERY == 0

    @contextmanager
    def held(self) -> Iterator[None]:
        if getattr(self.holder, "inside", False):
            yield  # this thread is already through the gate
            return
        with self.thread_lock:
            fd = self._lock_file()
            if fd is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            self.holder.inside = True
            try:
                yield
            finally:
                self.holder.inside = False
                if fd is not None:
                    fcntl.flock(fd, fcntl.LOCK_UN)


ANALYSIS_LIMIT = 1000


def refresh_statistics(db: sqlite_utils.Database) -> None:
    """Let SQLite's query planner know the tables' sizes (ANALYZE, sampling at most
    ANALYSIS_LIMIT rows per index: milliseconds even for a large facility). Without
    them it guesses, and, for example, reads every postponed conversation of the house
    to find one unit's instead of going through the unit's residents. Run when the
    server starts."""
    db.conn.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
    db.conn.execute("ANALYZE")


@contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """A transaction that takes the write lock at once (BEGIN IMMEDIATE).

    Use it for writes that first read what they build on (the audit chain, a goal's
    version): a deferred transaction could read, then fail to upgrade to a write lock.
    Nested inside an open transaction it becomes a savepoint. Writers queue at the
    database's WriteGate first, so none of them sleeps on SQLite's busy schedule.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    gate = getattr(db, "gate", None)
    with gate.held() if gate is not None else nullcontext():
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.rollback()
            raise
        db.conn.execute("COMMIT")
        checkpoint = gate is not None and gate.count_commit()
    if checkpoint:  # outside the gate: see CHECKPOINT_EVERY
        db.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
