"""The resident's plan: Min plan (readable by the resident on the shared screen and
printable), the staff's work page, the plan's items, the exports and the text blocks.
Goals and the review page's suggestions are in samtale.views.plan_goals.

Routes (all under /beboere/<resident_id>/plan):

    GET       ""                        Min plan
    GET       /arbejd                   work on the plan (staff): items, goals, suggestions
    GET/POST  /punkt/ny?slags=<kind>    a new dream, resource, network item or activity wish
                                        (droem, ressource, netvaerk, aktivitet)
    GET/POST  /punkt/<item_id>          edit an item;  POST /punkt/<item_id>/slet removes it
    GET       /eksport?format=<fmt>     download: pdf, md, json, fhir, txt, udredning
    GET       /tekstblokke              text blocks to copy into the municipality's system
    POST      /jegform                  JSON: the jeg-form check of a text (for jegform.js)
    (plan_goals) /maal/..., /forslag/<conversation_id>
    (plan_picture) /samtalekort, /samtalekort.svg
"""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _

from samtale import clock, conversations, followup, goals, plan, plan_items, suggestions
from samtale.errors import NotFound, SamtaleError
from samtale.export import FORMATS, export_plan, pdf_picture, text_blocks, udredning_summary
from samtale.views.plan_common import (
    TEMPLATE_HELPERS,
    applied_suggestion,
    handover_allowed,
    hint,
    names,
)
from samtale.web.access import login_required, resident_or_404
from samtale.web.db import get_db

bp = Blueprint("plan", __name__, url_prefix="/beboere/<int:resident_id>/plan")
for _name, _helper in TEMPLATE_HELPERS.items():
    bp.add_app_template_global(_helper, _name)

KIND_SLUGS = {"droem": "dream", "ressource": "resource", "netvaerk": "network",
              "aktivitet": "activity"}
SLUG_OF = {kind: slug for slug, kind in KIND_SLUGS.items()}


def _facility() -> str:
    return current_app.config.get("FACILITY_NAME", "")


@bp.get("")
@login_required
@handover_allowed
def min_plan(resident_id: int):
    resident = resident_or_404(resident_id, "read", object_type="plan")
    data = plan.build(get_db(), resident.id)
    dreams = {d["id"]: d["text"] for d in data["dreams"]}
    return render_template("plan/min_plan.html", resident=resident, plan=data, dreams=dreams,
                           today=clock.today().isoformat(), **picture_context(data))


def pending_suggestions(resident_id: int, names_: tuple[str, ...]) -> list[dict]:
    """Conversations of the resident with suggestions nobody has taken a stand on."""
    db = get_db()
    out = []
    for row in conversations.for_resident(db, resident_id):
        conv = conversations.get(db, resident_id, row["id"])
        count = len(suggestions.for_conversation(db, conv, names_))
        if count:
            out.append({**row, "count": count})
    return out


@bp.get("/arbejd")
@login_required
def work(resident_id: int):
    resident = resident_or_404(resident_id, "read", object_type="plan")
    db = get_db()
    data = plan.build(db, resident.id)
    return render_template("plan/work.html", resident=resident, plan=data,
                           items=plan_items.for_resident(db, resident.id), slugs=SLUG_OF,
                           pending=pending_suggestions(resident.id, names(resident)),
                           formats=FORMATS)


def _item_form_values() -> dict:
    return {"text": request.form.get("text", ""),
            "ffb_theme": request.form.get("ffb_theme") or None,
            "share_on_board": request.form.get("share_on_board") == "1"}


def _render_item(resident, kind: str, values: dict, item=None, error=None, status=200):
    check = hint(values.get("text"), resident)
    return render_template("plan/item_form.html", resident=resident, kind=kind, item=item,
                           values=values, error=error, check=check), status


def _item_post(resident, kind: str, item=None):
    values = _item_form_values()
    applied = applied_suggestion(request.form)
    if applied:
        values["text"] = applied[1]
        return _render_item(resident, kind, values, item)
    try:
        if item is None:
            plan_items.add(get_db(), resident.id, kind, values["text"],
                           ffb_theme=values["ffb_theme"], share_on_board=values["share_on_board"],
                           staff_id=g.staff.id)
        else:
            plan_items.update(get_db(), resident.id, item.id, values["text"],
                              ffb_theme=values["ffb_theme"],
                              share_on_board=values["share_on_board"])
    except SamtaleError as problem:
        return _render_item(resident, kind, values, item, problem.message, 400)
    flash(_("Det er gemt i planen."))
    return redirect(url_for("plan.work", resident_id=resident.id))


