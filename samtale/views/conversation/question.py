"""One question per screen: showing it, saving the answer when the person moves on
(a normal form POST that works without JavaScript), and the JSON autosave that
static/js/conversation.js calls while the person types and when the page is left.

The JSON save contract (POST .../spoergsmaal/<question_id>/gem, header X-CSRFToken):
    request  {"value": str | [str] | null, "written_by": "resident" | "staff",
              "revision": int (strictly increasing per page)}
    200      {"saved": true, "revision": n, "saved_at": "14.32"}
    400      {"saved": false, "error": "<plain Danish>"}
    401      {"error": "...", "status": 401}              (logged out: nothing stored)
    409      {"saved": false, "stale": true, "revision": stored, "error": "..."}
             (a newer save is stored) or {"saved": false, "error": ...} (not open)
"""

from __future__ import annotations

from flask import flash, g, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _

from samtale import clock, conversations, flow
from samtale.banks.model import LIST_TYPES, Question
from samtale.conversations import Conversation
from samtale.errors import SamtaleError
from samtale.markdown import render as markdown
from samtale.views.conversation import bp
from samtale.views.conversation.common import (
    clock_text,
    go_to,
    handover_allowed,
    hour_minute,
    load,
    login_then_csrf,
)
from samtale.web.access import held_audit, login_required
from samtale.web.db import get_db

ACTIONS = ("next", "back", "skip", "pause")


def _empty(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip()) or raw == []


def form_value(question: Question, form) -> object:
    """What the form holds for the question: a list for list types, else text."""
    if question.type in LIST_TYPES:
        return form.getlist("answer")
    return form.get("answer", "")


def _stale_message() -> str:
    return _("Der er gemt en nyere udgave af svaret, måske fra en anden skærm. Se teksten "
             "igen, og gem den, hvis den er den rigtige.")


def save(conversation: Conversation, question: Question, raw: object, written_by: str,
         revision: int | None, *, draft: bool = False, skip: bool = False, also=None):
    """Store the answer unless it is empty and nothing was stored before (a question
    passed without an answer leaves no row). Returns the SaveResult or None. `also`: see
    conversations.save_answer."""
    if not skip and _empty(raw) and not conversations.has_answer(get_db(), conversation.id,
                                                                 question.id):
        return None
    return conversations.save_answer(
        get_db(), conversation, question.id, raw, written_by=written_by,
        staff_id=g.staff.id, revision=revision, draft=draft, skip=skip, also=also)


