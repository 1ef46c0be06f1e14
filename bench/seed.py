"""The benchmark's database: thousands of residents with conversations, answers and plans,
written with executemany in large transactions against the real schema.

Rows are valid for the app: conversations point at snapshots of the shipped banks (taken
with samtale.flow.snapshot; a bank with too few questions gets a first section of extra
short_text questions, so that 20 answers per conversation fit), answer values pass
samtale.flow.validate_answer, and the plan part (bench/seed_plan.py) builds plans that
validate against the plan schema (checked at the end).

Sizes scale with BENCH_SCALE (default 1: 5,000 residents, 50,000 conversations,
1,000,000 answers, 100,000 goals)."""

from __future__ import annotations

import json
import os
import random
import secrets
import time
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path

from bench import seed_plan
from samtale import clock, flow, migrations, passwords
from samtale.banks import default_folders, load_banks
from samtale.banks.model import Bank, Localized, Question, Section
from samtale.db import open_db

CHUNK = 50_000
ANSWERS_PER_CONVERSATION = 20
BANK_QUESTIONS = 24  # visible questions in a bench snapshot: 20 answered, then more
LEADER_UNITS = 10  # the leader leads the benchmark unit and the nine after it
FIRST_NAMES = ("Karin", "Bo", "Sara", "Ole", "Lise", "Henrik", "Maja", "Peter", "Yasmin",
               "Bjørn", "Anne", "Jens", "Mette", "Ali", "Sofie", "Lars", "Hanne", "Mads",
               "Fatima", "Erik", "Camilla", "Niels", "Tove", "Kasper", "Birgit", "Ahmad",
               "Inge", "Rasmus", "Pia", "Søren")
TEXTS = (
    "Jeg kan godt lide at gå en tur ved søen om morgenen, når der er stille.",
    "Min søster ringer om søndagen, og det glæder jeg mig til hele ugen.",
    "Jeg drømmer om at arbejde i et køkken igen, ligesom jeg gjorde engang.",
    "Det er svært at komme op, men det hjælper, når nogen banker på.",
    "Jeg vil gerne lære at cykle til byen selv og handle ind.",
    "Musik i høretelefoner hjælper mig, når dagen er tung.",
    "Jeg er god til at tegne, og jeg vil gerne vise nogen mine tegninger.",
)


@dataclass(frozen=True)
class Sizes:
    residents: int
    bench_unit: int  # residents in the benchmark unit (the rest in units of `unit_size`)
    unit_size: int = 25
    conversations_per_resident: int = 10
    goals_per_resident: int = 20
    contact_load: int = 20  # residents per contact person in the benchmark unit
    audit_entries: int = 100_000

    @classmethod
    def from_scale(cls, scale: float) -> Sizes:
        residents = max(100, round(5000 * scale))
        return cls(residents=residents, bench_unit=max(40, round(250 * scale)),
                   audit_entries=max(1000, round(100_000 * scale)))


@dataclass(frozen=True)
class Login:
    username: str
    password: str
    staff_id: int


@dataclass
class Seeded:
    path: Path
    sizes: Sizes
    leader: Login
    contact: Login
    bench_unit_id: int
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class BenchBank:
    """A bank snapshot for the bench: the answers every conversation with it gets."""

    snapshot_id: int
    bank: Bank
    answered: tuple[tuple[Question, object], ...]  # the first 20 visible, with values
    current: Question  # the 21st visible question: where an open conversation stands
    current_value: object  # a valid value for it (what the save benchmark sends)


def scale_from_env() -> float:
    return float(os.environ.get("BENCH_SCALE", "1") or 1)


def value_for(question: Question, n: int = 0) -> object:
    """A valid stored value for `question` (checked by flow.validate_answer)."""
    ids = question.choice_ids
    raw: object = {
        "short_text": TEXTS[n % len(TEXTS)][:60],
        "long_text": TEXTS[n % len(TEXTS)],
        "single_choice": ids[n % len(ids)] if ids else None,
        "multi_choice": list(ids[:2]),
        "life_area": list(ids[:2]),
        "scale": str(min(3, len(ids))),
        "yes_no": "ja",
    }[question.type]
    return flow.validate_answer(question, raw)


def _extra_section(count: int) -> Section:
    questions = tuple(
        Question(f"bench_{n:02d}", "bench", "short_text",
                 Localized.of(f"Ekstra spørgsmål {n}: hvad vil du gerne fortælle mere om?"))
        for n in range(1, count + 1))
    return Section("bench", Localized.of("Lidt mere om dig"), None, questions)


def bench_bank(bank: Bank) -> tuple[Bank, tuple, Question]:
    """The bank with a first section of extra questions when it has too few visible ones."""
    values = {q.id: value_for(q) for q in bank.questions}
    visible = flow.visible_questions(bank, values)
    extra = BANK_QUESTIONS - len(visible)
    if extra > 0:
        bank = replace(bank, sections=(_extra_section(extra), *bank.sections))
        values = {q.id: value_for(q) for q in bank.questions}
        visible = flow.visible_questions(bank, values)
    answered = tuple((q, values[q.id]) for q in visible[:ANSWERS_PER_CONVERSATION])
    return bank, answered, visible[ANSWERS_PER_CONVERSATION]


