"""The conversation store on a real database: answers saved at once, idempotent and
ordered saves, postponing, resuming, finishing, and history that bank edits never change."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from samtale import clock, conversations, migrations, residents, staff
from samtale.banks import load_banks
from samtale.banks.loader import default_folders
from samtale.db import open_db
from samtale.errors import NotFound, SamtaleError


@pytest.fixture
def db():
    database = open_db(":memory:")
    migrations.apply(database)
    return database


@pytest.fixture
def bank():
    return load_banks(default_folders(None)).get("haab-og-droemme")


@pytest.fixture
def karin(db):
    unit = staff.create_unit(db, "Nord")
    return residents.create(db, display_name="Karin S.", unit_id=unit, moved_in="2026-01-02")


def _text_question(bank):
    return next(
        q for q in bank.questions if q.type in ("short_text", "long_text") and not q.show_if
    )


def test_start_keeps_a_snapshot_once_per_version(db, karin, bank):
    first = conversations.start(db, karin, bank, None)
    second = conversations.start(db, karin, bank, None)
    assert first != second
    assert db.execute("SELECT count(*) FROM bank_snapshots").fetchone()[0] == 1
    conv = conversations.get(db, karin, first)
    assert conv.status == "in_progress" and conv.current_question_id == bank.questions[0].id


def test_conversation_of_another_resident_is_not_found(db, karin, bank):
    other = residents.create(db, display_name="Bo", unit_id=1, moved_in="2026-01-02")
    conv_id = conversations.start(db, karin, bank, None)
    with pytest.raises(NotFound):
        conversations.get(db, other, conv_id)


def test_answer_is_saved_with_the_exact_question_text_and_writer(db, karin, bank):
    conv = conversations.get(db, karin, conversations.start(db, karin, bank, None))
    question = _text_question(bank)
    result = conversations.save_answer(
        db,
        conv,
        question.id,
        "At lave mad til andre",
        written_by="resident",
        staff_id=None,
        revision=10,
    )
    assert result.saved and not result.stale
    stored = conversations.get(db, karin, conv.id).answers[question.id]
    assert stored.value == "At lave mad til andre" and stored.written_by == "resident"
    assert stored.question_text == question.text_for("da")


def test_late_and_repeated_saves_never_overwrite_newer_text(db, karin, bank):
    conv = conversations.get(db, karin, conversations.start(db, karin, bank, None))
    qid = _text_question(bank).id
    conversations.save_answer(
        db, conv, qid, "ny tekst", written_by="staff", staff_id=None, revision=200, draft=True
    )
    late = conversations.save_answer(
        db, conv, qid, "gammel tekst", written_by="staff", staff_id=None, revision=100, draft=True
    )
    assert late.stale and late.value == "ny tekst"
    repeat = conversations.save_answer(
        db, conv, qid, "ny tekst", written_by="staff", staff_id=None, revision=200, draft=True
    )
    assert repeat.saved and not repeat.stale
    assert conversations.get(db, karin, conv.id).answers[qid].value == "ny tekst"


def test_bad_input_is_refused_in_danish(db, karin, bank):
    conv = conversations.get(db, karin, conversations.start(db, karin, bank, None))
    choice_q = next(q for q in bank.questions if q.type == "single_choice")
    with pytest.raises(SamtaleError):
        conversations.save_answer(
            db, conv, choice_q.id, "not-a-choice", written_by="staff", staff_id=None
        )
    with pytest.raises(SamtaleError):
        conversations.save_answer(
            db, conv, _text_question(bank).id, "x", written_by="robot", staff_id=None
        )
    with pytest.raises(NotFound):
        conversations.save_answer(
            db, conv, "no-such-question", "x", written_by="staff", staff_id=None
        )


def test_skip_records_a_skipped_answer(db, karin, bank):
    conv = conversations.get(db, karin, conversations.start(db, karin, bank, None))
    qid = bank.questions[0].id
    conversations.save_answer(db, conv, qid, None, written_by="staff", staff_id=None, skip=True)
    answer = conversations.get(db, karin, conv.id).answers[qid]
    assert answer.skipped and answer.value is None
    assert qid not in conversations.get(db, karin, conv.id).values


def test_postpone_defaults_to_fourteen_days_and_blocks_answers(db, karin, bank):
    conv = conversations.get(db, karin, conversations.start(db, karin, bank, None))
    conversations.postpone(db, conv, "  Træt i dag  ", None)
    again = conversations.get(db, karin, conv.id)
    assert again.status == "postponed" and again.postponed_reason == "Træt i dag"
    assert again.retry_on == (clock.today() + timedelta(days=14)).isoformat()
    with pytest.raises(SamtaleError):
        conversations.save_answer(
            db, again, bank.questions[0].id, "x", written_by="staff", staff_id=None
        )
    conversations.resume(db, again)
    assert conversations.get(db, karin, conv.id).status == "in_progress"


def test_postpone_refuses_a_date_in_the_past(db, karin, bank):
    conv = conversations.get(db, karin, conversations.start(db, karin, bank, None))
    with pytest.raises(SamtaleError):
        conversations.postpone(db, conv, None, clock.today() - timedelta(days=1))


def test_history_stays_when_the_bank_changes(db, karin, bank, tmp_path):
    conv_id = conversations.start(db, karin, bank, None)
    text = bank.questions[0].text_for("da")
    source = open(bank.source, encoding="utf-8").read().replace(text, "Helt ny ordlyd?")
    (tmp_path / "bank.toml").write_text(source.replace("version = 1", "version = 2"), "utf-8")
    changed = load_banks([tmp_path]).get(bank.id)
    assert changed is not None and changed.questions[0].text_for("da") == "Helt ny ordlyd?"
    conversations.start(db, karin, changed, None)
    old = conversations.get(db, karin, conv_id)
    assert old.bank.questions[0].text_for("da") == text
    assert db.execute("SELECT count(*) FROM bank_snapshots").fetchone()[0] == 2


def test_finish_clears_drafts_and_lists_history(db, karin, bank):
    conv = conversations.get(db, karin, conversations.start(db, karin, bank, None))
    qid = _text_question(bank).id
    conversations.save_answer(
        db, conv, qid, "kladde", written_by="staff", staff_id=None, draft=True
    )
    conversations.finish(db, conv)
    finished = conversations.get(db, karin, conv.id)
    assert finished.status == "finished" and not finished.answers[qid].draft
    listed = conversations.for_resident(db, karin)
    assert listed[0]["answer_count"] == 1 and listed[0]["status"] == "finished"
    snapshot = json.loads(db.execute("SELECT snapshot FROM bank_snapshots").fetchone()[0])
    assert snapshot["id"] == bank.id
