"""The start page: "Mine beboere" first, then the first of the other residents of my
units (all of them are on /beboere, with a name search and pages)."""

from __future__ import annotations

from flask import Blueprint, g, redirect, render_template, url_for

from samtale import firstrun, residents
from samtale.web.access import audit_event, held_audit
from samtale.web.db import get_db

bp = Blueprint("start", __name__)

OTHERS_SHOWN = 30  # a unit may have hundreds of residents; the start page shows a few


@bp.get("/")
def index():
    if g.get("staff") is None:
        if firstrun.needed(get_db()):
            return render_template("start/not_set_up.html")
        return redirect(url_for("auth.login"))
    db = get_db()
    mine = residents.list_for_staff(db, g.staff, mine=True)
    others = residents.list_for_staff(db, g.staff, mine=False, limit=OTHERS_SHOWN)
    others_total = residents.count_for_staff(db, g.staff, mine=False)
    # This entry and the overview's (my_overview, while the page renders) are written
    # together, in one write transaction, before the page is sent.
    with held_audit():
        audit_event("read", object_type="resident_list")
        return render_template("start/index.html", mine=mine, others=others,
                               others_total=others_total)
