"""The plan part of the benchmark's seed: per resident two dreams, a resource, a network
item and an activity wish; goals (active, proposed, achieved, abandoned) with two delmål,
two actions and a first version each; a finished follow-up with evaluations, sometimes a
postponed one; the plan's history. Then audit entries with a valid hash chain, and a check
that plans built from these rows validate against the plan schema."""

from __future__ import annotations

import json
import random
from datetime import timedelta

from samtale import audit, clock, conversations, ffb, plan
from samtale.export import validate_plan

CHUNK = 50_000
LIFECYCLES = ("active",) * 6 + ("proposed",) * 2 + ("achieved",) * 8 + ("abandoned",) * 4
COLOURS = ("green", "yellow", "red", None)
GOAL_TEXTS = ("Jeg går en tur på tyve minutter hver dag.",
              "Jeg ringer til min datter hver søndag.",
              "Jeg hjælper til i husets køkken en dag om ugen.",
              "Jeg tager bussen til byen selv.",
              "Jeg spiller bordtennis i klubben hver onsdag.",
              "Jeg lærer at betale mine regninger selv.")
INSERT = {
    "plan_items": "INSERT INTO plan_items (id, resident_id, kind, text, ffb_theme, "
                  "share_on_board, created_at, created_by, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
    "goals": "INSERT INTO goals (id, resident_id, dream_id, text, ffb_theme, goal_type, status, "
             "lifecycle, next_follow_up, version, created_at, created_by, updated_at, updated_by) "
             "VALUES (?,?,?,?,?,?,?,?,?,1,?,?,?,?)",
    "subgoals": "INSERT INTO subgoals (goal_id, resident_id, position, text, lifecycle, status) "
                "VALUES (?,?,?,?,?,?)",
    "goal_actions": "INSERT INTO goal_actions (goal_id, resident_id, position, what, who, "
                    "who_name, when_text, done) VALUES (?,?,?,?,?,?,?,?)",
    "goal_versions": "INSERT INTO goal_versions (goal_id, resident_id, version, change, data, "
                     "staff_id, staff_name, created_at) VALUES (?,?,1,'created',?,?,?,?)",
    "followups": "INSERT INTO followups (id, resident_id, status, started_at, started_by, "
                 "updated_at, finished_at, postponed_at, retry_on) VALUES (?,?,?,?,?,?,?,?,?)",
    "evaluations": "INSERT INTO evaluations (id, goal_id, resident_id, followup_id, date, text, "
                   "written_by, author_name, staff_id, resident_agrees, status, what_happened, "
                   "next_step, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "followup_goals": "INSERT INTO followup_goals (followup_id, goal_id, resident_id, position, "
                      "outcome, evaluation_id) VALUES (?,?,?,?,'evaluated',?)",
    "plan_events": "INSERT INTO plan_events (resident_id, date, event, text, created_at) "
                   "VALUES (?,?,?,?,?)",
}


class Batch:
    """Rows per table, written with executemany every CHUNK rows."""

    def __init__(self, db):
        self.db, self.rows, self.counts = db, {t: [] for t in INSERT}, dict.fromkeys(INSERT, 0)
        self.ids = dict.fromkeys(("plan_items", "goals", "followups", "evaluations"), 0)

    def next_id(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table]

    def add(self, table: str, row: tuple) -> None:
        self.rows[table].append(row)
        if sum(len(r) for r in self.rows.values()) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        for table, rows in self.rows.items():  # in INSERT's order: parents first
            self.db.conn.executemany(INSERT[table], rows)
            self.counts[table] += len(rows)
            rows.clear()


def _themes() -> list[str]:
    return [c.code for c in ffb.themes() if c.depth >= 2]


def _items(batch: Batch, resident_id: int, staff_id: int, themes: list[str], at: str) -> list:
    """The plan items; every thirteenth resident has written no hopes and dreams yet."""
    dreams = []
    for n, (kind, text) in enumerate((
            ("dream", "Jeg drømmer om at arbejde i et køkken igen."),
            ("dream", "Jeg håber, at jeg kan se mine børnebørn oftere."),
            ("resource", "Jeg er god til planter, og jeg kan lide at være ude."),
            ("network", "Min søster Lone og min nabo Per."),
            ("activity", "Jeg vil gerne være med til fællesspisning om fredagen."))):
        if kind == "dream" and resident_id % 13 == 0:
            continue
        item_id = batch.next_id("plan_items")
        batch.add("plan_items", (item_id, resident_id, kind, text, themes[n % len(themes)],
                                 (resident_id % 2) if kind == "activity" else None, at,
                                 staff_id, at))
        if kind == "dream":
            dreams.append(item_id)
            batch.add("plan_events", (resident_id, at[:10], "dream_added", f"Ny drøm: {text}", at))
    return dreams


def _version_data(goal_id: int, row: tuple, theme: str) -> str:
    return json.dumps({
        "id": goal_id, "text": row[3], "dream_id": row[2],
        "ffb_theme": {"code": theme, "display": ffb.display(theme)}, "goal_type": row[5],
        "status": row[6], "lifecycle": row[7], "next_follow_up": row[8], "created_at": row[9],
        "updated_at": row[11], "version": 1, "subgoals": [], "actions": []}, ensure_ascii=False)


def _goal(batch: Batch, resident_id: int, j: int, ctx: dict) -> tuple[int, str]:
    goal_id, lifecycle = batch.next_id("goals"), LIFECYCLES[j % len(LIFECYCLES)]
    created = clock.now() - timedelta(days=400 - j * 15, minutes=resident_id % 300)
    at, today = clock.to_iso(created), ctx["today"]
    due = {"active": (today + timedelta(days=(resident_id * 7 + j * 11) % 63 - 20)).isoformat(),
           "proposed": (today + timedelta(days=42)).isoformat()}.get(lifecycle)
    theme = ctx["themes"][(resident_id + j) % len(ctx["themes"])]
    text = GOAL_TEXTS[(resident_id + j) % len(GOAL_TEXTS)]
    dreams = ctx["dreams"]
    row = (goal_id, resident_id, dreams[j % len(dreams)] if dreams else None, text, theme,
           ("develop", "maintain", "limit_loss")[j % 3],
           COLOURS[j % 4] if lifecycle != "proposed" else None, lifecycle, due, at,
           ctx["staff_id"], at, ctx["staff_id"])
    batch.add("goals", row)
    for position in range(2):
        batch.add("subgoals", (goal_id, resident_id, position,
                               f"Jeg tager det første skridt nr. {position + 1}.",
                               "achieved" if position == 0 else "active",
                               "green" if position == 0 else "yellow"))
        batch.add("goal_actions", (goal_id, resident_id, position,
                                   ("Tale med køkkenlederen", "Stille vækkeuret")[position],
                                   ("contact_person", "me")[position],
                                   "Karen Kontakt" if position == 0 else None,
                                   "i næste uge" if position == 0 else "hver aften",
                                   int(position == 0)))
    batch.add("goal_versions", (goal_id, resident_id, _version_data(goal_id, row, theme),
                                ctx["staff_id"], "Medarbejder", at))
    batch.add("plan_events", (resident_id, at[:10], "goal_created", f"Nyt mål: {text}", at))
    return goal_id, lifecycle


def _follow_up(batch: Batch, resident_id: int, goal_ids: list, ctx: dict) -> None:
    """A finished follow-up 60 days ago (150 for the residents nobody has talked with
    lately) evaluating the active and achieved goals; every fifth resident also has one
    put off with "ikke i dag"."""
    fid, staff_id = batch.next_id("followups"), ctx["staff_id"]
    when = clock.now() - timedelta(days=150 if resident_id % 10 == 7 else 60)
    at, day = clock.to_iso(when), when.date().isoformat()
    batch.add("followups", (fid, resident_id, "finished", at, staff_id, at, at, None, None))
    for position, (goal_id, _lifecycle) in enumerate(
            g for g in goal_ids if g[1] in ("active", "achieved")):
        eid = batch.next_id("evaluations")
        batch.add("evaluations", (eid, goal_id, resident_id, fid, day,
                                  "Jeg har gjort det de fleste dage, og det går godt.",
                                  ("resident", "staff")[position % 2], "Karen Kontakt",
                                  staff_id, (1, 0, None)[position % 3],
                                  COLOURS[position % 3], "Det gik bedre end sidst.",
                                  "Jeg fortsætter.", at, at))
        batch.add("followup_goals", (fid, goal_id, resident_id, position, eid))
    if resident_id % 5 == 0:
        retry = (ctx["today"] + timedelta(days=resident_id % 14 - 4)).isoformat()
        batch.add("followups", (batch.next_id("followups"), resident_id, "postponed", at,
                                staff_id, at, None, at, retry))


def seed(db, contacts: dict, goals_per_resident: int, rng: random.Random) -> dict[str, int]:
    """Every plan table for every resident; returns the row counts."""
    batch, themes, today = Batch(db), _themes(), clock.today()
    db.conn.execute("BEGIN")
    for resident_id, staff_ids in contacts.items():
        at = clock.to_iso(clock.now() - timedelta(days=rng.randint(200, 500)))
        ctx = {"staff_id": staff_ids[0], "themes": themes, "today": today,
               "dreams": _items(batch, resident_id, staff_ids[0], themes, at)}
        goal_ids = [_goal(batch, resident_id, j, ctx) for j in range(goals_per_resident)]
        _follow_up(batch, resident_id, goal_ids, ctx)
    batch.flush()
    db.conn.execute("COMMIT")
    return dict(batch.counts)


def seed_audit(db, entries: int, residents: int) -> None:
    """`entries` earlier reads by staff, chained exactly as samtale.audit writes them."""
    prev, rows = audit.GENESIS, []
    began = clock.now() - timedelta(days=90)
    columns = ", ".join((*audit.FIELDS, "prev_hash", "hash"))
    sql = f"INSERT INTO audit_log ({columns}) VALUES ({', '.join('?' * (len(audit.FIELDS) + 2))})"
    db.conn.execute("BEGIN")
    for n in range(entries):
        entry = {"at": clock.to_iso(began + timedelta(seconds=n * 7)), "actor_id": 3 + n % 50,
                 "actor_name": f"medarbejder{3 + n % 50}", "action": "read",
                 "resident_id": 1 + (n * 7919) % residents, "object_type": "conversation",
                 "object_id": str(n % 5000 + 1), "request_id": f"{n:016x}", "purpose": None,
                 "outcome": "ok", "address": "127.0.0.1"}
        digest = audit.entry_hash(prev, entry)
        rows.append((*(entry[f] for f in audit.FIELDS), prev, digest))
        prev = digest
        if len(rows) >= CHUNK:
            db.conn.executemany(sql, rows)
            rows.clear()
    db.conn.executemany(sql, rows)
    db.conn.execute("COMMIT")


def check(db, staff_id: int) -> None:
    """The seeded rows are valid for the app: the benchmark staff's plans validate against
    the plan schema, their open conversations load, and the audit chain verifies."""
    residents = [r[0] for r in db.execute(
        "SELECT resident_id FROM resident_contacts WHERE staff_id = ?", [staff_id])]
    for resident_id in residents[:5]:
        validate_plan(plan.build(db, resident_id))
        for row in conversations.for_resident(db, resident_id)[:2]:
            conversations.get(db, resident_id, row["id"])
    result = audit.verify(db)
    if not result.ok:
        raise AssertionError(f"seeded audit chain broken at {result.first_bad_id}")
