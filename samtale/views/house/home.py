"""The house page (newcomers without a mentor, mentor matches, prøvehandlinger, the
next status meeting), the unit picker, the mentor guide and the printable board."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField

from samtale import markdown, staff
from samtale.errors import SamtaleError
from samtale.house import board, effort_plan, guide, mentor, newcomers, trials, wishes
from samtale.views.house.common import (
    PostForm,
    audit_shown,
    bp,
    current_unit_id,
    my_units,
    use_unit,
)
from samtale.views.house.residents import unit_checklists
from samtale.web.access import audit_event, leader_required, login_required
from samtale.web.db import get_db
from samtale.web.forms import Form


class GuideForm(Form):
    body = TextAreaField(_l("Mentorguiden (Markdown)"))


@bp.get("/")
@login_required
def index():
    db, unit_id = get_db(), current_unit_id()
    without = newcomers.newcomers_without_mentor(db, [unit_id])
    waiting = newcomers.newcomers_waiting_for_match(db, [unit_id])
    matches = mentor.active_matches_in_unit(db, unit_id)
    shown = [r.id for r in without + waiting]
    audit_shown(shown + [i for m in matches for i in (m.resident_id, m.mentor_id)], "house")
    open_trials = [t for t in trials.list_for_unit(db, unit_id) if t.stage != "decided"]
    return render_template(
        "house/index.html",
        unit_id=unit_id,
        units=my_units(),
        form=PostForm(),
        without=without,
        waiting=waiting,
        matches=matches,
        open_trials=open_trials,
        next_meeting=effort_plan.next_status_meeting(db, unit_id),
        checklists=unit_checklists(db, unit_id),
        wish_count=len(wishes.wishes_for_unit(db, unit_id)),
    )


@bp.post("/afdeling")
@login_required
def choose_unit():
    try:
        use_unit(int(request.form.get("unit", "0")))
    except ValueError:
        abort(400)
    return redirect(url_for("house.index"))


@bp.get("/mentorguide")
@login_required
def guide_page():
    unit_id = current_unit_id()
    text = guide.get_guide(get_db(), unit_id)
    return render_template(
        "house/guide.html", guide=text, html=markdown.render(text.body), units=my_units()
    )


@bp.route("/mentorguide/rediger", methods=["GET", "POST"])
@leader_required
def guide_edit():
    db, unit_id = get_db(), current_unit_id()
    current = guide.get_guide(db, unit_id)
    form, error = GuideForm(body=current.body), None
    if form.validate_on_submit():
        try:
            if request.form.get("reset"):
                guide.reset_guide(db, unit_id)
            else:
                guide.save_guide(db, unit_id, form.body.data, g.staff.id)
        except SamtaleError as problem:
            error = problem.message
        else:
            audit_event("admin", object_type="mentor_guide", object_id=unit_id)
            flash(_("Mentorguiden er gemt."))
            return redirect(url_for("house.guide_page"))
    preview = markdown.render(form.body.data)
    return render_template(
        "house/guide_edit.html",
        form=form,
        error=error,
        guide=current,
        preview=preview,
        unit_name=staff.unit_name(db, unit_id),
    )


@bp.get("/tavle")
@login_required
def board_page():
    unit_id = current_unit_id()
    data = board.board_for(get_db(), unit_id)
    audit_shown(data.named_resident_ids, "house_board")
    return render_template("house/board.html", board=data)
