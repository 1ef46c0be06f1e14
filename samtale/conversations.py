"""Conversations: starting one for a resident with a bank, saving answers the moment
they are given (and while they are typed), moving on, postponing ("ikke i dag"),
resuming and finishing. No Flask.

Saving is idempotent and ordered: every save carries a `revision` (the writer's
millisecond clock, or the server's when the browser sent none). A save with a lower
revision than the stored one is refused as stale, an equal one is a harmless repeat,
so a late or repeated save never overwrites a newer answer."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlite_utils import Database

from samtale import clock, flow, postponing
from samtale.banks import Bank
from samtale.db import write_transaction
from samtale.errors import NotFound, SamtaleError
from samtale.i18n import gettext as _

WRITERS = ("resident", "staff")
STATUSES = ("in_progress", "finished", "postponed")


@dataclass
class Answer:
    question_id: str
    question_text: str
    value: object
    skipped: bool
    draft: bool
    written_by: str
    revision: int
    updated_at: str


@dataclass
class Conversation:
    id: int
    resident_id: int
    bank: Bank
    status: str
    current_question_id: str | None
    written_by: str
    language: str
    started_at: str
    updated_at: str
    finished_at: str | None
    postponed_reason: str | None
    retry_on: str | None
    answers: dict[str, Answer] = field(default_factory=dict)

    @property
    def values(self) -> dict[str, object]:
        """{question_id: value} of the answers given (skipped ones left out)."""
        return {
            q: a.value for q, a in self.answers.items() if not a.skipped and a.value is not None
        }


def server_revision() -> int:
    return int(clock.now().timestamp() * 1000)


def _snapshot_id(db: Database, bank: Bank) -> int:
    digest = flow.content_hash(bank)
    row = db.execute("SELECT id FROM bank_snapshots WHERE content_hash = ?", [digest]).fetchone()
    if row:
        return row[0]
    return db["bank_snapshots"].insert({
        "bank_id": bank.id, "version": bank.version, "content_hash": digest,
        "snapshot": json.dumps(flow.snapshot(bank), ensure_ascii=False),
        "created_at": clock.now_iso()}).last_pk


def start(db: Database, resident_id: int, bank: Bank, staff_id: int | None,
          language: str = "da") -> int:
    """Start a conversation with `bank` (its snapshot is kept) and return its id."""
    first = flow.first_question(bank, {})
    now = clock.now_iso()
    with write_transaction(db):
        return db["conversations"].insert({
            "resident_id": resident_id, "snapshot_id": _snapshot_id(db, bank),
            "bank_id": bank.id, "bank_version": bank.version,
            "bank_title": bank.title_for(language), "purpose": bank.purpose,
            "language": language, "status": "in_progress",
            "current_question_id": first.id if first else None, "written_by": "resident",
            "started_by": staff_id, "started_at": now, "updated_at": now}).last_pk


_COLUMNS = ("id", "resident_id", "status", "current_question_id", "written_by", "language",
            "started_at", "updated_at", "finished_at", "postponed_reason", "retry_on")


def get(db: Database, resident_id: int, conversation_id: int, *,
        answers: bool = True) -> Conversation:
    """The conversation, if it belongs to `resident_id`; NotFound otherwise. With
    answers=False its answers are left out (empty): for a save, which needs none."""
    row = db.execute(
        f"SELECT {', '.join('c.' + c for c in _COLUMNS)}, s.id, s.content_hash FROM "
        "conversations c JOIN bank_snapshots s ON s.id = c.snapshot_id "
        "WHERE c.id = ? AND c.resident_id = ?", [conversation_id, resident_id]).fetchone()
    if row is None:
        raise NotFound()
    data = dict(zip(_COLUMNS, row[:-2], strict=True))
    bank = snapshot_bank(db, row[-2], row[-1])
    return Conversation(bank=bank, answers=_answers(db, conversation_id) if answers else {},
                        **data)


def has_answer(db: Database, conversation_id: int, question_id: str) -> bool:
    """Whether an answer (or a skip) to the question is stored."""
    return db.execute("SELECT 1 FROM answers WHERE conversation_id = ? AND question_id = ?",
                      [conversation_id, question_id]).fetchone() is not None


_BANKS: OrderedDict[str, Bank] = OrderedDict()
_BANKS_LOCK = threading.Lock()
BANK_CACHE_SIZE = 64


def snapshot_bank(db: Database, snapshot_id: int, digest: str) -> Bank:
    """The Bank of a stored snapshot, parsed once per process and kept by its content
    hash. Only a snapshot whose text really has that hash is kept, so the cache holds
    exactly what the rows say (a Bank is immutable)."""
    with _BANKS_LOCK:
        bank = _BANKS.get(digest)
        if bank is not None:
            _BANKS.move_to_end(digest)
            return bank
    text = db.execute("SELECT snapshot FROM bank_snapshots WHERE id = ?", [snapshot_id])
    bank = flow.bank_from_snapshot(json.loads(text.fetchone()[0]))
    if flow.content_hash(bank) == digest:
        with _BANKS_LOCK:
            _BANKS[digest] = bank
            while len(_BANKS) > BANK_CACHE_SIZE:
                _BANKS.popitem(last=False)
    return bank


def _answers(db: Database, conversation_id: int) -> dict[str, Answer]:
    rows = db.execute(
        "SELECT question_id, question_text, value, skipped, draft, written_by, revision, "
        "updated_at FROM answers WHERE conversation_id = ?", [conversation_id]).fetchall()
    # every stored value is one JSON text: read them all as one array, in one call
    values = json.loads("[" + ",".join("null" if r[2] is None else r[2] for r in rows) + "]")
    return {r[0]: Answer(r[0], r[1], value, bool(r[3]), bool(r[4]), r[5], r[6], r[7])
            for r, value in zip(rows, values, strict=True)}


@dataclass(frozen=True)
class SaveResult:
    saved: bool        # this save is what is stored now (also for a harmless repeat)
    stale: bool        # refused: a newer revision was already stored
    value: object      # the stored value after the save
    revision: int


def _check_open(conversation: Conversation) -> None:
    if conversation.status == "postponed":
        raise SamtaleError(_("Samtalen er sat på pause. Genoptag den for at svare."), 409)
    if conversation.status == "finished":
        raise SamtaleError(_("Samtalen er afsluttet. Genoptag den for at rette et svar."), 409)


def save_answer(db: Database, conversation: Conversation, question_id: str, raw: object, *,
                written_by: str, staff_id: int | None, revision: int | None = None,
                draft: bool = False, skip: bool = False,
                also: Callable[[Database], None] | None = None) -> SaveResult:
    """Validate and store one answer (or a skip). Raises SamtaleError with a plain Danish
    message for bad input; the caller shows it and keeps what was typed. `also(db)` runs
    first inside the answer's write transaction (the caller's audit entry, so that both
    commit together)."""
    _check_open(conversation)
    question = conversation.bank.question(question_id)
    if written_by not in WRITERS:
        raise SamtaleError(_("Vælg, hvem der har skrevet svaret."))
    value = None if skip else flow.validate_answer(question, raw)
    revision = revision if revision and revision > 0 else server_revision()
    return _store(db, conversation, question_id, question.text_for(conversation.language),
                  value, skip, draft, written_by, staff_id, revision, also)


def _store(db, conversation, question_id, text, value, skip, draft, written_by, staff_id,
           revision, also=None) -> SaveResult:
    now = clock.now_iso()
    encoded = None if value is None else json.dumps(value, ensure_ascii=False)
    with write_transaction(db):
        if also is not None:
            also(db)
        current = db.execute(
            "SELECT revision, value FROM answers WHERE conversation_id = ? AND question_id = ?",
            [conversation.id, question_id]).fetchone()
        if current and current[0] > revision:
            stored = None if current[1] is None else json.loads(current[1])
            return SaveResult(False, True, stored, current[0])
        if current and current[0] == revision:
            return SaveResult(True, False, value, revision)
        db.execute(
            "INSERT INTO answers (conversation_id, resident_id, question_id, question_text, "
            "value, skipped, draft, written_by, staff_id, revision, created_at, updated_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (conversation_id, question_id) DO "
            "UPDATE SET question_text = excluded.question_text, value = excluded.value, "
            "skipped = excluded.skipped, draft = excluded.draft, written_by = "
            "excluded.written_by, staff_id = excluded.staff_id, revision = excluded.revision, "
            "updated_at = excluded.updated_at",
            [conversation.id, conversation.resident_id, question_id, text, encoded, int(skip),
             int(draft), written_by, staff_id, revision, now, now])
        db.execute("UPDATE conversations SET updated_at = ?, written_by = ? WHERE id = ?",
                   [now, written_by, conversation.id])
    return SaveResult(True, False, value, revision)


def move_to(db: Database, conversation: Conversation, question_id: str | None) -> None:
    """Remember where the conversation is (None: at the review page), for resuming."""
    if question_id is not None:
        conversation.bank.question(question_id)
    db.execute("UPDATE conversations SET current_question_id = ?, updated_at = ? WHERE id = ?",
               [question_id, clock.now_iso(), conversation.id])
    conversation.current_question_id = question_id


def postpone(db: Database, conversation: Conversation, reason: str | None,
             retry_on: date | None) -> None:
    """"Ikke i dag": end the conversation as postponed, with an optional reason and the
    date to try again (default in 14 days). Respected and recorded; it can be resumed."""
    reason, retry_on = postponing.terms(reason, retry_on)
    now = clock.now_iso()
    db.execute(
        "UPDATE conversations SET status = 'postponed', postponed_at = ?, postponed_reason = ?, "
        "retry_on = ?, updated_at = ? WHERE id = ?",
        [now, reason, retry_on.isoformat(), now, conversation.id])


def resume(db: Database, conversation: Conversation) -> None:
    """Take a postponed or finished conversation up again where it stopped."""
    db.execute("UPDATE conversations SET status = 'in_progress', updated_at = ? WHERE id = ?",
               [clock.now_iso(), conversation.id])
    conversation.status = "in_progress"


def finish(db: Database, conversation: Conversation) -> None:
    """Close the conversation after the review page; drafts become answers."""
    now = clock.now_iso()
    with write_transaction(db):
        db.execute("UPDATE answers SET draft = 0 WHERE conversation_id = ?", [conversation.id])
        db.execute(
            "UPDATE conversations SET status = 'finished', finished_at = ?, updated_at = ?, "
            "current_question_id = NULL WHERE id = ?", [now, now, conversation.id])


def for_resident(db: Database, resident_id: int) -> list[dict]:
    """The resident's conversations, newest first, with their number of answers."""
    rows = db.execute(
        "SELECT c.id, c.bank_id, c.bank_title, c.purpose, c.status, c.started_at, c.updated_at, "
        "c.finished_at, c.retry_on, c.postponed_reason, "
        "(SELECT count(*) FROM answers a WHERE a.conversation_id = c.id AND a.skipped = 0) "
        "FROM conversations c WHERE c.resident_id = ? ORDER BY c.updated_at DESC",
        [resident_id]).fetchall()
    keys = ("id", "bank_id", "bank_title", "purpose", "status", "started_at", "updated_at",
            "finished_at", "retry_on", "postponed_reason", "answer_count")
    return [dict(zip(keys, r, strict=True)) for r in rows]
