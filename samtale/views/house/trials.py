"""Prøvehandlinger: the list, a new idea, and one trial's page with the form for its
next step (plan, tried, evaluation, decision), board consent and its history."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectChoice, StringField, TextAreaField

from samtale import clock, residents
from samtale.errors import SamtaleError
from samtale.house import trial_people, trials, wish_ideas
from samtale.views.house.common import (
    MultiCheckboxField,
    PostForm,
    audit_shown,
    bp,
    current_unit_id,
    use_unit,
)
from samtale.web.access import audit_event, login_required
from samtale.web.db import get_db
from samtale.web.forms import Form

DATE = {"type": "date"}


class IdeaForm(Form):
    title = StringField(_l("Titel"), render_kw={"maxlength": trials.TITLE_LENGTH})
    idea = TextAreaField(_l("Idéen med dine egne ord"))


class PlanForm(Form):
    what = TextAreaField(_l("Hvad vil I prøve?"))
    start = StringField(_l("Hvornår starter I?"), render_kw=DATE)
    end = StringField(_l("Slutter (kan udelades)"), render_kw=DATE)
    residents = MultiCheckboxField(_l("Ansvarlige beboere"), coerce=int)
    staff = MultiCheckboxField(_l("Ansvarlige medarbejdere"), coerce=int)


class TriedForm(Form):
    tried_on = StringField(_l("Hvornår prøvede I det?"), render_kw=DATE)
    note = TextAreaField(_l("Hvordan gik det? (kan udelades)"))


class EvaluationForm(Form):
    worked = TextAreaField(_l("Det virkede"))
    not_worked = TextAreaField(_l("Det virkede ikke"))
    residents_words = TextAreaField(_l("Beboernes egne ord"))


class DecisionForm(Form):
    decision = RadioField(
        _l("Beslutning"),
        choices=[
            SelectChoice("keep", _l("Fortsæt: det holder vi fast i")),
            SelectChoice("adjust", _l("Justér: vi prøver en ny runde")),
            SelectChoice("drop", _l("Stop: det dropper vi")),
        ],
        validate_choice=False,
    )
    note = TextAreaField(_l("Hvorfor? Hvad skal ændres? (kan udelades)"))


bp.add_app_template_global(trials.stage_label, "stage_label")
bp.add_app_template_global(trials.decision_label, "decision_label")
bp.add_app_template_global(trials.event_label, "event_label")


def _trial(trial_id: int) -> trials.Trial:
    trial = trials.get(get_db(), trial_id, g.staff.unit_ids)
    use_unit(trial.unit_id)
    return trial


def _plan_form(trial: trials.Trial, **data) -> PlanForm:
    db = get_db()
    form = PlanForm(**data)
    form.residents.choices = [
        SelectChoice(p["id"], p["display_name"]) for p in trial_people.candidates(db, trial.unit_id)
    ]
    form.staff.choices = [
        SelectChoice(s["id"], s["display_name"]) for s in residents.staff_in_unit(db, trial.unit_id)
    ]
    return form


def _forms(trial: trials.Trial) -> dict:
    """The forms for the trial's page, filled with what is saved."""
    plan = _plan_form(
        trial,
        what=trial.plan_what or trial.idea,
        start=trial.plan_start or "",
        end=trial.plan_end or "",
        residents=[p.resident_id for p in trial.residents],
        staff=[s[0] for s in trial.staff] or [g.staff.id],
    )
    return {
        "idea": IdeaForm(title=trial.title, idea=trial.idea),
        "plan": plan,
        "tried": TriedForm(tried_on=clock.today().isoformat()),
        "evaluation": EvaluationForm(
            worked=trial.worked, not_worked=trial.not_worked, residents_words=trial.residents_words
        ),
        "decision": DecisionForm(),
        "post": PostForm(),
    }


def _render(trial: trials.Trial, error: str | None = None, **typed):
    audit_shown([p.resident_id for p in trial.residents], "trial", trial.id)
    from_wishes = wish_ideas.wishes_of_trial(get_db(), trial.id, trial.unit_id)
    audit_shown(from_wishes.named_ids, "house_wishes", trial.id)
    if trial.stage in ("idea", "planned"):
        audit_event("read", object_type="resident_list")  # the plan form lists the unit
    forms = _forms(trial) | typed
    return render_template(
        "house/trial.html",
        trial=trial,
        forms=forms,
        error=error,
        history=trials.history(get_db(), trial.id),
        names=_names(trial),
        from_wishes=from_wishes,
    )


