"""Goals (new, show, edit with the concurrent-edit check) and the review page's
suggestions, on the plan blueprint (/beboere/<resident_id>/plan/...).

Concurrent edits: the edit form carries `base_version`, the goal's version when the form
was loaded. When someone saved in between, samtale.goals.save refuses (GoalConflict);
the page then answers 409 and shows both versions side by side (theirs as saved, yours
as typed) above the form, which now holds yours and the new base version: change it,
or keep theirs, and save again."""

from __future__ import annotations

from dataclasses import replace

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from samtale import conversations, goals, plan, plan_items, suggestions
from samtale.errors import SamtaleError
from samtale.goal_rules import MAX_ROWS, InvalidGoal
from samtale.goals import Action, GoalDraft, SubGoal
from samtale.views.plan import bp
from samtale.views.plan_common import applied_suggestion, handover_allowed, names, safe_next
from samtale.web.access import login_required, resident_or_404
from samtale.web.db import get_db


def _rows(form, prefix: str, field: str) -> list[int]:
    return [i for i in range(MAX_ROWS + 5) if f"{prefix}-{i}-{field}" in form]


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def draft_from_form(form) -> GoalDraft:
    """The goal as typed, empty rows included (they are dropped when saved)."""
    subs = [SubGoal(form.get(f"sub-{i}-text", ""), form.get(f"sub-{i}-lifecycle", "active"),
                    form.get(f"sub-{i}-status") or None, _int(form.get(f"sub-{i}-id")))
            for i in _rows(form, "sub", "text")]
    acts = [Action(form.get(f"act-{i}-what", ""), form.get(f"act-{i}-who", "me"),
                   form.get(f"act-{i}-who_name") or None, form.get(f"act-{i}-when") or None,
                   form.get(f"act-{i}-done") == "1", _int(form.get(f"act-{i}-id")))
            for i in _rows(form, "act", "what")]
    return GoalDraft(
        text=form.get("text", ""), dream_id=_int(form.get("dream_id")),
        ffb_theme=form.get("ffb_theme") or None, goal_type=form.get("goal_type", "develop"),
        status=form.get("status") or None, lifecycle=form.get("lifecycle", "active"),
        next_follow_up=form.get("next_follow_up") or None, subgoals=subs, actions=acts)


def _with_blank_rows(draft: GoalDraft) -> GoalDraft:
    return replace(draft, subgoals=[*draft.subgoals, SubGoal("")],
                   actions=[*draft.actions, Action("")])


def _apply(draft: GoalDraft, field: str, value: str) -> GoalDraft:
    if field == "text":
        return replace(draft, text=value)
    parts = field.split("-")
    if len(parts) == 3 and parts[0] == "sub" and parts[2] == "text" and parts[1].isdigit():
        index = int(parts[1])
        if index < len(draft.subgoals):
            draft.subgoals[index] = replace(draft.subgoals[index], text=value)
    return draft


def _render_goal(resident, draft, *, goal=None, errors=None, conflict=None, status=200):
    db = get_db()
    return render_template(
        "plan/goal_form.html", resident=resident, draft=draft, goal=goal, errors=errors or {},
        conflict=conflict, dreams=plan_items.dreams(db, resident.id),
        default_date=goals.default_follow_up(db).isoformat(),
        base_version=conflict.theirs.version if conflict else (goal.version if goal else None),
    ), status


def _reshown(resident, draft, goal, conflict=None):
    """Re-render without saving when a row was added or a suggestion applied."""
    applied = applied_suggestion(request.form)
    if applied:
        return _render_goal(resident, _apply(draft, *applied), goal=goal, conflict=conflict)
    add = request.form.get("add")
    if add == "sub":
        draft.subgoals.append(SubGoal(""))
    elif add == "act":
        draft.actions.append(Action(""))
    if add in ("sub", "act"):
        return _render_goal(resident, draft, goal=goal, conflict=conflict)
    return None


@bp.route("/maal/ny", methods=["GET", "POST"])
@login_required
def new_goal(resident_id: int):
    action = "create" if request.method == "POST" else "read"
    resident = resident_or_404(resident_id, action, object_type="goal")
    if request.method == "GET":
        draft = GoalDraft(text="", dream_id=_int(request.args.get("droem")),
                          next_follow_up=goals.default_follow_up(get_db()).isoformat())
        return _render_goal(resident, _with_blank_rows(draft))
    draft = draft_from_form(request.form)
    shown = _reshown(resident, draft, None)
    if shown:
        return shown
    try:
        goal = goals.create(get_db(), resident.id, draft, staff_id=g.staff.id,
                            staff_name=g.staff.display_name)
    except InvalidGoal as problem:
        return _render_goal(resident, draft, errors=problem.fields, status=400)
    flash(_("Målet er gemt."))
    return redirect(url_for("plan.goal", resident_id=resident.id, goal_id=goal.id))


