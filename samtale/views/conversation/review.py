"""The end of a conversation: the review page with every visible answer (each can be
edited), finishing, and the read-only view of a finished or postponed conversation,
which shows exactly the texts that were shown then (the bank snapshot and each
answer's stored question text)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from samtale import conversations, flow
from samtale.conversations import Conversation
from samtale.views.conversation import bp
from samtale.views.conversation.common import (
    handover_allowed,
    load,
    login_then_csrf,
    writer_label,
)
from samtale.web.access import login_required
from samtale.web.db import get_db


@dataclass(frozen=True)
class Row:
    """One line of the review: the question as it was shown and the answer as it reads."""

    question_id: str
    question_text: str
    answer: str
    state: str          # answered | draft | skipped | empty
    writer: str
    multiline: bool


def answer_rows(conv: Conversation) -> list[Row]:
    """Every visible question in reading order with its answer."""
    lang = conv.language
    effective = flow.effective_answers(conv.bank, conv.values)
    rows = []
    for question in flow.visible_questions(conv.bank, conv.values):
        stored = conv.answers.get(question.id)
        text = stored.question_text if stored else question.text_for(lang)
        if question.id in effective:
            state = "draft" if stored.draft else "answered"
            label = flow.answer_label(question, effective[question.id], lang)
        else:
            state = "skipped" if stored and stored.skipped else "empty"
            label = ""
        rows.append(Row(question.id, text, label, state,
                        writer_label(stored.written_by) if stored and label else "",
                        question.type == "long_text"))
    return rows


@bp.get("/<int:conversation_id>/gennemse")
@login_required
@handover_allowed
def review(resident_id: int, conversation_id: int):
    resident, conv = load(resident_id, conversation_id)
    if conv.status != "in_progress":
        return redirect(url_for("conversation.show", resident_id=resident.id,
                                conversation_id=conv.id))
    if conv.current_question_id is not None:
        conversations.move_to(get_db(), conv, None)
    visible = flow.visible_questions(conv.bank, conv.values)
    return render_template(
        "conversation/review.html", resident=resident, conv=conv, rows=answer_rows(conv),
        plan_items=flow.plan_items(conv.bank, conv.values, conv.language),
        last_question_id=visible[-1].id if visible else None)


@bp.post("/<int:conversation_id>/afslut")
@login_then_csrf
@handover_allowed
def finish(resident_id: int, conversation_id: int):
    resident, conv = load(resident_id, conversation_id, "update")
    if conv.status == "in_progress":
        conversations.finish(get_db(), conv)
        flash(_("Samtalen er afsluttet og gemt. Tak for samtalen."))
    return redirect(url_for("conversation.show", resident_id=resident.id,
                            conversation_id=conv.id))


@bp.get("/<int:conversation_id>")
@login_required
@handover_allowed
def show(resident_id: int, conversation_id: int):
    """An open conversation continues where it stopped; a finished or postponed one
    is shown read-only."""
    resident, conv = load(resident_id, conversation_id)
    if conv.status == "in_progress":
        if conv.current_question_id is None:
            return redirect(url_for("conversation.review", resident_id=resident.id,
                                    conversation_id=conv.id))
        return redirect(url_for("conversation.question", resident_id=resident.id,
                                conversation_id=conv.id,
                                question_id=conv.current_question_id))
    rows = [row for row in answer_rows(conv) if row.state != "empty"]
    return render_template("conversation/show.html", resident=resident, conv=conv, rows=rows)