def seed_snapshots(db) -> list[BenchBank]:
    out = []
    now = clock.now_iso()
    banks = load_banks(default_folders(None))
    for bank_id in sorted(banks.banks):
        bank, answered, current = bench_bank(banks.banks[bank_id])
        data = flow.snapshot(bank)
        snapshot_id = db["bank_snapshots"].insert({
            "bank_id": bank.id, "version": bank.version, "content_hash": flow.content_hash(bank),
            "snapshot": json.dumps(data, ensure_ascii=False), "created_at": now}).last_pk
        rebuilt = flow.bank_from_snapshot(json.loads(json.dumps(data)))
        out.append(BenchBank(snapshot_id, rebuilt, answered, current, value_for(current, 1)))
    return out


def _units(db, sizes: Sizes) -> list[tuple[int, int]]:
    """[(unit_id, residents)]: the benchmark unit first, then units of `unit_size`."""
    now = clock.now_iso()
    rest = sizes.residents - sizes.bench_unit
    counts = [sizes.bench_unit] + [sizes.unit_size] * (rest // sizes.unit_size)
    if rest % sizes.unit_size:
        counts.append(rest % sizes.unit_size)
    rows = [(n + 1, "Solsikken" if n == 0 else f"Hus {n:03d}", now) for n in range(len(counts))]
    db.conn.executemany("INSERT INTO units (id, name, created_at) VALUES (?, ?, ?)", rows)
    return [(row[0], count) for row, count in zip(rows, counts, strict=True)]


def _hasher() -> passwords.Hasher:
    from samtale.config import from_environment

    config = from_environment()
    return passwords.Hasher(config["ARGON2_TIME_COST"], config["ARGON2_MEMORY_KIB"])


def _staff(db, units: list[tuple[int, int]], sizes: Sizes) -> tuple[Login, Login, dict]:
    """The leader (of LEADER_UNITS units), the benchmark contact person and the others.
    Returns the two logins and {unit_id: [staff ids]} of the contact persons per unit."""
    hasher = _hasher()
    shared_hash = hasher.hash(secrets.token_urlsafe(24))  # nobody logs in as the others
    now = clock.now_iso()
    logins = [Login("bench.leder", secrets.token_urlsafe(18), 1),
              Login("bench.kontakt", secrets.token_urlsafe(18), 2)]
    rows = [(1, "bench.leder", "Lene Leder", hasher.hash(logins[0].password), "leder", now),
            (2, "bench.kontakt", "Karen Kontakt", hasher.hash(logins[1].password),
             "kontaktperson", now)]
    by_unit: dict[int, list[int]] = {units[0][0]: [2]}
    for unit_id, count in units:
        wanted = -(-count // sizes.contact_load) if unit_id == units[0][0] else 2
        while len(by_unit.setdefault(unit_id, [])) < wanted:
            staff_id = len(rows) + 1
            rows.append((staff_id, f"medarbejder{staff_id}", f"Medarbejder {staff_id}",
                         shared_hash, "kontaktperson", now))
            by_unit[unit_id].append(staff_id)
    db.conn.executemany("INSERT INTO staff (id, username, display_name, password_hash, role, "
                        "active, language, created_at) VALUES (?, ?, ?, ?, ?, 1, 'da', ?)", rows)
    links = [(1, unit_id) for unit_id, _count in units[:LEADER_UNITS]]
    links += [(s, unit_id) for unit_id, ids in by_unit.items() for s in ids]
    db.conn.executemany("INSERT INTO staff_units (staff_id, unit_id) VALUES (?, ?)", links)
    return logins[0], logins[1], by_unit


def _residents(db, units, by_unit: dict, rng: random.Random) -> dict[int, list[int]]:
    """Residents per unit; returns {resident_id: [contact staff ids]}."""
    today = clock.today()
    now = clock.now_iso()
    rows, contacts, resident_id = [], {}, 0
    for unit_id, count in units:
        staff_ids = by_unit[unit_id]
        for n in range(count):
            resident_id += 1
            name = f"{FIRST_NAMES[resident_id % len(FIRST_NAMES)]} {chr(65 + resident_id % 26)}."
            moved_in = (today - timedelta(days=rng.randint(10, 3000))).isoformat()
            first = min(n // 20, len(staff_ids) - 1) if unit_id == 1 else n % len(staff_ids)
            second = staff_ids[(first + 1) % len(staff_ids)]  # every fifth has two
            contacts[resident_id] = [staff_ids[first]] if n % 5 or len(staff_ids) < 2 else \
                [staff_ids[first], second]
            moved_out = unit_id != 1 and n % 50 == 49
            rows.append((resident_id, name, unit_id, moved_in,
                         "fraflyttet" if moved_out else "bor_her",
                         today.isoformat() if moved_out else None, now, now))
    db.conn.executemany("INSERT INTO residents (id, display_name, unit_id, moved_in, status, "
                        "moved_out, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)", rows)
    db.conn.executemany("INSERT INTO resident_contacts (resident_id, staff_id) VALUES (?, ?)",
                        [(r, s) for r, ids in contacts.items() for s in ids])
    return contacts


def _status(k: int, per: int, resident_id: int) -> str:
    """The newest conversation is open; the one before it is open, postponed or done."""
    if k == per - 1:
        return "in_progress"
    if k == per - 2:
        return ("in_progress", "postponed", "finished", "finished")[resident_id % 4]
    return "finished"


def _conversation_row(cid, resident_id, staff_id, bank: BenchBank, status, began):
    start, end = clock.to_iso(began), clock.to_iso(began + timedelta(minutes=50))
    retry = (clock.today() + timedelta(days=(resident_id % 20) - 5)).isoformat()
    postponed = status == "postponed"
    return (cid, resident_id, bank.snapshot_id, bank.bank.id, bank.bank.version,
            bank.bank.title_for("da"), bank.bank.purpose, status,
            None if status == "finished" else bank.current.id,
            "resident", staff_id, start, end, end if status == "finished" else None,
            end if postponed else None,
            "Træt i dag og ville hellere gå en tur." if postponed else None,
            retry if postponed else None)


CONVERSATION_SQL = (
    "INSERT INTO conversations (id, resident_id, snapshot_id, bank_id, bank_version, "
    "bank_title, purpose, language, status, current_question_id, written_by, started_by, "
    "started_at, updated_at, finished_at, postponed_at, postponed_reason, retry_on) "
    "VALUES (?,?,?,?,?,?,?,'da',?,?,?,?,?,?,?,?,?,?)")
ANSWER_SQL = (
    "INSERT INTO answers (conversation_id, resident_id, question_id, question_text, value, "
    "skipped, draft, written_by, staff_id, revision, created_at, updated_at) "
    "VALUES (?,?,?,?,?,0,0,?,?,?,?,?)")


def _answer_rows(cid, resident_id, staff_id, bank: BenchBank, began) -> list[tuple]:
    rows = []
    for n, (question, value) in enumerate(bank.answered):
        at = began + timedelta(minutes=2 * n)
        stamp = clock.to_iso(at)
        rows.append((cid, resident_id, question.id, question.text_for("da"),
                     json.dumps(value, ensure_ascii=False), "resident" if n % 3 else "staff",
                     staff_id, int(at.timestamp() * 1000), stamp, stamp))
    return rows


def _conversations(db, contacts: dict, banks: list[BenchBank], sizes: Sizes) -> int:
    """Conversations and their answers, in chunks; returns the number of answers."""
    per, now, cid, answers = sizes.conversations_per_resident, clock.now(), 0, 0
    conv_rows, answer_rows = [], []
    for resident_id, staff_ids in contacts.items():
        quiet = resident_id % 10 == 7  # no conversation in the last three months
        for k in range(per):
            cid += 1
            bank = banks[(resident_id + k) % len(banks)]
            began = now - timedelta(days=(per - k) * 45 - 20 + (120 if quiet else 0),
                                    minutes=resident_id % 600)
            status = _status(k, per, resident_id)
            conv_rows.append(_conversation_row(cid, resident_id, staff_ids[0], bank, status,
                                               began))
            answer_rows += _answer_rows(cid, resident_id, staff_ids[0], bank, began)
        if len(answer_rows) >= CHUNK:
            answers += _flush(db, conv_rows, answer_rows)
    return answers + _flush(db, conv_rows, answer_rows)


def _flush(db, conv_rows: list, answer_rows: list) -> int:
    db.conn.executemany(CONVERSATION_SQL, conv_rows)
    db.conn.executemany(ANSWER_SQL, answer_rows)
    count = len(answer_rows)
    conv_rows.clear()
    answer_rows.clear()
    return count


def seed(path: Path, sizes: Sizes, rng_seed: int = 7) -> Seeded:
    """Create the database at `path` (which must not exist) and fill it."""
    began = time.monotonic()
    db = open_db(path)
    migrations.apply(db)
    db.conn.execute("PRAGMA journal_mode = MEMORY")
    db.conn.execute("PRAGMA synchronous = OFF")
    db.conn.execute("PRAGMA cache_size = -262144")
    rng = random.Random(rng_seed)
    db.conn.execute("BEGIN")
    units = _units(db, sizes)
    leader, contact, by_unit = _staff(db, units, sizes)
    contacts = _residents(db, units, by_unit, rng)
    banks = seed_snapshots(db)
    answers = _conversations(db, contacts, banks, sizes)
    db.conn.execute("COMMIT")
    counts = seed_plan.seed(db, contacts, sizes.goals_per_resident, rng)
    seed_plan.seed_audit(db, sizes.audit_entries, len(contacts))
    db.conn.execute("PRAGMA journal_mode = WAL")
    counts.update(residents=len(contacts), conversations=len(contacts) *
                  sizes.conversations_per_resident, answers=answers, units=len(units),
                  staff=db.execute("SELECT count(*) FROM staff").fetchone()[0])
    seed_plan.check(db, contact.staff_id)
    db.close()
    return Seeded(path, sizes, leader, contact, units[0][0], time.monotonic() - began, counts)
