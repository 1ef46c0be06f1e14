"""0007: the house, phase 2. Activity wishes on the board (a second consent on plan items:
the first name), every consent change as an event (who, when, from where), the link from
a wish to the prøvehandling idea made from it, and the newcomer checklist's manual items.

`plan_items.share_on_board` (m0003) stays the consent to share a wish; the new
`share_first_name` is the consent to show the first name with it. A consent event keeps
its row when the wish is deleted (`item_id` is set to NULL); the idea link goes with the
wish, so an idea keeps its own text but no longer points at anyone."""

from sqlite_utils import Database

from samtale.migrations import MIGRATIONS

SCHEMA = """
ALTER TABLE plan_items ADD COLUMN share_first_name INTEGER NOT NULL DEFAULT 0
    CHECK (share_first_name IN (0, 1));
CREATE TABLE wish_consent_events (
    id INTEGER PRIMARY KEY,
    resident_id INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
    item_id INTEGER REFERENCES plan_items(id) ON DELETE SET NULL,
    shared INTEGER NOT NULL CHECK (shared IN (0, 1)),
    named INTEGER NOT NULL CHECK (named IN (0, 1)),
    via TEXT NOT NULL,
    staff_id INTEGER REFERENCES staff(id),
    staff_name TEXT,
    at TEXT NOT NULL
);
CREATE INDEX wish_consent_events_resident ON wish_consent_events(resident_id, item_id, id);
CREATE TABLE wish_ideas (
    id INTEGER PRIMARY KEY,
    resident_id INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
    item_id INTEGER NOT NULL REFERENCES plan_items(id) ON DELETE CASCADE,
    trial_id INTEGER NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
    linked_at TEXT NOT NULL,
    UNIQUE (item_id, trial_id)
);
CREATE INDEX wish_ideas_resident ON wish_ideas(resident_id, item_id);
CREATE INDEX wish_ideas_trial ON wish_ideas(trial_id);
CREATE TABLE newcomer_checks (
    resident_id INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
    item TEXT NOT NULL,
    done_on TEXT NOT NULL,
    done_by INTEGER REFERENCES staff(id),
    PRIMARY KEY (resident_id, item)
);
"""


@MIGRATIONS()
def m0007_house_wishes(db: Database) -> None:
    for statement in SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)
