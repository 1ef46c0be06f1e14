"""0001: units, staff, residents, contact persons, sessions, login throttling,
first-run setup tokens, settings and the audit log."""

from sqlite_utils import Database

from samtale.migrations import MIGRATIONS

SCHEMA = """
CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    created_at TEXT NOT NULL
);
CREATE TABLE staff (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('kontaktperson', 'leder')),
    active INTEGER NOT NULL DEFAULT 1,
    language TEXT NOT NULL DEFAULT 'da' CHECK (language IN ('da', 'en')),
    created_at TEXT NOT NULL,
    disabled_at TEXT
);
CREATE TABLE staff_units (
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    PRIMARY KEY (staff_id, unit_id)
);
CREATE INDEX staff_units_unit ON staff_units(unit_id);
CREATE TABLE residents (
    id INTEGER PRIMARY KEY,
    display_name TEXT NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    moved_in TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'bor_her' CHECK (status IN ('bor_her', 'fraflyttet')),
    moved_out TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX residents_unit ON residents(unit_id, status);
CREATE TABLE resident_contacts (
    resident_id INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    PRIMARY KEY (resident_id, staff_id)
);
CREATE INDEX resident_contacts_staff ON resident_contacts(staff_id);
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    staff_id INTEGER REFERENCES staff(id),
    data TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
);
CREATE INDEX sessions_staff ON sessions(staff_id);
CREATE TABLE login_attempts (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL COLLATE NOCASE,
    address TEXT NOT NULL,
    at TEXT NOT NULL,
    succeeded INTEGER NOT NULL
);
CREATE INDEX login_attempts_username ON login_attempts(username, at);
CREATE INDEX login_attempts_address ON login_attempts(address, at);
CREATE TABLE setup_tokens (
    token_hash TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor_id INTEGER,
    actor_name TEXT,
    action TEXT NOT NULL,
    resident_id INTEGER,
    object_type TEXT,
    object_id TEXT,
    request_id TEXT,
    purpose TEXT,
    outcome TEXT NOT NULL,
    address TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_resident ON audit_log(resident_id, at);
CREATE INDEX audit_log_actor ON audit_log(actor_id, at);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE TABLE audit_checkpoints (
    id INTEGER PRIMARY KEY,
    last_id INTEGER NOT NULL,
    last_hash TEXT NOT NULL,
    pruned_count INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
"""


@MIGRATIONS()
def m0001_foundation(db: Database) -> None:
    for statement in SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)
