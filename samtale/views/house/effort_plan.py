"""The indsatsplan: formål, delmål and activities, the quarterly status meeting that
sets every activity's colour at once, and the next meeting's date."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import StringField, TextAreaField

from samtale import clock
from samtale.errors import SamtaleError
from samtale.house import dates, effort_plan, status_meeting
from samtale.views.house.common import PostForm, bp, current_unit_id, use_unit
from samtale.web.access import login_required
from samtale.web.db import get_db
from samtale.web.forms import Form

DATE = {"type": "date"}


class PurposeForm(Form):
    purpose = TextAreaField(_l("Formål"))


class SubgoalForm(Form):
    title = StringField(_l("Delmål"), render_kw={"maxlength": effort_plan.LINE_LENGTH})


class ActivityForm(Form):
    what = StringField(_l("Hvad skal gøres?"), render_kw={"maxlength": effort_plan.LINE_LENGTH})
    responsible = StringField(
        _l("Hvem er ansvarlig?"), render_kw={"maxlength": effort_plan.LINE_LENGTH}
    )
    timing = StringField(_l("Hvornår?"), render_kw={"maxlength": effort_plan.LINE_LENGTH})


class NextMeetingForm(Form):
    next_on = StringField(_l("Næste statusmøde"), render_kw=DATE)


def _plan_page(error: str | None = None, subgoal_form=None, next_form=None):
    db, unit_id = get_db(), current_unit_id()
    plan = effort_plan.get_plan(db, unit_id)
    history = status_meeting.history(db, unit_id)
    charts = {a.id: status_meeting.chart(history.get(a.id, []), a.what) for a in plan.activities}
    next_on = plan.next_meeting_on.isoformat() if plan.next_meeting_on else ""
    return render_template(
        "house/effort_plan.html",
        plan=plan,
        charts=charts,
        error=error,
        subgoal_form=subgoal_form or SubgoalForm(formdata=None),
        next_form=next_form or NextMeetingForm(formdata=None, next_on=next_on),
        status_word=effort_plan.status_word,
    )


@bp.get("/indsatsplan")
@login_required
def effort_plan_page():
    return _plan_page()


@bp.route("/indsatsplan/formaal", methods=["GET", "POST"])
@login_required
def purpose():
    db, unit_id = get_db(), current_unit_id()
    form, error = PurposeForm(purpose=effort_plan.get_plan(db, unit_id).purpose), None
    if form.validate_on_submit():
        try:
            effort_plan.set_purpose(db, unit_id, form.purpose.data, g.staff.id)
        except SamtaleError as problem:
            error = problem.message
        else:
            flash(_("Formålet er gemt."))
            return redirect(url_for("house.effort_plan_page"))
    return render_template("house/purpose.html", form=form, error=error)


@bp.post("/indsatsplan/delmaal")
@login_required
def subgoal_new():
    form = SubgoalForm()
    if form.validate_on_submit():
        try:
            effort_plan.add_subgoal(get_db(), current_unit_id(), form.title.data)
        except SamtaleError as problem:
            return _plan_page(problem.message, subgoal_form=form)
        flash(_("Delmålet er tilføjet."))
    return redirect(url_for("house.effort_plan_page"))


def _subgoal_unit(subgoal_id: int) -> int:
    return use_unit(effort_plan.subgoal_or_404(get_db(), subgoal_id, g.staff.unit_ids))


@bp.route("/indsatsplan/delmaal/<int:subgoal_id>", methods=["GET", "POST"])
@login_required
def subgoal_edit(subgoal_id: int):
    db, unit_id = get_db(), _subgoal_unit(subgoal_id)
    title = db.execute("SELECT title FROM effort_subgoals WHERE id = ?", [subgoal_id]).fetchone()
    form, error = SubgoalForm(title=title[0]), None
    if form.validate_on_submit():
        try:
            effort_plan.update_subgoal(db, subgoal_id, unit_id, form.title.data)
        except SamtaleError as problem:
            error = problem.message
        else:
            flash(_("Delmålet er gemt."))
            return redirect(url_for("house.effort_plan_page"))
    return render_template("house/subgoal_form.html", form=form, error=error)


@bp.route("/indsatsplan/delmaal/<int:subgoal_id>/ny-aktivitet", methods=["GET", "POST"])
@login_required
def activity_new(subgoal_id: int):
    unit_id = _subgoal_unit(subgoal_id)
    form, error = ActivityForm(), None
    if form.validate_on_submit():
        try:
            effort_plan.add_activity(
                get_db(),
                unit_id,
                subgoal_id,
                what=form.what.data,
                responsible=form.responsible.data,
                timing=form.timing.data,
            )
        except SamtaleError as problem:
            error = problem.message
        else:
            flash(_("Aktiviteten er tilføjet."))
            return redirect(url_for("house.effort_plan_page"))
    return render_template("house/activity_form.html", form=form, error=error, activity=None)


@bp.route("/indsatsplan/aktiviteter/<int:activity_id>", methods=["GET", "POST"])
@login_required
def activity_edit(activity_id: int):
    db = get_db()
    activity = effort_plan.get_activity(db, activity_id, g.staff.unit_ids)
    unit_id = _subgoal_unit(activity.subgoal_id)
    form = ActivityForm(
        what=activity.what, responsible=activity.responsible, timing=activity.timing
    )
    error = None
    if form.validate_on_submit():
        try:
            effort_plan.update_activity(
                db,
                activity.id,
                unit_id,
                what=form.what.data,
                responsible=form.responsible.data,
                timing=form.timing.data,
            )
        except SamtaleError as problem:
            error = problem.message
        else:
            flash(_("Aktiviteten er gemt."))
            return redirect(url_for("house.effort_plan_page"))
    return render_template(
        "house/activity_form.html", form=form, error=error, activity=activity, post=PostForm()
    )


@bp.post("/indsatsplan/aktiviteter/<int:activity_id>/fjern")
@login_required
def activity_remove(activity_id: int):
    db = get_db()
    activity = effort_plan.get_activity(db, activity_id, g.staff.unit_ids)
    unit_id = _subgoal_unit(activity.subgoal_id)
    if PostForm().validate_on_submit():
        effort_plan.remove_activity(db, activity.id, unit_id)
        flash(_("Aktiviteten er fjernet."))
    return redirect(url_for("house.effort_plan_page"))


@bp.post("/indsatsplan/naeste-moede")
@login_required
def next_meeting():
    form = NextMeetingForm()
    if form.validate_on_submit():
        try:
            effort_plan.set_next_meeting(get_db(), current_unit_id(), form.next_on.data, g.staff.id)
        except SamtaleError as problem:
            return _plan_page(problem.message, next_form=form)
        flash(_("Datoen for næste statusmøde er gemt."))
    return redirect(url_for("house.effort_plan_page"))


def _typed_statuses(plan: effort_plan.EffortPlan) -> dict[int, tuple[str, str]]:
    return {
        a.id: (request.form.get(f"status-{a.id}", ""), request.form.get(f"note-{a.id}", ""))
        for a in plan.activities
    }


@bp.route("/indsatsplan/statusmoede", methods=["GET", "POST"])
@login_required
def meeting():
    """One screen: every activity in order, its colour as words, a note; saved at once."""
    db, unit_id = get_db(), current_unit_id()
    plan = effort_plan.get_plan(db, unit_id)
    typed = {a.id: (a.status, "") for a in plan.activities}
    values = {
        "held_on": request.form.get("held_on", clock.today().isoformat()),
        "participants": request.form.get("participants", ""),
        "next_meeting_on": request.form.get("next_on", ""),
    }
    error = None
    if PostForm().validate_on_submit():
        typed = _typed_statuses(plan)
        try:
            status_meeting.record_meeting(
                db, unit_id, statuses=typed, staff_id=g.staff.id, **values
            )
        except SamtaleError as problem:
            error = problem.message
        else:
            flash(_("Statusmødet er gemt."))
            return redirect(url_for("house.effort_plan_page"))
    return render_template(
        "house/meeting.html",
        plan=plan,
        error=error,
        held_on=values["held_on"],
        participants=values["participants"],
        next_on=values["next_meeting_on"],
        default_next=_default_next(values["held_on"]),
        typed=typed,
        statuses=effort_plan.STATUSES,
        status_label=effort_plan.status_label,
    )


def _default_next(held_on: str) -> str:
    try:
        day = dates.parse(held_on)
    except SamtaleError:
        day = clock.today()
    return dates.add_months(day, effort_plan.MEETING_MONTHS).isoformat()
