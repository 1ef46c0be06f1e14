"""Screen handover ("Giv skærmen til beboeren"): the browser is locked to one resident.

While the session holds a handover, `guard` (a before_request hook) checks EVERY request:
only static files, the exit page and views marked with `@handover_allowed` answer, and
those only for the handed-over resident (the URL's `resident_id`). Anything else answers
403 with a calm page offering the exit. Leaving needs the staff member's PIN or
password; five wrong tries end the session. Start and end are written to the audit log.

A view the resident may use while holding the screen:

    @bp.get("/<int:resident_id>/samtaler/<int:conversation_id>")
    @login_required
    @handover_allowed
    def question(resident_id, conversation_id): ...
"""

from __future__ import annotations

from flask import current_app, g, jsonify, render_template, request, session
from flask_babel import gettext as _

from samtale import clock
from samtale.residents import Resident
from samtale.web.access import audit_event

KEY = "handover"
MAX_EXIT_FAILURES = 5
ALWAYS_ALLOWED = frozenset({"static", "handover.exit"})


def handover_allowed(view):
    """Mark a view as usable by the resident during handover (for their own id only)."""
    view.handover_allowed = True
    return view


def current() -> dict | None:
    """The handover in this session: resident_id, name, staff_id, failures; or None."""
    return session.get(KEY)


def start(resident: Resident) -> None:
    """Hand the screen to `resident` (the caller has checked access and audited it)."""
    session[KEY] = {
        "resident_id": resident.id,
        "name": resident.display_name,
        "staff_id": g.staff.id,
        "failures": 0,
        "started_at": clock.now_iso(),
    }
    session.pop("_flashes", None)  # nothing said to the staff member stays on screen


def end(outcome: str = "ok") -> None:
    state = session.pop(KEY, None)
    if state:
        audit_event(
            "handover",
            resident_id=state["resident_id"],
            object_type="handover_end",
            object_id=state["resident_id"],
            outcome=outcome,
        )


def failed_exit() -> int:
    """Count a wrong PIN or password; return the tries left."""
    state = dict(session[KEY])
    state["failures"] += 1
    session[KEY] = state
    return MAX_EXIT_FAILURES - state["failures"]


def is_allowed(state: dict) -> bool:
    endpoint = request.endpoint
    if endpoint in ALWAYS_ALLOWED:
        return True
    view = current_app.view_functions.get(endpoint) if endpoint else None
    if not getattr(view, "handover_allowed", False):
        return False
    return str((request.view_args or {}).get("resident_id")) == str(state["resident_id"])


def guard():
    """before_request: refuse everything but the handed-over resident's allowed views."""
    state = current()
    g.handover = None
    if state is None:
        return None
    if g.get("staff") is None or g.staff.id != state["staff_id"]:
        session.pop(KEY, None)
        return None
    g.handover = state
    if is_allowed(state):
        return None
    return refuse(state)


def refuse(state: dict):
    audit_event(
        "refused",
        resident_id=(request.view_args or {}).get("resident_id"),
        object_type="page",
        object_id=(request.endpoint or "-")[:80],
        outcome="during_handover",
    )
    message = _("Skærmen er givet til %(name)s", name=state["name"])
    if request.is_json or request.accept_mimetypes.best == "application/json":
        return jsonify({"error": message, "status": 403}), 403
    return render_template("security/handover_refused.html", state=state, message=message), 403


def template_globals() -> dict:
    return {"handover": g.get("handover")}
