"""The start page: "Mine beboere" first, then the other residents of my units."""

from __future__ import annotations

from flask import Blueprint, g, redirect, render_template, url_for

from samtale import firstrun, residents
from samtale.web.access import audit_event
from samtale.web.db import get_db

bp = Blueprint("start", __name__)


@bp.get("/")
def index():
    if g.get("staff") is None:
        if firstrun.needed(get_db()):
            return render_template("start/not_set_up.html")
        return redirect(url_for("auth.login"))
    people = residents.list_for_staff(get_db(), g.staff)
    audit_event("read", object_type="resident_list")
    mine = [p for p in people if p["mine"]]
    others = [p for p in people if not p["mine"]]
    return render_template("start/index.html", mine=mine, others=others)