def _revision(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdecimal():
        return int(value.strip())
    return None


@bp.get("/<int:conversation_id>/spoergsmaal/<question_id>")
@login_required
@handover_allowed
def question(resident_id: int, conversation_id: int, question_id: str):
    resident, conv = load(resident_id, conversation_id)
    if conv.status != "in_progress":
        return redirect(url_for("conversation.show", resident_id=resident.id,
                                conversation_id=conv.id))
    item = conv.bank.question(question_id)
    review = request.args.get("til") == "gennemse"
    where = flow.place(conv.bank, conv.values, item.id)
    if not where.shown:
        following = where.following
        return go_to(conv, None if review or following is None else following.id, review)
    if conv.current_question_id != item.id:
        conversations.move_to(get_db(), conv, item.id)
    answer = conv.answers.get(item.id)
    return render_screen(resident, conv, item, review=review,
                         shown=answer.value if answer else None,
                         written_by=answer.written_by if answer else conv.written_by,
                         where=where)


def _picked(shown: object) -> set[str]:
    """The choice ids to show as chosen, from a stored value or what was sent."""
    if shown is None:
        return set()
    items = shown if isinstance(shown, list | tuple) else [shown]
    return {str(item) for item in items}


def choice_groups(question: Question, lang: str) -> list[tuple[str, list]]:
    """The choices under their headings, in the bank's order (life areas)."""
    groups: list[tuple[str, list]] = []
    for choice in question.choices:
        heading = choice.group.get(lang) if choice.group else ""
        if not groups or groups[-1][0] != heading:
            groups.append((heading, []))
        groups[-1][1].append(choice)
    return groups


def render_screen(resident, conv: Conversation, item: Question, *, review: bool, shown,
                  written_by: str, error: str | None = None, status: int = 200,
                  where: flow.Place | None = None):
    where = where or flow.place(conv.bank, conv.values, item.id)
    section = conv.bank.section(item.section_id)
    first_in_section = next(
        q.id for q in [*where.visible, item] if q.section_id == section.id) == item.id
    answer = conv.answers.get(item.id)
    return render_template(
        "conversation/question.html", resident=resident, conv=conv, question=item,
        section=section, number=where.number, total=where.total, lang=conv.language,
        intro=section.intro_for(conv.language) if first_in_section else "",
        help_html=markdown(item.help_for(conv.language)), review=review,
        has_previous=where.previous is not None,
        typed=shown if isinstance(shown, str) else "", picked=_picked(shown),
        groups=choice_groups(item, conv.language) if item.type == "life_area" else [],
        written_by=written_by, error=error,
        saved_at=clock_text(answer.updated_at) if answer else "",
        revision_base=conversations.server_revision(),
    ), status


@bp.post("/<int:conversation_id>/spoergsmaal/<question_id>")
@login_then_csrf
@handover_allowed
def answer(resident_id: int, conversation_id: int, question_id: str):
    resident, conv = load(resident_id, conversation_id, "update")
    if conv.status != "in_progress":
        flash(_("Samtalen er ikke i gang længere. Svaret er ikke gemt."), "error")
        return redirect(url_for("conversation.show", resident_id=resident.id,
                                conversation_id=conv.id))
    item = conv.bank.question(question_id)
    action = request.form.get("action", "next")
    action = action if action in ACTIONS else "next"
    raw = form_value(item, request.form)
    written_by = request.form.get("written_by", "")
    review = request.form.get("til") == "gennemse"
    try:
        result = save(conv, item, raw, written_by, _revision(request.form.get("revision")),
                      draft=action == "pause", skip=action == "skip")
    except SamtaleError as problem:
        return render_screen(resident, conv, item, review=review, shown=raw,
                             written_by=written_by, error=problem.message, status=400)
    if result is not None and result.stale:
        return render_screen(resident, conv, item, review=review, shown=raw,
                             written_by=written_by, error=_stale_message(), status=409)
    return _move_on(conversations.get(get_db(), resident.id, conv.id), item, action, review)


def _move_on(conv: Conversation, item: Question, action: str, review: bool):
    db = get_db()
    if action == "pause":
        return redirect(url_for("conversation.postpone", resident_id=conv.resident_id,
                                conversation_id=conv.id))
    if action == "back":
        earlier = flow.previous_question(conv.bank, conv.values, item.id)
        target = earlier or item
        conversations.move_to(db, conv, target.id)
        return go_to(conv, target.id, review)
    following = None if review else flow.next_question(conv.bank, conv.values, item.id)
    conversations.move_to(db, conv, following.id if following else None)
    return go_to(conv, following.id if following else None)


def _json_error(status: int, message: str, **extra):
    return jsonify({"saved": False, "error": message, **extra}), status


@bp.post("/<int:conversation_id>/spoergsmaal/<question_id>/gem")
@login_then_csrf
@handover_allowed
def autosave(resident_id: int, conversation_id: int, question_id: str):
    # The access's audit entry commits with the answer: one write transaction per save
    # (held_audit writes it on its own when nothing is stored, as for a refusal).
    with held_audit() as held:
        resident, conv = load(resident_id, conversation_id, "update", answers=False)
        data = request.get_json(silent=True)
        revision = _revision(data.get("revision")) if isinstance(data, dict) else None
        if not revision or revision <= 0:
            return _json_error(400, _("Svaret kunne ikke læses. Opdater siden, og prøv igen."))
        item = conv.bank.question(question_id)
        try:
            result = held.commit_with(lambda record: save(
                conv, item, data.get("value"), str(data.get("written_by", "")), revision,
                draft=True, also=record))
        except SamtaleError as problem:
            return _json_error(problem.status, problem.message)
    if result is not None and result.stale:
        return _json_error(409, _stale_message(), stale=True, revision=result.revision)
    return jsonify({"saved": True, "revision": result.revision if result else revision,
                    "saved_at": hour_minute(clock.now())})
