"""The six-week follow-up screens: one active goal per screen (samtale.followup).

Routes (all under /beboere/<resident_id>/opfoelgning):

    GET       ""                              the resident's follow-ups; start or resume
    POST      /ny                             start (or continue the one in progress)
    GET       /<followup_id>                  the follow-up's goals and what is done
    GET/POST  /<followup_id>/maal/<goal_id>   one goal: evaluate it, or skip it
    GET/POST  /<followup_id>/ikke-i-dag       postpone with a reason and a date
    POST      /<followup_id>/genoptag         take a postponed follow-up up again
    POST      /<followup_id>/afslut           finish
"""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from samtale import followup, goals, plan
from samtale.errors import SamtaleError
from samtale.goal_rules import parse_date
from samtale.views.plan_common import applied_suggestion, handover_allowed
from samtale.web.access import login_required, resident_or_404
from samtale.web.db import get_db

bp = Blueprint("followup", __name__, url_prefix="/beboere/<int:resident_id>/opfoelgning")


def _load(resident_id: int, followup_id: int, action: str = "read"):
    resident = resident_or_404(resident_id, action, object_type="followup",
                               object_id=followup_id)
    return resident, followup.get(get_db(), resident.id, followup_id)


@bp.get("")
@login_required
def index(resident_id: int):
    resident = resident_or_404(resident_id, "read", object_type="followup_list")
    db = get_db()
    active = [goal for goal in goals.for_resident(db, resident.id) if goal.lifecycle == "active"]
    return render_template("followup/index.html", resident=resident, active=active,
                           current=followup.open_for(db, resident.id),
                           history=followup.for_resident(db, resident.id),
                           evaluations=plan.evaluations_by_goal(db, resident.id))


@bp.post("/ny")
@login_required
def start(resident_id: int):
    resident = resident_or_404(resident_id, "create", object_type="followup")
    try:
        started = followup.start(get_db(), resident.id, g.staff.id)
    except SamtaleError as problem:
        flash(problem.message, "error")
        return redirect(url_for("followup.index", resident_id=resident.id))
    return _next(resident.id, started)


def _next(resident_id: int, current: followup.FollowUp):
    step = current.next_step
    if step is None:
        return redirect(url_for("followup.show", resident_id=resident_id,
                                followup_id=current.id))
    return redirect(url_for("followup.step", resident_id=resident_id, followup_id=current.id,
                            goal_id=step.goal_id))


@bp.get("/<int:followup_id>")
@login_required
@handover_allowed
def show(resident_id: int, followup_id: int):
    resident, current = _load(resident_id, followup_id)
    db = get_db()
    by_id = {goal.id: goal for goal in goals.for_resident(db, resident.id)}
    return render_template("followup/show.html", resident=resident, fu=current, goals=by_id,
                           evaluations=plan.evaluations_by_goal(db, resident.id))


def _input(form) -> followup.EvaluationInput:
    agrees = {"ja": True, "nej": False}.get(form.get("resident_agrees", ""))
    return followup.EvaluationInput(
        text=form.get("text", ""), written_by=form.get("written_by", ""),
        status=form.get("status") or None, decision=form.get("decision", "continue"),
        what_happened=form.get("what_happened"), resident_agrees=agrees,
        resident_view=form.get("resident_view"), next_step=form.get("next_step"),
        next_date=form.get("next_date"))


def _stored_input(db, resident_id: int, step) -> followup.EvaluationInput | None:
    if not step.evaluation_id:
        return None
    row = next((e for e in plan.evaluations_by_goal(db, resident_id).get(step.goal_id, [])
                if e["id"] == step.evaluation_id), None)
    if row is None:
        return None
    return followup.EvaluationInput(
        text=row["text"], written_by=row["written_by"], status=row["status"],
        what_happened=row["what_happened"], resident_agrees=row["resident_agrees"],
        resident_view=row["resident_view"], next_step=row["next_step"])


def _render_step(resident, current, goal_id: int, data, errors=None, status=200):
    db = get_db()
    goal = goals.get(db, resident.id, goal_id)
    number = next(n for n, s in enumerate(current.steps, 1) if s.goal_id == goal_id)
    return render_template(
        "followup/step.html", resident=resident, fu=current, goal=goal, data=data,
        errors=errors or {}, number=number, total=len(current.steps),
        default_date=goals.default_follow_up(db).isoformat(),
        evaluations=plan.evaluations_by_goal(db, resident.id).get(goal_id, []),
    ), status


def _blank() -> followup.EvaluationInput:
    writer = "resident" if g.get("handover") else "staff"
    return followup.EvaluationInput(text="", written_by=writer, status=None,
                                    resident_agrees=True)


@bp.route("/<int:followup_id>/maal/<int:goal_id>", methods=["GET", "POST"])
@login_required
@handover_allowed
def step(resident_id: int, followup_id: int, goal_id: int):
    action = "update" if request.method == "POST" else "read"
    resident, current = _load(resident_id, followup_id, action)
    current.step(goal_id)  # NotFound for a goal that is not part of this follow-up
    if current.status != "in_progress":
        return redirect(url_for("followup.show", resident_id=resident.id, followup_id=current.id))
    if request.method == "GET":
        stored = _stored_input(get_db(), resident.id, current.step(goal_id))
        return _render_step(resident, current, goal_id, stored or _blank())
    data = _input(request.form)
    applied = applied_suggestion(request.form)
    if applied and applied[0] in ("text", "what_happened", "next_step"):
        setattr(data, applied[0], applied[1])
        return _render_step(resident, current, goal_id, data)
    if request.form.get("skip"):
        followup.skip(get_db(), current, goal_id)
        return _next(resident.id, current)
    try:
        followup.evaluate(get_db(), current, goal_id, data, staff_id=g.staff.id,
                          staff_name=g.staff.display_name, resident_name=resident.display_name)
    except followup.InvalidEvaluation as problem:
        return _render_step(resident, current, goal_id, data, problem.fields, 400)
    flash(_("Evalueringen er gemt."))
    return _next(resident.id, current)


@bp.route("/<int:followup_id>/ikke-i-dag", methods=["GET", "POST"])
@login_required
@handover_allowed
def postpone(resident_id: int, followup_id: int):
    action = "update" if request.method == "POST" else "read"
    resident, current = _load(resident_id, followup_id, action)
    error = None
    if request.method == "POST":
        try:
            retry_on = parse_date(request.form.get("retry_on"))
            followup.postpone(get_db(), current, request.form.get("reason"), retry_on)
        except SamtaleError as problem:
            error = problem.message
        else:
            flash(_("Det er helt i orden. Vi prøver igen en anden dag."))
            return redirect(url_for("followup.show", resident_id=resident.id,
                                    followup_id=current.id))
    return render_template("followup/postpone.html", resident=resident, fu=current, error=error,
                           reason=request.form.get("reason", ""),
                           retry_on=request.form.get("retry_on", "")), 400 if error else 200


@bp.post("/<int:followup_id>/genoptag")
@login_required
@handover_allowed
def resume(resident_id: int, followup_id: int):
    resident, current = _load(resident_id, followup_id, "update")
    followup.resume(get_db(), current)
    return _next(resident.id, current)


@bp.post("/<int:followup_id>/afslut")
@login_required
@handover_allowed
def finish(resident_id: int, followup_id: int):
    resident, current = _load(resident_id, followup_id, "update")
    followup.finish(get_db(), current)
    flash(_("Opfølgningen er afsluttet og gemt. Tak for i dag."))
    return redirect(url_for("plan.min_plan", resident_id=resident.id))
