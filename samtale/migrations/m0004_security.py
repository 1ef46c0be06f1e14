"""0004: two-factor login (TOTP secrets and recovery codes), the staff member's handover
PIN, and the leader's spot-check reviews of the audit log.

None of these tables holds a resident's data, so none has a `resident_id` column: the
GDPR export and erasure (samtale.gdpr) leave them alone. Reviews point at audit entries;
pruning the log deletes the reviews of the entries it removes in the same transaction."""

from sqlite_utils import Database

from samtale.migrations import MIGRATIONS

SCHEMA = """
CREATE TABLE staff_totp (
    staff_id INTEGER PRIMARY KEY REFERENCES staff(id),
    secret TEXT NOT NULL,
    enabled_at TEXT NOT NULL,
    last_step INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE staff_recovery_codes (
    id INTEGER PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    code_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    used_at TEXT
);
CREATE INDEX staff_recovery_codes_staff ON staff_recovery_codes(staff_id, code_hash);
CREATE TABLE staff_pins (
    staff_id INTEGER PRIMARY KEY REFERENCES staff(id),
    pin_hash TEXT NOT NULL,
    set_at TEXT NOT NULL
);
CREATE TABLE audit_reviews (
    id INTEGER PRIMARY KEY,
    entry_id INTEGER NOT NULL REFERENCES audit_log(id),
    reviewer_id INTEGER NOT NULL REFERENCES staff(id),
    reviewed_at TEXT NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('ok', 'follow_up')),
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_reviews_entry ON audit_reviews(entry_id, reviewed_at);
"""


@MIGRATIONS()
def m0004_security(db: Database) -> None:
    for statement in SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)