@bp.route("/punkt/ny", methods=["GET", "POST"])
@login_required
def new_item(resident_id: int):
    kind = request.args.get("slags", "")
    if kind not in KIND_SLUGS:
        raise NotFound()
    action = "create" if request.method == "POST" else "read"
    resident = resident_or_404(resident_id, action, object_type="plan_item")
    if request.method == "POST":
        return _item_post(resident, KIND_SLUGS[kind])
    return _render_item(resident, KIND_SLUGS[kind], {"text": "", "share_on_board": False})


@bp.route("/punkt/<int:item_id>", methods=["GET", "POST"])
@login_required
def edit_item(resident_id: int, item_id: int):
    action = "update" if request.method == "POST" else "read"
    resident = resident_or_404(resident_id, action, object_type="plan_item", object_id=item_id)
    item = plan_items.get(get_db(), resident.id, item_id)
    if request.method == "POST":
        return _item_post(resident, item.kind, item)
    values = {"text": item.text, "ffb_theme": item.ffb_theme,
              "share_on_board": bool(item.share_on_board)}
    return _render_item(resident, item.kind, values, item)


@bp.post("/punkt/<int:item_id>/slet")
@login_required
def delete_item(resident_id: int, item_id: int):
    resident = resident_or_404(resident_id, "delete", object_type="plan_item", object_id=item_id)
    plan_items.delete(get_db(), resident.id, item_id, staff_id=g.staff.id,
                      staff_name=g.staff.display_name)
    flash(_("Det er fjernet fra planen."))
    return redirect(url_for("plan.work", resident_id=resident.id))


@bp.get("/eksport")
@login_required
@handover_allowed
def export(resident_id: int):
    """A download (?format=pdf|md|json|fhir|txt|udredning); GET, because it changes
    nothing but the audit log (export_plan)."""
    fmt = request.args.get("format", "")
    if fmt not in FORMATS:
        raise NotFound()
    resident = resident_or_404(resident_id, "read", object_type="plan", object_id=fmt)
    db = get_db()
    data = plan.build(db, resident.id)
    result = export_plan(db, data, fmt, actor_id=g.staff.id,
                         actor_name=g.staff.username, request_id=g.get("request_id"),
                         facility_name=_facility(), picture_svg=pdf_picture(data, fmt))
    return Response(result.content, mimetype=result.mimetype, headers={
        "Content-Disposition": f'attachment; filename="{result.filename}"'})


@bp.get("/tekstblokke")
@login_required
def blocks(resident_id: int):
    resident = resident_or_404(resident_id, "read", object_type="plan_text_blocks")
    data = plan.build(get_db(), resident.id)
    return render_template("plan/text_blocks.html", resident=resident, blocks=text_blocks(data),
                           udredning=udredning_summary(data))


@bp.post("/jegform")
@login_required
@handover_allowed
def jegform_check(resident_id: int):
    """{"text": "..."} → {"flagged", "suggestion", "reason"}: the live hint while typing."""
    resident = resident_or_404(resident_id, "read", object_type="jegform_check")
    payload = request.get_json(silent=True) or {}
    text = payload.get("text")
    if not isinstance(text, str) or len(text) > 10_000:
        return jsonify({"error": _("Send en tekst."), "status": 400}), 400
    check = hint(text, resident)
    return jsonify({"flagged": check.flagged, "suggestion": check.suggestion,
                    "reason": check.reason})


def plan_section(resident_id: int) -> dict:
    """For the resident's page: dreams count, open goals, next follow-up, open follow-up."""
    db = get_db()
    open_goals = [goal for goal in goals.for_resident(db, resident_id)
                  if goal.lifecycle in ("active", "proposed")]
    dates = [goal.next_follow_up for goal in open_goals
             if goal.lifecycle == "active" and goal.next_follow_up]
    return {"dreams": len(plan_items.dreams(db, resident_id)), "goals": open_goals,
            "next_follow_up": min(dates) if dates else None,
            "followup": followup.open_for(db, resident_id)}


bp.add_app_template_global(plan_section, "plan_section")

from samtale.views import plan_goals  # noqa: E402,F401  (goal and suggestion routes)
from samtale.views.plan_picture import picture_context  # noqa: E402  (and its routes)
