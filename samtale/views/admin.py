"""The leader's administration: staff accounts and units."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, RadioField, SelectChoice, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from samtale import sessions, staff
from samtale.errors import SamtaleError
from samtale.views.auth import hasher
from samtale.web.access import audit_event, leader_required
from samtale.web.db import get_db
from samtale.web.forms import Form

bp = Blueprint("admin", __name__, url_prefix="/admin")

ROLE_CHOICES = [
    SelectChoice("kontaktperson", _l("Kontaktperson")),
    SelectChoice("leder", _l("Leder")),
]


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class StaffForm(Form):
    display_name = StringField(_l("Navn"), validators=[DataRequired(), Length(max=80)])
    username = StringField(_l("Brugernavn"), validators=[DataRequired(), Length(max=40)])
    role = RadioField(_l("Rolle"), choices=ROLE_CHOICES, default="kontaktperson")
    units = MultiCheckboxField(_l("Afdelinger"), coerce=int)
    password = PasswordField(_l("Adgangskode (mindst 8 tegn)"), validators=[Length(max=128)])


class UnitForm(Form):
    name = StringField(_l("Afdelingens navn"), validators=[DataRequired(), Length(max=80)])


class PasswordResetForm(Form):
    password = PasswordField(_l("Ny adgangskode"), validators=[DataRequired(), Length(max=128)])


def _staff_form(**data) -> StaffForm:
    form = StaffForm(**data)
    form.units.choices = [SelectChoice(u["id"], u["name"]) for u in staff.units(get_db())]
    return form


@bp.get("/")
@leader_required
def index():
    return redirect(url_for("admin.staff_list"))


@bp.get("/personale")
@leader_required
def staff_list():
    return render_template("admin/staff_list.html", people=staff.list_all(get_db()))


@bp.route("/personale/ny", methods=["GET", "POST"])
@leader_required
def staff_new():
    form = _staff_form()
    error = None
    if form.validate_on_submit():
        try:
            new_id = staff.create(
                get_db(),
                hasher(),
                username=form.username.data,
                display_name=form.display_name.data,
                password=form.password.data or "",
                role=form.role.data,
                unit_ids=form.units.data,
            )
        except SamtaleError as problem:
            error = problem.message
        else:
            audit_event("admin", object_type="staff", object_id=new_id, purpose="create")
            flash(_("%(name)s er oprettet.", name=form.display_name.data))
            return redirect(url_for("admin.staff_list"))
    return render_template("admin/staff_form.html", form=form, error=error, member=None)


@bp.route("/personale/<int:staff_id>", methods=["GET", "POST"])
@leader_required
def staff_edit(staff_id: int):
    db = get_db()
    member = staff.get(db, staff_id)
    form = _staff_form(
        display_name=member.display_name,
        username=member.username,
        role=member.role,
        units=list(member.unit_ids),
    )
    error = None
    if form.validate_on_submit():
        try:
            _guard_last_leader(member, form.role.data == "leder")
            staff.update(
                db,
                staff_id,
                display_name=form.display_name.data,
                role=form.role.data,
                unit_ids=form.units.data,
            )
        except SamtaleError as problem:
            error = problem.message
        else:
            audit_event("admin", object_type="staff", object_id=staff_id, purpose="update")
            flash(_("Ændringerne er gemt."))
            return redirect(url_for("admin.staff_list"))
    return render_template(
        "admin/staff_form.html",
        form=form,
        error=error,
        member=member,
        reset_form=PasswordResetForm(),
    )


def _guard_last_leader(member: staff.Staff, stays_active_leader: bool) -> None:
    if member.is_leader and not stays_active_leader and staff.active_leaders(get_db()) <= 1:
        raise SamtaleError(_("Der skal altid være mindst én aktiv leder."))


@bp.post("/personale/<int:staff_id>/aktiv")
@leader_required
def staff_toggle(staff_id: int):
    db = get_db()
    member = staff.get(db, staff_id)
    if member.id == g.staff.id:
        abort(400)
    try:
        if member.active:
            _guard_last_leader(member, False)
    except SamtaleError as problem:
        flash(problem.message, "error")
        return redirect(url_for("admin.staff_list"))
    staff.set_active(db, staff_id, not member.active)
    audit_event(
        "admin",
        object_type="staff",
        object_id=staff_id,
        purpose="disable" if member.active else "enable",
    )
    flash(
        _("%(name)s er deaktiveret og logget ud overalt.", name=member.display_name)
        if member.active
        else _("%(name)s er aktiv igen.", name=member.display_name)
    )
    return redirect(url_for("admin.staff_list"))


@bp.post("/personale/<int:staff_id>/adgangskode")
@leader_required
def staff_password(staff_id: int):
    db = get_db()
    member = staff.get(db, staff_id)
    form = PasswordResetForm()
    try:
        if not form.validate_on_submit():
            raise SamtaleError(_("Skriv en ny adgangskode."))
        staff.set_password(db, hasher(), staff_id, form.password.data)
    except SamtaleError as problem:
        flash(problem.message, "error")
        return redirect(url_for("admin.staff_edit", staff_id=staff_id))
    sessions.delete_for_staff(db, staff_id)
    audit_event("admin", object_type="staff", object_id=staff_id, purpose="password_reset")
    flash(_("Ny adgangskode er sat for %(name)s.", name=member.display_name))
    return redirect(url_for("admin.staff_list"))


@bp.route("/afdelinger", methods=["GET", "POST"])
@leader_required
def units():
    form = UnitForm()
    error = None
    if form.validate_on_submit():
        db = get_db()
        try:
            unit_id = staff.create_unit(db, form.name.data)
        except SamtaleError as problem:
            error = problem.message
        else:
            staff.set_units(db, g.staff.id, [*g.staff.unit_ids, unit_id])
            audit_event("admin", object_type="unit", object_id=unit_id, purpose="create")
            flash(
                _("Afdelingen %(name)s er oprettet, og du er tilknyttet den.", name=form.name.data)
            )
            return redirect(url_for("admin.units"))
    return render_template("admin/units.html", form=form, error=error, units=staff.units(get_db()))


@bp.post("/afdelinger/<int:unit_id>")
@leader_required
def unit_rename(unit_id: int):
    form = UnitForm()
    db = get_db()
    staff.unit_name(db, unit_id)
    try:
        if not form.validate_on_submit():
            raise SamtaleError(_("Skriv afdelingens navn."))
        staff.rename_unit(db, unit_id, form.name.data)
    except SamtaleError as problem:
        flash(problem.message, "error")
    else:
        audit_event("admin", object_type="unit", object_id=unit_id, purpose="rename")
        flash(_("Afdelingen er omdøbt."))
    return redirect(url_for("admin.units"))
