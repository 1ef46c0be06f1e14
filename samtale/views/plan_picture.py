"""The samtalekort picture on the plan blueprint: its context for Min plan, a page that
prints it on its own, and the bare SVG that the question screen shows on request.

Routes (under /beboere/<resident_id>/plan):

    GET  /samtalekort        the picture and its words, printable on one A4 landscape page
    GET  /samtalekort.svg    the picture alone (image/svg+xml), for the conversation's
                             "Vis mit samtalekort" (loaded only when it is opened)
"""

from __future__ import annotations

from flask import Response, render_template
from markupsafe import Markup

from samtale import i18n, plan
from samtale.picture import describe, render_svg
from samtale.views.plan import bp
from samtale.views.plan_common import handover_allowed
from samtale.web.access import login_required, resident_or_404
from samtale.web.db import get_db


def picture_context(data: dict) -> dict:
    """`picture_svg` (Markup: every text in it is escaped by samtale.picture) and
    `picture_text` for templates/picture/_plan_picture.html, in the screen's language
    (the page around the picture is in it too)."""
    lang = i18n.current_locale()
    return {"picture_svg": Markup(render_svg(data, lang=lang)),
            "picture_text": describe(data, lang)}


def _plan(resident_id: int):
    resident = resident_or_404(resident_id, "read", object_type="plan", object_id="samtalekort")
    return resident, plan.build(get_db(), resident.id)


@bp.get("/samtalekort")
@login_required
@handover_allowed
def picture_page(resident_id: int):
    resident, data = _plan(resident_id)
    return render_template("picture/print.html", resident=resident, plan=data,
                           **picture_context(data))


@bp.get("/samtalekort.svg")
@login_required
@handover_allowed
def picture_svg(resident_id: int):
    _resident, data = _plan(resident_id)
    svg = render_svg(data, lang=i18n.current_locale())
    return Response(svg, mimetype="image/svg+xml")
