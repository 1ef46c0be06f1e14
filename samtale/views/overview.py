"""The follow-up overview (samtale.overview): on the start page for the contact person's
own residents ("Mine beboere", through the template global `my_overview`), and per unit
for the leader at /oversigt (?afdeling=<unit_id>, ?alle=1 for the whole lists)."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, g, render_template, request

from samtale import overview, staff
from samtale.web.access import audit_event, leader_required
from samtale.web.db import get_db

bp = Blueprint("overview", __name__)

FULL_LIMIT = 1000


def _mine(db, staff_id: int) -> set[int]:
    rows = db.execute("SELECT resident_id FROM resident_contacts WHERE staff_id = ?", [staff_id])
    return {row[0] for row in rows}


def my_overview() -> overview.Overview | None:
    """The logged-in contact person's overview for the start page (None when nobody is
    logged in). Writes one audit entry."""
    member = g.get("staff")
    if member is None:
        return None
    db = get_db()
    result = overview.build(db, overview.Scope(staff_id=member.id))
    overview.with_house(db, result, list(member.unit_ids), _mine(db, member.id))
    audit_event("read", object_type="overview", object_id="mine")
    return result


def has_endpoint(name: str) -> bool:
    """Whether another area's view exists (the overview links to it only then)."""
    return name in current_app.view_functions


bp.add_app_template_global(my_overview, "my_overview")
bp.add_app_template_global(has_endpoint, "has_endpoint")


@bp.get("/oversigt")
@leader_required
def unit():
    db = get_db()
    units = staff.units(db, g.staff.unit_ids)
    if not units:
        return render_template("overview/unit.html", units=[], unit=None, ov=None)
    unit_id = request.args.get("afdeling", type=int) or units[0]["id"]
    chosen = next((u for u in units if u["id"] == unit_id), None)
    if chosen is None:
        abort(404)
    limit = FULL_LIMIT if request.args.get("alle") == "1" else overview.LIMIT
    result = overview.build(db, overview.Scope(unit_id=unit_id), limit=limit)
    overview.with_house(db, result, [unit_id], limit=limit)
    audit_event("read", object_type="overview", object_id=f"unit:{unit_id}")
    return render_template("overview/unit.html", units=units, unit=chosen, ov=result,
                           show_all=limit == FULL_LIMIT)
