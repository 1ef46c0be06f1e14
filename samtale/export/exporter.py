"""The one entry point views and the CLI use: validate, render, record in the audit log.

    export = export_plan(db, plan, "pdf", actor_id=staff_id, request_id=request_id,
                         facility_name=facility_name)
    -> Export(filename="min-plan-karin-s-2026-11-25.pdf", mimetype="application/pdf",
              content=b"%PDF-...")

The audit entry holds who, when, which resident and which format (object_type "plan",
object_id the format): never a word of the plan.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from samtale import audit
from samtale.errors import SamtaleError
from samtale.export import labels as lb
from samtale.export.fhir import to_fhir_json
from samtale.export.jsondoc import to_json
from samtale.export.markdown import to_markdown
from samtale.export.schema import validate_plan
from samtale.export.text import to_text
from samtale.export.udredning import udredning_text
from samtale.i18n import gettext as _

# format: (file name prefix, extension, mimetype)
FORMATS = {
    "pdf": ("min-plan", "pdf", "application/pdf"),
    "md": ("min-plan", "md", "text/markdown; charset=utf-8"),
    "json": ("min-plan", "json", "application/json"),
    "fhir": ("min-plan-fhir", "json", "application/fhir+json"),
    "txt": ("min-plan", "txt", "text/plain; charset=utf-8"),
    "udredning": ("udredning", "txt", "text/plain; charset=utf-8"),
}


@dataclass(frozen=True)
class Export:
    filename: str  # ASCII only, e.g. min-plan-karin-s-2026-11-25.pdf
    mimetype: str
    content: bytes


def filename(plan: dict, fmt: str) -> str:
    prefix, extension, _mimetype = FORMATS[fmt]
    name = lb.slug(plan["resident"]["display_name"])
    return f"{prefix}-{name}-{lb.plan_date(plan).isoformat()}.{extension}"


def _render(plan: dict, fmt: str, facility_name: str, picture_svg: str | None) -> bytes:
    if fmt == "pdf":
        from samtale.export.pdf import to_pdf  # WeasyPrint takes ~0.5 s to import

        return to_pdf(plan, facility_name=facility_name, picture_svg=picture_svg)
    if fmt == "json":
        return to_json(plan)
    if fmt == "fhir":
        return to_fhir_json(plan, facility_name=facility_name)
    text = {"md": to_markdown, "txt": to_text, "udredning": udredning_text}[fmt](plan)
    return text.encode("utf-8")


def pdf_picture(plan: dict, fmt: str) -> str | None:
    """The samtalekort to draw on the PDF's first page (samtale.picture.render_svg in the
    plan's language), or None for every other format. The one place the web page, the
    CLI and the GDPR export get it from: `export_plan(..., picture_svg=pdf_picture(plan,
    fmt))`."""
    if fmt != "pdf":
        return None
    from samtale.picture import render_svg  # the picture imports samtale.export.labels

    return render_svg(plan, lang=plan.get("language") or "da")


def export_plan(
    db: Database,
    plan: dict,
    fmt: str,
    *,
    actor_id: int | None,
    actor_name: str | None = None,
    request_id: str | None = None,
    purpose: str | None = None,
    facility_name: str = "",
    picture_svg: str | None = None,
) -> Export:
    """Validate `plan`, render it as `fmt` (pdf, md, json, fhir, txt, udredning) and
    record one audit entry. Raises SamtaleError for an unknown format or an invalid
    plan; nothing is recorded then, nor when rendering fails."""
    if fmt not in FORMATS:
        raise SamtaleError(_("Ukendt format for eksport: %(fmt)s", fmt=fmt))
    validate_plan(plan)
    content = _render(plan, fmt, facility_name, picture_svg)
    audit.record(
        db, action="export", actor_id=actor_id, actor_name=actor_name,
        resident_id=plan["resident"]["id"], object_type="plan", object_id=fmt,
        request_id=request_id, purpose=purpose,
    )
    return Export(filename(plan, fmt), FORMATS[fmt][2], content)
