"""House pages under the resident's URL (/beboere/<resident_id>/...): the newcomer's
checklist with the call to start the Indflytning conversation (a section on the
resident's page), ticking the checklist's manual items, and (views/house/wishes.py)
the consents of an activity wish.

`resident_bp` is registered on the app together with the house blueprint."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, request, url_for
from flask_babel import gettext as _

from samtale.errors import SamtaleError
from samtale.house import newcomer, newcomers
from samtale.residents import Resident
from samtale.views.conversation.bankset import current_banks
from samtale.views.house.common import PostForm, bp
from samtale.web.access import audit_event, login_required, resident_or_404
from samtale.web.db import get_db

resident_bp = Blueprint("house_resident", __name__, url_prefix="/beboere/<int:resident_id>")


@bp.record_once
def _register_resident_routes(state) -> None:
    state.app.register_blueprint(resident_bp)


def moving_in_bank_id() -> str | None:
    """The bank for the Indflytning conversation: 'indflytning', else the first bank with
    that purpose (a facility's own copy); None when no such bank loaded."""
    banks = current_banks()
    if banks.get(newcomer.PURPOSE):
        return newcomer.PURPOSE
    found = banks.by_purpose(newcomer.PURPOSE)
    return found[0].id if found else None


@resident_bp.app_template_global()
def newcomer_section(resident: Resident) -> dict | None:
    """For the resident's page: the checklist of a newcomer (None for anyone else)."""
    if not newcomers.is_newcomer(resident):
        return None
    return {"checklist": newcomer.checklist_for(get_db(), resident),
            "bank_id": moving_in_bank_id()}


@resident_bp.post("/indflytning/tjekliste")
@login_required
def checklist_save(resident_id: int):
    """Tick the checklist's manual items ("Rundvisning i huset", ...)."""
    resident = resident_or_404(resident_id, "update", object_type="newcomer_checklist")
    back = url_for("residents.show", resident_id=resident.id) + "#indflytning-h"
    if not PostForm().validate_on_submit():
        flash(_("Siden var for gammel. Prøv igen."), "error")
        return redirect(back)
    try:
        changed = newcomer.set_ticked(get_db(), resident.id, request.form.getlist("done"),
                                      g.staff.id)
    except SamtaleError as problem:
        flash(problem.message, "error")
        return redirect(back)
    flash(_("Tjeklisten er gemt.") if changed else _("Intet er ændret på tjeklisten."))
    return redirect(back)


def unit_checklists(db, unit_id: int) -> list[tuple[Resident, newcomer.Checklist]]:
    """Every newcomer of the unit with the checklist (for the house page)."""
    people = newcomers.newcomers_in(db, [unit_id])
    for person in people:
        audit_event("read", resident_id=person.id, object_type="newcomer_checklist")
    return [(person, newcomer.checklist_for(db, person)) for person in people]
