"""Residents: the list of my units' residents, registering and editing a resident,
and each resident's own page (the hub for conversations, plan and follow-up)."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from samtale import clock, residents, staff
from samtale.errors import SamtaleError
from samtale.web.access import audit_event, login_required, resident_or_404
from samtale.web.db import get_db
from samtale.web.forms import Form

bp = Blueprint("residents", __name__, url_prefix="/beboere")


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ResidentForm(Form):
    display_name = StringField(
        _l("Navn (fornavn og forbogstav, eller det navn beboeren vil kaldes)"),
        validators=[DataRequired(), Length(max=60)],
    )
    unit = SelectField(_l("Afdeling"), coerce=int)
    moved_in = DateField(_l("Indflytningsdato"), validators=[DataRequired()])
    contacts = MultiCheckboxField(_l("Kontaktpersoner (højst to)"), coerce=int)
    status = RadioField(
        _l("Status"),
        choices=[
            SelectChoice("bor_her", _l("Bor her")),
            SelectChoice("fraflyttet", _l("Fraflyttet")),
        ],
        default="bor_her",
    )
    moved_out = DateField(_l("Fraflytningsdato"), validators=[Optional()])


def _form(**data) -> ResidentForm:
    db = get_db()
    form = ResidentForm(**data)
    my_units = staff.units(db, g.staff.unit_ids)
    form.unit.choices = [SelectChoice(u["id"], u["name"]) for u in my_units]
    people: dict[int, tuple[str, list[str]]] = {}
    for unit in my_units:
        for person in residents.staff_in_unit(db, unit["id"]):
            people.setdefault(person["id"], (person["display_name"], []))[1].append(unit["name"])
    form.contacts.choices = [
        SelectChoice(staff_id, f"{name} ({', '.join(units)})")
        for staff_id, (name, units) in sorted(people.items(), key=lambda item: item[1][0])
    ]
    return form


def _check_unit(unit_id: int) -> None:
    if unit_id not in g.staff.unit_ids:
        raise SamtaleError(_("Du kan kun oprette beboere i dine egne afdelinger."))


PAGE_SIZE = 50


@bp.get("/")
@login_required
def index():
    """My units' residents, 50 to a page (?side=2), optionally those whose name holds
    ?navn=...; ?alle=1 also shows those who moved out."""
    show_all = request.args.get("alle") == "1"
    name = request.args.get("navn", "").strip()[:60]
    db = get_db()
    total = residents.count_for_staff(db, g.staff, include_moved_out=show_all, name=name)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(request.args.get("side", 1, type=int) or 1, 1), pages)
    people = residents.list_for_staff(db, g.staff, include_moved_out=show_all, name=name,
                                      limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    audit_event("read", object_type="resident_list")
    return render_template("residents/list.html", people=people, show_all=show_all,
                           name=name, page=page, pages=pages, total=total)


@bp.route("/ny", methods=["GET", "POST"])
@login_required
def new():
    form = _form(moved_in=clock.today(), contacts=[g.staff.id])
    error = None
    if form.validate_on_submit():
        try:
            _check_unit(form.unit.data)
            resident_id = residents.create(
                get_db(),
                display_name=form.display_name.data,
                unit_id=form.unit.data,
                moved_in=form.moved_in.data.isoformat(),
                contact_ids=form.contacts.data,
            )
        except SamtaleError as problem:
            error = problem.message
        else:
            audit_event(
                "create", resident_id=resident_id, object_type="resident", object_id=resident_id
            )
            flash(_("%(name)s er oprettet.", name=form.display_name.data))
            return redirect(url_for("residents.show", resident_id=resident_id))
    return render_template("residents/form.html", form=form, error=error, resident=None)


@bp.get("/<int:resident_id>")
@login_required
def show(resident_id: int):
    resident = resident_or_404(resident_id)
    return render_template("residents/show.html", resident=resident)


@bp.route("/<int:resident_id>/rediger", methods=["GET", "POST"])
@login_required
def edit(resident_id: int):
    resident = resident_or_404(resident_id, "read", object_type="resident_details")
    form = _form(
        display_name=resident.display_name,
        unit=resident.unit_id,
        moved_in=_date(resident.moved_in),
        contacts=list(resident.contact_ids),
        status=resident.status,
        moved_out=_date(resident.moved_out),
    )
    error = None
    if form.validate_on_submit():
        try:
            _check_unit(form.unit.data)
            residents.update(
                get_db(),
                resident.id,
                display_name=form.display_name.data,
                unit_id=form.unit.data,
                moved_in=form.moved_in.data.isoformat(),
                status=form.status.data,
                contact_ids=form.contacts.data,
                moved_out=form.moved_out.data.isoformat() if form.moved_out.data else None,
            )
        except SamtaleError as problem:
            error = problem.message
        else:
            audit_event(
                "update",
                resident_id=resident.id,
                object_type="resident_details",
                object_id=resident.id,
            )
            flash(_("Ændringerne er gemt."))
            return redirect(url_for("residents.show", resident_id=resident.id))
    return render_template("residents/form.html", form=form, error=error, resident=resident)


def _date(text: str | None):
    from datetime import date

    return date.fromisoformat(text) if text else None
