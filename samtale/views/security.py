"""Two-factor login (enrolment under "Min profil", the second login step, recovery
codes), the handover PIN, and the rule that the leader can require two-factor login."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from samtale import clock, pin, settings, staff, throttle, totp
from samtale.errors import NotFound, SamtaleError
from samtale.views.auth import PENDING, finish_login, hasher, limits, safe_next
from samtale.web.access import audit_event, client_address, login_required
from samtale.web.db import get_db
from samtale.web.forms import Form

bp = Blueprint("security", __name__)

PENDING_MINUTES = 5
ENROL_SECRET = "totp_secret"
# What a staff member may reach while two-factor login is required and not yet set up.
ENROLMENT_ENDPOINTS = frozenset(
    {
        "static",
        "security.totp_page",
        "security.totp_enable",
        "auth.logout",
        "auth.language",
        "handover.exit",
    }
)


class CodeForm(Form):
    code = StringField(
        _l("Kode fra appen, eller en gendannelseskode"),
        validators=[DataRequired(), Length(max=20)],
    )


class PinForm(Form):
    pin = PasswordField(_l("Ny PIN-kode (4 til 8 cifre)"), validators=[DataRequired()])
    password = PasswordField(_l("Din adgangskode"), validators=[DataRequired()])


# --- the second login step ------------------------------------------------


def _pending() -> dict | None:
    pending = session.get(PENDING)
    if not pending:
        return None
    started = clock.parse_iso(pending["at"])
    if (clock.now() - started).total_seconds() > PENDING_MINUTES * 60:
        session.pop(PENDING, None)
        return None
    return pending


def _code_refused(form: CodeForm, username: str, paused: bool):
    throttle.record(get_db(), username, client_address(), False)
    audit_event(
        "login_failed",
        object_type="staff",
        object_id=username,
        outcome="paused" if paused else "wrong_code",
    )
    if paused:
        error = _(
            "For mange forkerte forsøg. Vent %(n)s minutter, og prøv igen.",
            n=current_app.config["LOGIN_WINDOW_MINUTES"],
        )
    else:
        error = _("Koden passer ikke. Prøv igen med den kode, appen viser nu.")
    return render_template("security/login_code.html", form=form, error=error), (
        429 if paused else 200
    )


@bp.route("/log-ind/kode", methods=["GET", "POST"])
def login_code():
    pending = _pending()
    if pending is None:
        flash(_("Log ind igen: der gik for lang tid."), "error")
        return redirect(url_for("auth.login"))
    form = CodeForm()
    if not form.validate_on_submit():
        return render_template("security/login_code.html", form=form, error=None)
    db = get_db()
    member = staff.get(db, pending["staff_id"])
    if throttle.is_paused(db, member.username, client_address(), limits()):
        return _code_refused(form, member.username, paused=True)
    used = totp.check(db, member.id, form.code.data) if member.active else None
    if used is None:
        return _code_refused(form, member.username, paused=False)
    throttle.record(db, member.username, client_address(), True)
    finish_login(member.id)
    if used == "recovery":
        left = totp.recovery_codes_left(db, member.id)
        flash(_("Du brugte en gendannelseskode. Du har %(n)s tilbage.", n=left))
    return redirect(safe_next(pending.get("next")))


# --- requiring two-factor login ----------------------------------------------


@bp.before_app_request
def require_enrolment():
    """When the leader requires two-factor login, staff without it can only enrol."""
    if g.get("staff") is None or request.endpoint in ENROLMENT_ENDPOINTS:
        return None
    db = get_db()
    if not settings.get(db, "require_totp") or totp.is_enabled(db, g.staff.id):
        return None
    if request.method == "GET":
        return redirect(url_for("security.totp_page"))
    abort(403)


# --- enrolment under "Min profil" ----------------------------------------------


def _enrol_secret() -> str:
    secret = session.get(ENROL_SECRET)
    if not secret:
        secret = session[ENROL_SECRET] = totp.new_secret()
    return secret


def _enrol_page(form: CodeForm, error: str | None = None, status: int = 200):
    db = get_db()
    if totp.is_enabled(db, g.staff.id):
        return render_template(
            "security/totp_on.html",
            form=form,
            error=error,
            codes_left=totp.recovery_codes_left(db, g.staff.id),
        ), status
    secret = _enrol_secret()
    issuer = f"Samtale ({current_app.config['FACILITY_NAME']})"
    uri = totp.provisioning_uri(secret, g.staff.username, issuer)
    return render_template(
        "security/totp_enrol.html",
        form=form,
        error=error,
        secret=totp.grouped(secret),
        qr=totp.qr_svg(uri, _("QR-kode til din godkendelses-app")),
        required=settings.get(db, "require_totp"),
    ), status


@bp.get("/profil/to-faktor")
@login_required
def totp_page():
    return _enrol_page(CodeForm())


@bp.post("/profil/to-faktor")
@login_required
def totp_enable():
    form = CodeForm()
    if not form.validate_on_submit():
        return _enrol_page(form, _("Skriv koden fra appen."), 400)
    try:
        codes = totp.enable(get_db(), g.staff.id, _enrol_secret(), form.code.data)
    except SamtaleError as problem:
        return _enrol_page(form, problem.message, 400)
    session.pop(ENROL_SECRET, None)
    audit_event("admin", object_type="totp", object_id=g.staff.id, purpose="enable")
    return render_template("security/recovery_codes.html", codes=codes, first_time=True)


@bp.post("/profil/to-faktor/nye-koder")
@login_required
def totp_new_codes():
    form = CodeForm()
    try:
        if not form.validate_on_submit():
            raise SamtaleError(_("Skriv koden fra appen."))
        codes = totp.new_recovery_codes(get_db(), g.staff.id, form.code.data)
    except SamtaleError as problem:
        return _enrol_page(form, problem.message, 400)
    audit_event("admin", object_type="totp", object_id=g.staff.id, purpose="update")
    return render_template("security/recovery_codes.html", codes=codes, first_time=False)


@bp.post("/profil/to-faktor/slaa-fra")
@login_required
def totp_disable():
    form = CodeForm()
    db = get_db()
    try:
        if settings.get(db, "require_totp"):
            raise SamtaleError(_("Lederen kræver to-faktor-login, så det kan ikke slås fra."))
        if not form.validate_on_submit():
            raise SamtaleError(_("Skriv koden fra appen."))
        totp.disable(db, g.staff.id, form.code.data)
    except SamtaleError as problem:
        return _enrol_page(form, problem.message, 400)
    audit_event("admin", object_type="totp", object_id=g.staff.id, purpose="disable")
    flash(_("To-faktor-login er slået fra."))
    return redirect(url_for("auth.profile"))


# --- the handover PIN -------------------------------------------------------


@bp.post("/profil/pin")
@login_required
def pin_set():
    form = PinForm()
    db = get_db()
    account = staff.find_by_username(db, g.staff.username)
    try:
        if not form.validate_on_submit():
            raise SamtaleError(_("Skriv både PIN-koden og din adgangskode."))
        if not hasher().verify(account["password_hash"], form.password.data):
            raise SamtaleError(_("Adgangskoden er forkert. PIN-koden er ikke gemt."))
        pin.set_pin(db, hasher(), g.staff.id, form.pin.data)
    except SamtaleError as problem:
        flash(problem.message, "error")
        return redirect(url_for("auth.profile") + "#pin-h")
    audit_event("admin", object_type="pin", object_id=g.staff.id, purpose="update")
    flash(_("Din PIN-kode er gemt."))
    return redirect(url_for("auth.profile"))


@bp.post("/profil/pin/fjern")
@login_required
def pin_remove():
    pin.remove_pin(get_db(), g.staff.id)
    audit_event("admin", object_type="pin", object_id=g.staff.id, purpose="disable")
    flash(_("Din PIN-kode er fjernet. Brug din adgangskode for at tage skærmen tilbage."))
    return redirect(url_for("auth.profile"))


@bp.app_context_processor
def profile_security():
    """`security_status()` for the security section of "Min profil"."""

    def security_status() -> dict:
        member = g.get("staff")
        if member is None:
            raise NotFound()
        db = get_db()
        return {
            "totp": totp.is_enabled(db, member.id),
            "codes_left": totp.recovery_codes_left(db, member.id),
            "pin": pin.has_pin(db, member.id),
            "pin_form": PinForm(),
        }

    return {"security_status": security_status}
