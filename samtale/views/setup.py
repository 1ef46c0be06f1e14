"""First-run setup: the one-time link printed by `samtale serve` lets the first leader
create their account and the first unit."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from samtale import firstrun, staff
from samtale.errors import SamtaleError
from samtale.views.auth import finish_login, hasher
from samtale.web.db import get_db
from samtale.web.forms import Form

bp = Blueprint("setup", __name__)


class SetupForm(Form):
    display_name = StringField(_l("Dit navn"), validators=[DataRequired(), Length(max=80)])
    username = StringField(_l("Brugernavn"), validators=[DataRequired(), Length(max=40)])
    password = PasswordField(
        _l("Adgangskode (mindst 8 tegn)"), validators=[DataRequired(), Length(max=128)]
    )
    password2 = PasswordField(
        _l("Gentag adgangskoden"),
        validators=[
            DataRequired(),
            EqualTo("password", message=_l("De to adgangskoder er ikke ens.")),
        ],
    )
    unit = StringField(
        _l("Navn på den første afdeling"), validators=[DataRequired(), Length(max=80)]
    )


def _create_leader(form: SetupForm) -> int:
    db = get_db()
    with db.atomic():
        unit_id = staff.create_unit(db, form.unit.data)
        return staff.create(
            db,
            hasher(),
            username=form.username.data,
            display_name=form.display_name.data,
            password=form.password.data,
            role="leder",
            unit_ids=[unit_id],
        )


@bp.route("/opsaetning/<token>", methods=["GET", "POST"])
def first_leader(token: str):
    db = get_db()
    if not firstrun.is_valid(db, token):
        return render_template("setup/invalid.html"), 404
    form = SetupForm()
    error = None
    if form.validate_on_submit():
        try:
            staff_id = _create_leader(form)
        except SamtaleError as problem:
            error = problem.message
        else:
            firstrun.mark_used(db, token)
            finish_login(staff_id)
            flash(_("Velkommen. Din konto og afdelingen er oprettet. Opret nu dine kolleger."))
            return redirect(url_for("admin.staff_list"))
    return render_template("setup/setup.html", form=form, error=error)
