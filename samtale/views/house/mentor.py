"""Resident mentors, under the new resident's URL: start a match, the match page with
agreements and evaluation (with the jeg-form hint), and recording the mentor offer.
Also the template globals behind the resident page's section and the "Min plan" panel."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice, SelectField, StringField

from samtale import clock, residents
from samtale.errors import SamtaleError
from samtale.house import jeg, mentor, newcomers
from samtale.residents import Resident
from samtale.views.house.common import PostForm, chosen_text
from samtale.web.access import audit_event, login_required, resident_or_404
from samtale.web.db import get_db
from samtale.web.forms import Form
from samtale.web.handover import handover_allowed

bp = Blueprint("mentor", __name__, url_prefix="/beboere/<int:resident_id>/mentor")

DATE = {"type": "date"}
OBJECT = "mentor_match"


class MatchForm(Form):
    mentor = SelectField(_l("Mentor"), coerce=int, validate_choice=False)
    started_on = StringField(_l("Start"), render_kw=DATE)
    ends_on = StringField(_l("Slut (planlagt)"), render_kw=DATE)
    staff = SelectField(_l("Medarbejder, I altid kan hente"), coerce=int, validate_choice=False)


def _match_form(resident: Resident, **data) -> MatchForm:
    db = get_db()
    form = MatchForm(**data)
    form.mentor.choices = [SelectChoice(0, _("Vælg en beboer"))] + [
        SelectChoice(c["id"], c["display_name"]) for c in mentor.mentor_candidates(db, resident.id)
    ]
    form.staff.choices = [
        SelectChoice(s["id"], s["display_name"])
        for s in residents.staff_in_unit(db, resident.unit_id)
    ]
    return form


def _audit_other(match: mentor.MentorMatch, resident_id: int) -> None:
    other_id, _name = match.other(resident_id)
    audit_event("read", resident_id=other_id, object_type=OBJECT, object_id=match.id)


@bp.route("/ny", methods=["GET", "POST"])
@login_required
def new(resident_id: int):
    resident = resident_or_404(resident_id, "read", object_type=OBJECT)
    audit_event("read", object_type="resident_list")  # the form lists the unit's residents
    start = clock.today()
    form = _match_form(
        resident,
        started_on=start.isoformat(),
        ends_on=mentor.default_end(start).isoformat(),
        staff=g.staff.id,
    )
    error = None
    if form.validate_on_submit():
        try:
            match_id = mentor.create_match(
                get_db(),
                resident_id=resident.id,
                mentor_id=form.mentor.data,
                started_on=form.started_on.data,
                ends_on=form.ends_on.data,
                staff_id=form.staff.data,
                created_by=g.staff.id,
            )
        except SamtaleError as problem:
            error = problem.message
        else:
            audit_event("create", resident_id=resident.id, object_type=OBJECT, object_id=match_id)
            flash(_("Mentorforløbet er startet. Skriv jeres aftaler herunder."))
            return redirect(url_for("mentor.show", resident_id=resident.id, match_id=match_id))
    return render_template("house/match_new.html", resident=resident, form=form, error=error)


def _load(resident_id: int, match_id: int):
    resident = resident_or_404(resident_id, "read", object_type=OBJECT, object_id=match_id)
    match = mentor.get_match(get_db(), match_id, resident.id)
    _audit_other(match, resident.id)
    return resident, match


def _render(resident: Resident, match: mentor.MentorMatch, error=None, typed=None):
    typed = typed or {}
    writer = typed.get("by") or match.evaluation_by or "newcomer"
    writer_name = match.resident_name if writer == "newcomer" else match.mentor_name
    newcomer_names = jeg.names_of(match.resident_name)
    hints = {
        a.id: jeg.hint(typed.get(f"agreement-{a.id}") or a.text, newcomer_names)
        for a in match.agreements
    }
    return render_template(
        "house/match.html",
        resident=resident,
        match=match,
        error=error,
        typed=typed,
        form=PostForm(),
        hints=hints,
        evaluation_hint=jeg.hint(
            typed.get("evaluation") or match.evaluation, jeg.names_of(writer_name)
        ),
        today=clock.today().isoformat(),
    )


@bp.get("/<int:match_id>")
@login_required
@handover_allowed
def show(resident_id: int, match_id: int):
    return _render(*_load(resident_id, match_id))


@bp.route("/<int:match_id>/rediger", methods=["GET", "POST"])
@login_required
def edit(resident_id: int, match_id: int):
    resident, match = _load(resident_id, match_id)
    form = _match_form(
        resident, started_on=match.started_on, ends_on=match.ends_on or "", staff=match.staff_id
    )
    error = None
    if form.validate_on_submit():
        try:
            mentor.update_match(
                get_db(),
                match.id,
                resident.id,
                started_on=form.started_on.data,
                ends_on=form.ends_on.data,
                staff_id=form.staff.data,
            )
        except SamtaleError as problem:
            error = problem.message
        else:
            _saved(resident, match.id)
            return redirect(url_for("mentor.show", resident_id=resident.id, match_id=match.id))
    return render_template(
        "house/match_edit.html", resident=resident, match=match, form=form, error=error
    )


def _saved(resident: Resident, match_id: int, message: str | None = None) -> None:
    audit_event("update", resident_id=resident.id, object_type=OBJECT, object_id=match_id)
    flash(message or _("Det er gemt."))


def _change(resident_id: int, match_id: int, action, typed: dict):
    """Run a change from the match page; on a domain error show the page with the typing."""
    resident, match = _load(resident_id, match_id)
    if not PostForm().validate_on_submit():
        return _render(resident, match, _("Tjek felterne og prøv igen."), typed)
    try:
        action(get_db(), match, resident)
    except SamtaleError as problem:
        return _render(resident, match, problem.message, typed)
    _saved(resident, match.id)
    return redirect(url_for("mentor.show", resident_id=resident.id, match_id=match.id))


@bp.post("/<int:match_id>/aftaler")
@login_required
@handover_allowed
def agreement_add(resident_id: int, match_id: int):
    text = request.form.get("text", "")
    return _change(
        resident_id,
        match_id,
        lambda db, m, r: mentor.add_agreement(db, m.id, r.id, text),
        {"new_agreement": text},
    )


@bp.post("/<int:match_id>/aftaler/<int:agreement_id>")
@login_required
@handover_allowed
def agreement_edit(resident_id: int, match_id: int, agreement_id: int):
    text = chosen_text(request.form.get("text"))
    return _change(
        resident_id,
        match_id,
        lambda db, m, r: mentor.update_agreement(db, agreement_id, m.id, r.id, text),
        {f"agreement-{agreement_id}": text},
    )


@bp.post("/<int:match_id>/aftaler/<int:agreement_id>/slet")
@login_required
@handover_allowed
def agreement_delete(resident_id: int, match_id: int, agreement_id: int):
    return _change(
        resident_id,
        match_id,
        lambda db, m, r: mentor.delete_agreement(db, agreement_id, m.id, r.id),
        {},
    )


@bp.post("/<int:match_id>/evaluering")
@login_required
@handover_allowed
def evaluate(resident_id: int, match_id: int):
    typed = {
        "evaluation": chosen_text(request.form.get("evaluation")),
        "by": request.form.get("by", ""),
        "on": request.form.get("on", ""),
    }
    return _change(
        resident_id,
        match_id,
        lambda db, m, r: mentor.evaluate(
            db, m.id, r.id, text=typed["evaluation"], by=typed["by"], on=typed["on"]
        ),
        typed,
    )


@bp.post("/tilbud")
@login_required
def offer(resident_id: int):
    resident = resident_or_404(resident_id, "read", object_type="mentor_offer")
    if PostForm().validate_on_submit():
        try:
            newcomers.record_offer(
                get_db(),
                resident.id,
                request.form.get("outcome", ""),
                request.form.get("reason"),
                g.staff.id,
            )
        except SamtaleError as problem:
            flash(problem.message, "error")
        else:
            audit_event("update", resident_id=resident.id, object_type="mentor_offer")
            flash(_("Svaret på tilbuddet om en mentor er gemt."))
    return redirect(url_for("residents.show", resident_id=resident.id))


@bp.app_template_global()
def mentor_section(resident: Resident) -> dict:
    """What the resident page and the "Min plan" panel show about mentors."""
    db = get_db()
    matches = mentor.mentor_matches_for(db, resident.id)
    for match in matches:
        _audit_other(match, resident.id)
    return {
        "matches": matches,
        "offer": newcomers.offer_for(db, resident.id),
        "newcomer": newcomers.is_newcomer(resident),
        "has_mentor": any(m.active and m.resident_id == resident.id for m in matches),
    }