@bp.get("/maal/<int:goal_id>")
@login_required
def goal(resident_id: int, goal_id: int):
    resident = resident_or_404(resident_id, "read", object_type="goal", object_id=goal_id)
    db = get_db()
    found = goals.get(db, resident.id, goal_id)
    dream = plan_items.get(db, resident.id, found.dream_id) if found.dream_id else None
    return render_template(
        "plan/goal.html", resident=resident, goal=found, dream=dream,
        evaluations=plan.evaluations_by_goal(db, resident.id).get(goal_id, []),
        versions=goals.versions(db, resident.id, goal_id))


@bp.route("/maal/<int:goal_id>/rediger", methods=["GET", "POST"])
@login_required
def edit_goal(resident_id: int, goal_id: int):
    action = "update" if request.method == "POST" else "read"
    resident = resident_or_404(resident_id, action, object_type="goal", object_id=goal_id)
    db = get_db()
    stored = goals.get(db, resident.id, goal_id)
    if request.method == "GET":
        return _render_goal(resident, _with_blank_rows(stored.draft()), goal=stored)
    draft = draft_from_form(request.form)
    base = _int(request.form.get("base_version"))
    if base is None:
        abort(400)
    shown = _reshown(resident, draft, replace(stored, version=base))
    if shown:
        return shown
    try:
        goals.save(db, resident.id, goal_id, draft, base_version=base, staff_id=g.staff.id,
                   staff_name=g.staff.display_name)
    except goals.GoalConflict as conflict:
        conflict.yours = draft  # as typed, empty rows included
        return _render_goal(resident, draft, goal=stored, conflict=conflict, status=409)
    except InvalidGoal as problem:
        return _render_goal(resident, draft, goal=replace(stored, version=base),
                            errors=problem.fields, status=400)
    flash(_("Målet er gemt."))
    return redirect(url_for("plan.goal", resident_id=resident.id, goal_id=goal_id))


def _conversation(resident_id: int, conversation_id: int):
    resident = resident_or_404(resident_id, "read", object_type="conversation",
                               object_id=conversation_id)
    return resident, conversations.get(get_db(), resident.id, conversation_id)


@bp.get("/forslag/<int:conversation_id>")
@login_required
@handover_allowed
def conversation_suggestions(resident_id: int, conversation_id: int):
    """The suggestions of one conversation (also after it is finished)."""
    resident, conv = _conversation(resident_id, conversation_id)
    return render_template("plan/suggestions.html", resident=resident, conv=conv)


def _values(form) -> dict:
    return {"text": form.get("text", ""), "target": form.get("target") or None,
            "ffb_theme": form.get("ffb_theme") or None, "dream_id": _int(form.get("dream_id")),
            "share_on_board": form.get("share_on_board") == "1"}


@bp.post("/forslag/<int:conversation_id>")
@login_required
@handover_allowed
def decide(resident_id: int, conversation_id: int):
    """Accept (as suggested or edited) or drop one suggestion; back to where it was shown.
    "Brug denne formulering" shows the page again with the suggestion in the field."""
    resident, conv = _conversation(resident_id, conversation_id)
    back = safe_next(resident.id, url_for("plan.conversation_suggestions",
                                          resident_id=resident.id,
                                          conversation_id=conversation_id))
    question_id = request.form.get("question_id", "")
    applied = applied_suggestion(request.form)
    if applied:
        edits = {question_id: {**_values(request.form), "text": applied[1]}}
        return render_template("plan/suggestions.html", resident=resident, conv=conv,
                               edits=edits, back=back)
    decision = "dropped" if request.form.get("decision") == "dropped" else "accepted"
    try:
        suggestions.decide(get_db(), conv, question_id, decision, values=_values(request.form),
                           staff_id=g.staff.id, staff_name=g.staff.display_name)
    except SamtaleError as problem:
        if problem.status == 404:
            raise
        edits = {question_id: _values(request.form)}
        errors = {question_id: problem.message}
        return render_template("plan/suggestions.html", resident=resident, conv=conv,
                               edits=edits, errors=errors, back=back), 400
    flash(_("Det er taget med i planen.") if decision == "accepted"
          else _("Forslaget er ikke taget med."))
    return redirect(back)


def review_suggestions(resident, conv, include_decided: bool = False
                       ) -> list[suggestions.Suggestion]:
    """For the partial on the review page: the undecided suggestions (all with
    `include_decided`)."""
    return suggestions.for_conversation(get_db(), conv, names(resident), include_decided)


def plan_dreams(resident_id: int) -> list:
    """The resident's dreams, for the goal suggestions' "Hvilken drøm?" choice."""
    return plan_items.dreams(get_db(), resident_id)


bp.add_app_template_global(review_suggestions, "review_suggestions")
bp.add_app_template_global(plan_dreams, "plan_dreams")
