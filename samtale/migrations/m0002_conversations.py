"""0002: conversations over question banks, their answers, and bank snapshots.

A conversation points at the snapshot of the bank it was started with (stored once per
content hash), and every answer keeps the exact question text that was shown, so
editing or removing a bank never changes a past conversation."""

from sqlite_utils import Database

from samtale.migrations import MIGRATIONS

SCHEMA = """
CREATE TABLE bank_snapshots (
    id INTEGER PRIMARY KEY,
    bank_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    snapshot TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE conversations (
    id INTEGER PRIMARY KEY,
    resident_id INTEGER NOT NULL REFERENCES residents(id),
    snapshot_id INTEGER NOT NULL REFERENCES bank_snapshots(id),
    bank_id TEXT NOT NULL,
    bank_version INTEGER NOT NULL,
    bank_title TEXT NOT NULL,
    purpose TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT 'da',
    status TEXT NOT NULL CHECK (status IN ('in_progress', 'finished', 'postponed')),
    current_question_id TEXT,
    written_by TEXT NOT NULL DEFAULT 'resident' CHECK (written_by IN ('resident', 'staff')),
    started_by INTEGER REFERENCES staff(id),
    started_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    finished_at TEXT,
    postponed_at TEXT,
    postponed_reason TEXT,
    retry_on TEXT
);
CREATE INDEX conversations_resident ON conversations(resident_id, status, updated_at);
CREATE INDEX conversations_retry ON conversations(status, retry_on);
CREATE TABLE answers (
    id INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id),
    resident_id INTEGER NOT NULL REFERENCES residents(id),
    question_id TEXT NOT NULL,
    question_text TEXT NOT NULL,
    value TEXT,
    skipped INTEGER NOT NULL DEFAULT 0,
    draft INTEGER NOT NULL DEFAULT 0,
    written_by TEXT NOT NULL CHECK (written_by IN ('resident', 'staff')),
    staff_id INTEGER REFERENCES staff(id),
    revision INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (conversation_id, question_id)
);
CREATE INDEX answers_resident ON answers(resident_id);
"""


@MIGRATIONS()
def m0002_conversations(db: Database) -> None:
    for statement in SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)
