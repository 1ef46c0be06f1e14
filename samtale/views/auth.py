"""Logging in and out, and each staff member's own profile (language, password)."""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Length

from samtale import clock, passwords, sessions, staff, throttle, totp
from samtale.errors import SamtaleError
from samtale.web.access import audit_event, client_address, login_required
from samtale.web.db import get_db
from samtale.web.forms import Form
from samtale.web.sessions import regenerate

bp = Blueprint("auth", __name__)

PENDING = "pending_login"  # password accepted, second factor still to come

# Verifying against this when the username is unknown keeps the timing the same.
_DUMMY_HASH = None


class LoginForm(Form):
    username = StringField(_l("Brugernavn"), validators=[DataRequired(), Length(max=40)])
    password = PasswordField(_l("Adgangskode"), validators=[DataRequired(), Length(max=128)])


class ProfileForm(Form):
    language = SelectField(
        _l("Sprog"), choices=[SelectChoice("da", "Dansk"), SelectChoice("en", "English")]
    )


class PasswordForm(Form):
    current = PasswordField(_l("Nuværende adgangskode"), validators=[DataRequired()])
    new = PasswordField(_l("Ny adgangskode"), validators=[DataRequired(), Length(max=128)])


def hasher() -> passwords.Hasher:
    return passwords.Hasher(
        current_app.config["ARGON2_TIME_COST"], current_app.config["ARGON2_MEMORY_KIB"]
    )


def limits() -> throttle.Limits:
    config = current_app.config
    return throttle.Limits(
        config["LOGIN_MAX_FAILURES"],
        config["LOGIN_MAX_ADDRESS_FAILURES"],
        config["LOGIN_WINDOW_MINUTES"],
    )


def safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("start.index")


def _check_password(username: str, password: str) -> int | None:
    global _DUMMY_HASH
    account = staff.find_by_username(get_db(), username)
    if account is None:
        _DUMMY_HASH = _DUMMY_HASH or hasher().hash("dummy password for timing")
        hasher().verify(_DUMMY_HASH, password)
        return None
    if not hasher().verify(account["password_hash"], password) or not account["active"]:
        return None
    return account["id"]


def _refuse_login(form: LoginForm, username: str, paused: bool):
    db = get_db()
    throttle.record(db, username, client_address(), False)
    audit_event(
        "login_failed",
        object_type="staff",
        object_id=username[:40],
        outcome="paused" if paused else "wrong_credentials",
    )
    if paused:
        message = _(
            "For mange forkerte forsøg. Vent %(n)s minutter, og prøv igen.",
            n=current_app.config["LOGIN_WINDOW_MINUTES"],
        )
    else:
        message = _("Forkert brugernavn eller adgangskode.")
    return render_template("auth/login.html", form=form, error=message), 429 if paused else 200


def begin_second_step(staff_id: int):
    """Password accepted, code still to come: a fresh session holding only a pending
    marker (no staff_id), then the code page (samtale/views/security.py)."""
    target = request.args.get("next")
    session.clear()
    regenerate(session)
    session[PENDING] = {"staff_id": staff_id, "at": clock.now_iso(), "next": target}
    return redirect(url_for("security.login_code"))


def finish_login(staff_id: int):
    """Start a fresh session for `staff_id` and record the login."""
    session.clear()
    regenerate(session)
    session["staff_id"] = staff_id
    g.staff = staff.get(get_db(), staff_id)
    audit_event("login", object_type="staff", object_id=staff_id)


@bp.route("/log-ind", methods=["GET", "POST"])
def login():
    if g.get("staff") is not None:
        return redirect(safe_next(request.args.get("next")))
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form, error=None)
    username = form.username.data.strip()
    db = get_db()
    if throttle.is_paused(db, username, client_address(), limits()):
        return _refuse_login(form, username, paused=True)
    staff_id = _check_password(username, form.password.data)
    if staff_id is None:
        return _refuse_login(form, username, paused=False)
    if totp.is_enabled(db, staff_id):
        return begin_second_step(staff_id)
    throttle.record(db, username, client_address(), True)
    finish_login(staff_id)
    return redirect(safe_next(request.args.get("next")))


@bp.post("/log-ud")
def logout():
    if g.get("staff") is not None:
        audit_event("logout", object_type="staff", object_id=g.staff.id)
    session.clear()
    regenerate(session)
    flash(_("Du er logget ud."))
    return redirect(url_for("auth.login"))


@bp.route("/profil", methods=["GET", "POST"])
@login_required
def profile():
    form = ProfileForm(language=g.staff.language)
    if form.validate_on_submit():
        staff.set_language(get_db(), g.staff.id, form.language.data)
        with force_locale(form.language.data):  # the message in the language just chosen
            flash(_("Dine indstillinger er gemt."))
        return redirect(url_for("auth.profile"))
    return render_template(
        "auth/profile.html", form=form, password_form=PasswordForm(), password_error=None
    )


@bp.post("/profil/adgangskode")
@login_required
def change_password():
    form = PasswordForm()
    error = None
    if form.validate_on_submit():
        db = get_db()
        account = staff.find_by_username(db, g.staff.username)
        if not hasher().verify(account["password_hash"], form.current.data):
            error = _("Den nuværende adgangskode er forkert.")
        else:
            try:
                staff.set_password(db, hasher(), g.staff.id, form.new.data)
            except SamtaleError as problem:
                error = problem.message
            else:
                sessions.delete_for_staff(db, g.staff.id)  # other devices log out
                finish_login(g.staff.id)
                flash(_("Din adgangskode er skiftet."))
                return redirect(url_for("auth.profile"))
    else:
        error = _("Udfyld begge felter.")
    return render_template(
        "auth/profile.html",
        form=ProfileForm(language=g.staff.language),
        password_form=form,
        password_error=error,
    ), 400


@bp.post("/sprog")
def language():
    """Language for the login page, before anyone is logged in."""
    choice = request.form.get("language", "da")
    session["language"] = choice if choice in ("da", "en") else "da"
    return redirect(safe_next(request.form.get("next")))
