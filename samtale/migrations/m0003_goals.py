"""0003: the resident's plan. Plan items (dreams, resources, network, activity wishes),
decisions on the review page's suggestions, goals with delmål and actions, every goal
version as JSON, follow-ups and their evaluations, and the plan's history.

Every table holds `resident_id` with an index that starts with it (erasure and the GDPR
export find the rows through it). The overview's queries use `goals_resident`
(resident_id, lifecycle, next_follow_up), `followups_resident` and `followups_retry`."""

from sqlite_utils import Database

from samtale.migrations import MIGRATIONS

ITEMS = """
CREATE TABLE plan_items (
    id INTEGER PRIMARY KEY,
    resident_id INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('dream', 'resource', 'network', 'activity')),
    text TEXT NOT NULL,
    ffb_theme TEXT,
    share_on_board INTEGER CHECK (share_on_board IN (0, 1)),
    source_conversation_id INTEGER REFERENCES conversations(id) ON DELETE SET NULL,
    source_question_id TEXT,
    created_at TEXT NOT NULL,
    created_by INTEGER REFERENCES staff(id),
    updated_at TEXT NOT NULL
);
CREATE INDEX plan_items_resident ON plan_items(resident_id, kind);
CREATE TABLE plan_suggestions (
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    resident_id INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
    decision TEXT NOT NULL CHECK (decision IN ('accepted', 'dropped')),
    target TEXT,
    item_id INTEGER,
    goal_id INTEGER,
    decided_at TEXT NOT NULL,
    decided_by INTEGER REFERENCES staff(id),
    PRIMARY KEY (conversation_id, question_id)
);
CREATE INDEX plan_suggestions_resident ON plan_suggestions(resident_id);
"""

GOALS = """
CREATE TABLE goals (
    id INTEGER PRIMARY KEY,
    resident_id INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
    dream_id INTEGER REFERENCES plan_items(id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    ffb_theme TEXT,
    goal_type TEXT NOT NULL CHECK (goal_type IN ('develop', 'maintain', 'limit_loss')),
    status TEXT CHECK (status IN ('green', 'yellow', 'red')),
    lifecycle TEXT NOT NULL CHECK (lifecycle IN ('proposed', 'active', 'achieved', 'abandoned')),
    next_follow_up TEXT,
    source_conversation_id INTEGER REFERENCES conversations(id) ON DELETE SET NULL,
    source_question_id TEXT,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    created_by INTEGER REFERENCES staff(id),
    updated_at TEXT NOT NULL,
    updated_by INTEGER REFERENCES staff(id)
);
CREATE INDEX goals_resident ON goals(resident_id, lifecycle, next_follow_up);
CREATE TABLE subgoals (
    id INTEGER PRIMARY KEY,
    goal_id INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    resident_id INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    lifecycle TEXT NOT NULL CHECK (lifecycle IN ('proposed', 'active', 'achieved', 'abandoned')),
    status TEXT CHECK (status IN ('green', 'yellow', 'red'))
);
CREATE INDEX subgoals_resident ON subgoals(resident_id, goal_id, position);
CREATE INDEX subgoals_goal ON subgoals(goal_id, position);
CREATE TABLE goal_actions (
    id INTEGER PRIMARY KEY,
    goal_id INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    resident_id INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    what TEXT NOT NULL,
    who TEXT NOT NULL CHECK (who IN ('me', 'contact_person', 'other')),
    who_name TEXT,
    when_text TEXT,
    done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1))
);
CREATE INDEX goal_actions_resident ON goal_actions(resident_id, goal_id, position);
CREATE INDEX goal_actions_goal ON goal_actions(goal_id, position);
CREATE TABLE goal_versions (
    id INTEGER PRIMARY KEY,
    goal_id INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    resident_id INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    change TEXT NOT NULL,
    data TEXT NOT NULL,
    staff_id INTEGER REFERENCES staff(id),
    staff_name TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (goal_id, version)
);
CREATE INDEX goal_versions_resident ON goal_versions(resident_id, goal_id, version);
"""

FOLLOW_UP = """
CREATE TABLE followups (
    id INTEGER PRIMARY KEY,
    resident_id INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('in_progress', 'finished', 'postponed')),
    started_at TEXT NOT NULL,
    started_by INTEGER REFERENCES staff(id),
    updated_at TEXT NOT NULL,
    finished_at TEXT,
    postponed_at TEXT,
    postponed_reason TEXT,
    retry_on TEXT
);
CREATE INDEX followups_resident ON followups(resident_id, status, updated_at);
CREATE INDEX followups_retry ON followups(status, retry_on);
CREATE TABLE evaluations (
    id INTEGER PRIMARY KEY,
    goal_id INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    resident_id INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
    followup_id INTEGER REFERENCES followups(id) ON DELETE SET NULL,
    date TEXT NOT NULL,
    text TEXT NOT NULL,
    written_by TEXT NOT NULL CHECK (written_by IN ('resident', 'staff')),
    author_name TEXT NOT NULL,
    staff_id INTEGER REFERENCES staff(id),
    resident_agrees INTEGER CHECK (resident_agrees IN (0, 1)),
    resident_view TEXT,
    status TEXT CHECK (status IN ('green', 'yellow', 'red')),
    what_happened TEXT,
    next_step TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX evaluations_resident ON evaluations(resident_id, goal_id, date);
CREATE INDEX evaluations_goal ON evaluations(goal_id, date);
CREATE TABLE followup_goals (
    followup_id INTEGER NOT NULL REFERENCES followups(id) ON DELETE CASCADE,
    goal_id INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    resident_id INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    outcome TEXT NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'evaluated', 'skipped')),
    evaluation_id INTEGER REFERENCES evaluations(id) ON DELETE SET NULL,
    PRIMARY KEY (followup_id, goal_id)
);
CREATE INDEX followup_goals_resident ON followup_goals(resident_id, followup_id);
CREATE TABLE plan_events (
    id INTEGER PRIMARY KEY,
    resident_id INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    event TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX plan_events_resident ON plan_events(resident_id, date);
"""


@MIGRATIONS()
def m0003_goals(db: Database) -> None:
    for block in (ITEMS, GOALS, FOLLOW_UP):
        for statement in block.split(";"):
            if statement.strip():
                db.execute(statement)
