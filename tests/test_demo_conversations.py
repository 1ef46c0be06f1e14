"""The demo conversations are real conversations that fit the shipped banks."""

from __future__ import annotations

import random

import pytest

from samtale import clock, conversations, demo, flow, migrations
from samtale.db import open_db
from samtale.demo import conversations as demo_conversations
from samtale.demo import people
from tests.conftest import FAST_HASHER


@pytest.fixture(scope="module")
def seeded():
    """Only the areas these conversations need: the demo people, then the conversations."""
    db = open_db(":memory:")
    migrations.apply(db)
    ctx = demo.DemoContext(db, FAST_HASHER, random.Random(7))
    people.seed(ctx)
    demo_conversations.seed(ctx)
    return db, ctx


def _conversation(db, ctx, name):
    rows = conversations.for_resident(db, ctx.ids[name])
    assert len(rows) == 1, name
    return conversations.get(db, ctx.ids[name], rows[0]["id"])


@pytest.mark.parametrize("spec", demo_conversations.FINISHED, ids=lambda spec: spec[0])
def test_finished_conversations_hold_every_answer(seeded, spec):
    db, ctx = seeded
    name, _staff, bank_id, days, answers = spec
    conv = _conversation(db, ctx, name)
    assert conv.status == "finished" and conv.bank.id == bank_id
    assert set(conv.values) == {q for q, _value, _writer in answers}  # none was refused
    assert set(flow.effective_answers(conv.bank, conv.values)) == set(conv.values)
    assert conv.finished_at < clock.to_iso(clock.now()) and not any(
        a.draft for a in conv.answers.values())
    assert {a.written_by for a in conv.answers.values()} == {"resident", "staff"}


def test_one_conversation_in_progress_with_a_draft(seeded):
    db, ctx = seeded
    name, _staff, _bank, _days, answers, (draft_id, draft, _writer) = \
        demo_conversations.IN_PROGRESS
    conv = _conversation(db, ctx, name)
    assert conv.status == "in_progress" and conv.current_question_id == draft_id
    assert conv.answers[draft_id].draft and conv.answers[draft_id].value == draft
    assert len(conv.values) == len(answers) + 1


def test_one_conversation_postponed_with_reason_and_date(seeded):
    db, ctx = seeded
    name, *_rest, reason, retry_days = demo_conversations.POSTPONED
    conv = _conversation(db, ctx, name)
    assert conv.status == "postponed" and conv.postponed_reason == reason
    assert conv.retry_on == clock.days_from_today(retry_days).isoformat()
    assert conv.current_question_id != conv.bank.questions[0].id  # resumes after the answer
