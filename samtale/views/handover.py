"""Screen handover: start it from the resident's page, the resident's landing page while
holding the screen, and the exit that needs the staff member's PIN or password.
The guard itself is samtale.web.handover."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from wtforms import PasswordField
from wtforms.validators import DataRequired, Length

from samtale import pin, staff
from samtale.views.auth import hasher
from samtale.web import handover
from samtale.web.access import audit_event, login_required, resident_or_404
from samtale.web.db import get_db
from samtale.web.forms import Form
from samtale.web.handover import handover_allowed
from samtale.web.sessions import regenerate

bp = Blueprint("handover", __name__)
bp.before_app_request(handover.guard)
bp.app_context_processor(handover.template_globals)


class ExitForm(Form):
    secret = PasswordField(
        _l("Din PIN-kode eller adgangskode"), validators=[DataRequired(), Length(max=128)]
    )


def _target(resident_id: int) -> str:
    """Where to go after starting: a page of this resident's (from `next`), or home."""
    wanted = request.form.get("next", "")
    prefix = f"/beboere/{resident_id}/"
    if wanted.startswith(prefix) and "//" not in wanted and "\\" not in wanted:
        return wanted
    return url_for("handover.home", resident_id=resident_id)


@bp.post("/beboere/<int:resident_id>/giv-skaermen")
@login_required
def start(resident_id: int):
    resident = resident_or_404(
        resident_id, "handover", object_type="handover_start", purpose="conversation"
    )
    handover.start(resident)
    return redirect(_target(resident.id))


@bp.get("/beboere/<int:resident_id>/skaerm")
@login_required
@handover_allowed
def home(resident_id: int):
    resident = resident_or_404(resident_id, "read", object_type="resident", purpose="conversation")
    return render_template("security/handover_home.html", resident=resident)


def _secret_ok(secret: str) -> bool:
    db = get_db()
    if pin.check_pin(db, hasher(), g.staff.id, secret):
        return True
    account = staff.find_by_username(db, g.staff.username)
    return bool(account) and hasher().verify(account["password_hash"], secret)


def _lock_out():
    handover.end("too_many_attempts")
    audit_event("logout", object_type="staff", object_id=g.staff.id, outcome="too_many_attempts")
    session.clear()
    regenerate(session)
    flash(_("Koden var forkert for mange gange, så du er logget ud. Log ind igen."), "error")
    return redirect(url_for("auth.login"))


@bp.route("/skaerm/afslut", methods=["GET", "POST"], endpoint="exit")
@login_required
def leave():
    state = handover.current()
    if state is None:
        return redirect(url_for("start.index"))
    form = ExitForm()
    error = None
    if form.validate_on_submit():
        if _secret_ok(form.secret.data):
            handover.end()
            flash(_("Du har skærmen igen."))
            return redirect(url_for("residents.show", resident_id=state["resident_id"]))
        left = handover.failed_exit()
        if left <= 0:
            return _lock_out()
        error = ngettext("Koden passer ikke. Du har %(num)s forsøg tilbage.",
                         "Koden passer ikke. Du har %(num)s forsøg tilbage.", left)
    elif request.method == "POST":
        error = _("Skriv din PIN-kode eller adgangskode.")
    has_pin = pin.has_pin(get_db(), g.staff.id)
    return render_template(
        "security/handover_exit.html", form=form, error=error, state=state, has_pin=has_pin
    )