def _names(trial: trials.Trial) -> dict:
    """Ids in the history → names, for those still responsible (others: 'en beboer')."""
    people = {p.resident_id: p.display_name for p in trial.residents}
    staff_names = dict(trial.staff)
    return {"residents": people, "staff": staff_names}


@bp.get("/proevehandlinger")
@login_required
def trials_list():
    unit_id = current_unit_id()
    return render_template(
        "house/trials.html", trials=trials.list_for_unit(get_db(), unit_id), stages=trials.STAGES
    )


@bp.route("/proevehandlinger/ny", methods=["GET", "POST"])
@login_required
def trial_new():
    form, error = IdeaForm(), None
    if form.validate_on_submit():
        try:
            trial_id = trials.create_idea(
                get_db(),
                current_unit_id(),
                title=form.title.data,
                idea=form.idea.data,
                staff_id=g.staff.id,
            )
        except SamtaleError as problem:
            error = problem.message
        else:
            flash(_("Idéen er gemt."))
            return redirect(url_for("house.trial", trial_id=trial_id))
    return render_template("house/trial_new.html", form=form, error=error)


@bp.get("/proevehandlinger/<int:trial_id>")
@login_required
def trial(trial_id: int):
    return _render(_trial(trial_id))


def _step(trial: trials.Trial, form_key: str, form, action):
    """Run one step; on a domain error show the page again with what was typed."""
    if not form.validate_on_submit():
        return _render(trial, _("Tjek felterne og prøv igen."), **{form_key: form})
    try:
        result = action(form)
    except SamtaleError as problem:
        return _render(trial, problem.message, **{form_key: form})
    flash(_("Det er gemt."))
    return redirect(url_for("house.trial", trial_id=result or trial.id))


@bp.post("/proevehandlinger/<int:trial_id>/ide")
@login_required
def trial_idea(trial_id: int):
    trial = _trial(trial_id)
    return _step(
        trial,
        "idea",
        IdeaForm(),
        lambda f: trials.update_idea(
            get_db(), trial, title=f.title.data, idea=f.idea.data, staff_id=g.staff.id
        ),
    )


@bp.post("/proevehandlinger/<int:trial_id>/plan")
@login_required
def trial_plan(trial_id: int):
    trial = _trial(trial_id)
    return _step(
        trial,
        "plan",
        _plan_form(trial),
        lambda f: trials.plan(
            get_db(),
            trial,
            what=f.what.data,
            start=f.start.data,
            end=f.end.data,
            resident_ids=f.residents.data,
            staff_ids=f.staff.data,
            staff_id=g.staff.id,
        ),
    )


@bp.post("/proevehandlinger/<int:trial_id>/proevet")
@login_required
def trial_tried(trial_id: int):
    trial = _trial(trial_id)
    return _step(
        trial,
        "tried",
        TriedForm(),
        lambda f: trials.mark_tried(
            get_db(), trial, tried_on=f.tried_on.data, note=f.note.data, staff_id=g.staff.id
        ),
    )


@bp.post("/proevehandlinger/<int:trial_id>/evaluering")
@login_required
def trial_evaluate(trial_id: int):
    trial = _trial(trial_id)
    return _step(
        trial,
        "evaluation",
        EvaluationForm(),
        lambda f: trials.evaluate(
            get_db(),
            trial,
            worked=f.worked.data,
            not_worked=f.not_worked.data,
            residents_words=f.residents_words.data,
            staff_id=g.staff.id,
        ),
    )


@bp.post("/proevehandlinger/<int:trial_id>/beslutning")
@login_required
def trial_decide(trial_id: int):
    trial = _trial(trial_id)
    return _step(
        trial,
        "decision",
        DecisionForm(),
        lambda f: trials.decide(
            get_db(), trial, decision=f.decision.data, note=f.note.data, staff_id=g.staff.id
        ),
    )


@bp.post("/proevehandlinger/<int:trial_id>/tavle")
@login_required
def trial_consent(trial_id: int):
    """Save, for each responsible resident, whether they may be named on the board."""
    trial = _trial(trial_id)
    if not PostForm().validate_on_submit():
        return _render(trial, _("Tjek felterne og prøv igen."))
    named = set(request.form.getlist("named", type=int))
    db = get_db()
    with db.atomic():
        for person in trial.residents:
            if (person.resident_id in named) != person.named_on_board:
                trial_people.set_board_consent(
                    db, trial.id, person.resident_id, not person.named_on_board
                )
                audit_event(
                    "update",
                    resident_id=person.resident_id,
                    object_type="trial_board_consent",
                    object_id=trial.id,
                )
    flash(_("Samtykket til tavlen er gemt."))
    return redirect(url_for("house.trial", trial_id=trial.id))
