"""The leader's "Indsigt: hent alle data (ZIP)" for one resident (GDPR Art. 15 and 20).

The ZIP holds every table's rows of the resident (samtale.gdpr.export_resident) and,
when the plan area provides it, the plan as PDF."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, g

from samtale import clock, gdpr
from samtale.web.access import leader_required, resident_or_404
from samtale.web.db import get_db

bp = Blueprint("gdpr", __name__)

PURPOSE = "access_request"


def plan_pdf(resident_id: int) -> dict[str, bytes]:
    """{"min-plan.pdf": bytes} when the plan area can build the plan, else {}.

    Guarded on purpose: the export and plan modules may be missing or fail, and the
    ZIP (and its README) must still be made."""
    try:
        from samtale.export import export_plan, pdf_picture
        from samtale.plan import build as build_plan
    except ImportError:
        return {}
    try:
        plan = build_plan(get_db(), resident_id)
        export = export_plan(
            get_db(),
            plan,
            "pdf",
            actor_id=g.staff.id,
            actor_name=g.staff.username,
            request_id=g.get("request_id"),
            purpose=PURPOSE,
            facility_name=current_app.config["FACILITY_NAME"],
            picture_svg=pdf_picture(plan, "pdf"),
        )
    except Exception:  # noqa: BLE001 - the data matter more than the PDF
        current_app.logger.exception("plan PDF for the GDPR export failed")
        return {}
    return {"min-plan.pdf": export.content}


@bp.post("/beboere/<int:resident_id>/indsigt.zip")
@leader_required
def export(resident_id: int):
    resident = resident_or_404(
        resident_id, "export", object_type="resident_export", purpose=PURPOSE
    )
    content = gdpr.export_resident(get_db(), resident.id, plan_pdf(resident.id))
    name = f"indsigt-beboer-{resident.id}-{clock.today().isoformat()}.zip"
    return Response(
        content,
        mimetype="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
