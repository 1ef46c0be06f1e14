"""0005: the house. Resident mentors (guide per unit, matches, agreements, offers),
prøvehandlinger (trials with responsible residents and staff, board consent and an
event history) and the unit's indsatsplan (formål, delmål, activities, status meetings).

Tables that hold a resident's data carry `resident_id` with an index that starts with it.
A mentor match belongs to the new resident (`resident_id`); the mentor is `mentor_id`.
Both references cascade, so erasing either resident removes the match."""

from sqlite_utils import Database

from samtale.migrations import MIGRATIONS

MENTOR = """
CREATE TABLE mentor_guides (
    unit_id INTEGER PRIMARY KEY REFERENCES units(id),
    body TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by INTEGER REFERENCES staff(id)
);
CREATE TABLE mentor_matches (
    id INTEGER PRIMARY KEY,
    resident_id INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
    mentor_id INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    staff_id INTEGER REFERENCES staff(id),
    started_on TEXT NOT NULL,
    ends_on TEXT,
    evaluation TEXT,
    evaluation_by TEXT CHECK (evaluation_by IN ('newcomer', 'mentor')),
    evaluated_on TEXT,
    created_at TEXT NOT NULL,
    created_by INTEGER REFERENCES staff(id),
    updated_at TEXT NOT NULL,
    CHECK (resident_id != mentor_id)
);
CREATE INDEX mentor_matches_resident ON mentor_matches(resident_id);
CREATE INDEX mentor_matches_mentor ON mentor_matches(mentor_id);
CREATE TABLE mentor_agreements (
    id INTEGER PRIMARY KEY,
    resident_id INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
    match_id INTEGER NOT NULL REFERENCES mentor_matches(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX mentor_agreements_resident ON mentor_agreements(resident_id, match_id);
CREATE TABLE mentor_offers (
    resident_id INTEGER PRIMARY KEY REFERENCES residents(id) ON DELETE CASCADE,
    outcome TEXT NOT NULL CHECK (outcome IN ('yes', 'declined', 'matched')),
    reason TEXT,
    recorded_on TEXT NOT NULL,
    recorded_by INTEGER REFERENCES staff(id),
    updated_at TEXT NOT NULL
);
"""

TRIALS = """
CREATE TABLE trials (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    previous_id INTEGER REFERENCES trials(id),
    round INTEGER NOT NULL DEFAULT 1,
    source TEXT NOT NULL DEFAULT 'new',
    source_ref TEXT,
    title TEXT NOT NULL,
    idea TEXT NOT NULL DEFAULT '',
    stage TEXT NOT NULL DEFAULT 'idea'
        CHECK (stage IN ('idea', 'planned', 'tried', 'evaluated', 'decided')),
    plan_what TEXT,
    plan_start TEXT,
    plan_end TEXT,
    tried_on TEXT,
    tried_note TEXT,
    worked TEXT,
    not_worked TEXT,
    residents_words TEXT,
    decision TEXT CHECK (decision IN ('keep', 'adjust', 'drop')),
    decision_note TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX trials_unit ON trials(unit_id, stage);
CREATE TABLE trial_residents (
    resident_id INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
    trial_id INTEGER NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
    named_on_board INTEGER NOT NULL DEFAULT 0,
    consent_at TEXT,
    PRIMARY KEY (resident_id, trial_id)
);
CREATE INDEX trial_residents_trial ON trial_residents(trial_id);
CREATE TABLE trial_staff (
    trial_id INTEGER NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    PRIMARY KEY (trial_id, staff_id)
);
CREATE TABLE trial_events (
    id INTEGER PRIMARY KEY,
    trial_id INTEGER NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
    step TEXT NOT NULL,
    at TEXT NOT NULL,
    staff_id INTEGER REFERENCES staff(id),
    staff_name TEXT,
    details TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX trial_events_trial ON trial_events(trial_id, id);
"""

EFFORT_PLAN = """
CREATE TABLE effort_plans (
    unit_id INTEGER PRIMARY KEY REFERENCES units(id),
    purpose TEXT NOT NULL DEFAULT '',
    next_meeting_on TEXT,
    updated_at TEXT NOT NULL,
    updated_by INTEGER REFERENCES staff(id)
);
CREATE TABLE effort_subgoals (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX effort_subgoals_unit ON effort_subgoals(unit_id, position);
CREATE TABLE effort_activities (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    subgoal_id INTEGER NOT NULL REFERENCES effort_subgoals(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    what TEXT NOT NULL,
    responsible TEXT NOT NULL DEFAULT '',
    timing TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX effort_activities_subgoal ON effort_activities(subgoal_id, position);
CREATE INDEX effort_activities_unit ON effort_activities(unit_id);
CREATE TABLE effort_meetings (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    held_on TEXT NOT NULL,
    participants TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by INTEGER REFERENCES staff(id)
);
CREATE INDEX effort_meetings_unit ON effort_meetings(unit_id, held_on);
CREATE TABLE effort_statuses (
    meeting_id INTEGER NOT NULL REFERENCES effort_meetings(id) ON DELETE CASCADE,
    activity_id INTEGER NOT NULL REFERENCES effort_activities(id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('not_assessed', 'green', 'yellow', 'red')),
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (activity_id, meeting_id)
);
CREATE INDEX effort_statuses_meeting ON effort_statuses(meeting_id);
"""


@MIGRATIONS()
def m0005_house(db: Database) -> None:
    for schema in (MENTOR, TRIALS, EFFORT_PLAN):
        for statement in schema.split(";"):
            if statement.strip():
                db.execute(statement)
