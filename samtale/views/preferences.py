"""Large text and high contrast (samtale.preferences): the staff member's own setting on
"Min profil", the resident's switch in the header while holding the screen, and the
classes every page puts on <body> (`display_classes`, base.html).

Routes:

    POST /profil/visning                  save the staff member's setting
    POST /beboere/<resident_id>/visning   during handover only: switch one setting
                                          (toggle=large_text|high_contrast) for this
                                          handover; the staff member's setting stays
"""

from __future__ import annotations

import re

from flask import Blueprint, flash, g, redirect, request, session, url_for
from flask_babel import gettext as _

from samtale import preferences
from samtale.errors import NotFound
from samtale.preferences import Display
from samtale.web.access import login_required
from samtale.web.db import get_db
from samtale.web.handover import handover_allowed

bp = Blueprint("preferences", __name__)

SESSION_KEY = "handover_display"


def current_display() -> Display:
    """What this request's pages show: the staff member's setting, or the resident's
    choice during a handover. Read once per request."""
    if "display" not in g:
        member = g.get("staff")
        saved = preferences.for_staff(get_db(), member.id) if member else Display()
        g.display = preferences.for_handover(saved, g.get("handover"), session.get(SESSION_KEY))
    return g.display


@bp.app_context_processor
def _display_globals() -> dict:
    return {"display": current_display}


@bp.post("/profil/visning")
@login_required
def save():
    preferences.save(get_db(), g.staff.id, preferences.from_form(request.form))
    flash(_("Visningen er gemt."))
    return redirect(url_for("auth.profile"))


def _back(resident_id: int) -> str:
    target = request.form.get("next", "")
    path = target.split("?", 1)[0]
    if re.fullmatch(rf"/beboere/{resident_id}(/[\w\-/.æøåÆØÅ]*)?", path) and "//" not in path:
        return target
    return url_for("handover.home", resident_id=resident_id)


@bp.post("/beboere/<int:resident_id>/visning")
@login_required
@handover_allowed
def handover_switch(resident_id: int):
    """Only while the screen is handed over (the guard has checked it is this resident's)."""
    state = g.get("handover")
    toggle = request.form.get("toggle", "")
    if not state or toggle not in preferences.CLASSES:
        raise NotFound()
    shown = current_display().as_dict()
    shown[toggle] = not shown[toggle]
    session[SESSION_KEY] = preferences.handover_choice(state, Display(**shown))
    return redirect(_back(resident_id))
