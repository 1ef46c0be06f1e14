"""The leader's audit log: the list with filters, the spot check, the check of the chain,
and one resident's access report (page and CSV). Looking at the log is itself logged."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Blueprint, Response, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from samtale import audit, audit_labels, audit_report, clock, residents, staff
from samtale.audit_report import Filters
from samtale.errors import SamtaleError
from samtale.web.access import audit_event, leader_required, resident_or_404
from samtale.web.db import get_db

bp = Blueprint("audit", __name__)

SUPERVISION = "supervision"
REPORT_ROWS = 500  # on the page; the CSV holds every entry


def _int(name: str) -> int | None:
    value = request.args.get(name, "").strip()
    return int(value) if value.isdigit() and len(value) < 12 else None


def _date(name: str, errors: list[str]) -> date | None:
    value = request.args.get(name, "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors.append(_("Datoen «%(value)s» forstås ikke. Skriv den som 2026-03-01.", value=value))
        return None


def _filters(errors: list[str]) -> Filters:
    action = request.args.get("handling") or None
    return Filters(
        resident_id=_int("beboer"),
        actor_id=_int("medarbejder"),
        action=action if action in audit.ACTIONS else None,
        date_from=_date("fra", errors),
        date_to=_date("til", errors),
    )


def _choices(db, selected_resident: int | None) -> dict:
    people = residents.list_for_staff(db, g.staff, include_moved_out=True)
    known = {p["id"] for p in people}
    if selected_resident is not None and selected_resident not in known:
        people.append({"id": selected_resident, "display_name": f"#{selected_resident}"})
    labels = audit_labels.action_labels()
    return {
        "residents": people,
        "staff": staff.list_all(db),
        "actions": [(code, labels.get(code, code)) for code in audit.ACTIONS],
    }


def _page_url(number: int) -> str:
    args = request.args.to_dict()
    args["side"] = str(number)
    return url_for("audit.log", **args)


@bp.get("/admin/log")
@leader_required
def log():
    db = get_db()
    errors: list[str] = []
    filters = _filters(errors)
    page = audit_report.search(db, filters, _int("side") or 1, g.staff.unit_ids)
    audit_event("read", object_type="audit_log", purpose=SUPERVISION)
    return render_template(
        "audit/log.html",
        page=page,
        filters=filters,
        errors=errors,
        head=audit.head(db),
        page_url=_page_url,
        reviews=audit_report.reviews_for(db, [e.id for e in page.entries]),
        **_choices(db, filters.resident_id),
    )


@bp.get("/admin/log/kontrol")
@leader_required
def verify():
    db = get_db()
    result = audit.verify(db)
    audit_event("read", object_type="audit_log", purpose=SUPERVISION, outcome="ok")
    return render_template("audit/verify.html", result=result, head=audit.head(db))


# --- the spot check ------------------------------------------------------


def _sample_ids() -> list[int]:
    raw = request.values.get("ids", "")
    ids = [int(part) for part in raw.split(",") if part.isdigit() and len(part) < 12]
    return ids[: audit_report.MAX_SAMPLE]


def _draw(errors: list[str]):
    """Draw a sample from the form's period; redirect to it, or None on bad input."""
    today = clock.today()
    start = _date("fra", errors) or today - timedelta(days=30)
    end = _date("til", errors) or today
    try:
        size = int(request.args.get("antal", "10"))
        ids = audit_report.sample(get_db(), start, end, size)
    except ValueError:
        errors.append(_("Skriv antallet som et tal."))
        return None
    except SamtaleError as problem:
        errors.append(problem.message)
        return None
    if not ids:
        errors.append(_("Der er ingen adgange i den periode."))
        return None
    return redirect(url_for("audit.spot_check", ids=",".join(map(str, ids))))


@bp.get("/admin/log/stikproeve")
@leader_required
def spot_check():
    errors: list[str] = []
    if "antal" in request.args:
        drawn = _draw(errors)
        if drawn is not None:
            return drawn
    db = get_db()
    ids = _sample_ids()
    audit_event("read", object_type="audit_sample", purpose=SUPERVISION)
    today = clock.today()
    return render_template(
        "audit/spot_check.html",
        errors=errors,
        entries=audit_report.entries(db, ids, g.staff.unit_ids),
        reviews=audit_report.reviews_for(db, ids),
        ids=",".join(map(str, ids)),
        recent=audit_report.recent_reviews(db),
        default_from=(today - timedelta(days=30)).isoformat(),
        default_to=today.isoformat(),
    )


@bp.post("/admin/log/stikproeve")
@leader_required
def review():
    entry_id = request.form.get("entry_id", "")
    try:
        if not entry_id.isdigit():
            raise SamtaleError(_("Vælg en adgang at gennemgå."))
        audit_report.add_review(
            get_db(),
            int(entry_id),
            g.staff.id,
            request.form.get("verdict", ""),
            request.form.get("note", ""),
        )
    except SamtaleError as problem:
        flash(problem.message, "error")
    else:
        audit_event("admin", object_type="audit_review", object_id=entry_id, purpose=SUPERVISION)
        flash(_("Gennemgangen af post %(id)s er gemt.", id=entry_id))
    anchor = f"#post-{entry_id}" if entry_id.isdigit() else ""
    return redirect(url_for("audit.spot_check", ids=",".join(map(str, _sample_ids()))) + anchor)


# --- one resident's access report ----------------------------------------


@bp.get("/beboere/<int:resident_id>/adgangslog")
@leader_required
def resident_report(resident_id: int):
    resident = resident_or_404(
        resident_id, "read", object_type="access_report", purpose=SUPERVISION
    )
    rows = audit_report.resident_accesses(get_db(), resident.id, g.staff.unit_ids)
    return render_template(
        "audit/resident_report.html",
        resident=resident,
        entries=rows[:REPORT_ROWS],
        total=len(rows),
    )


@bp.get("/beboere/<int:resident_id>/adgangslog.csv")
@leader_required
def resident_report_csv(resident_id: int):
    resident = resident_or_404(
        resident_id, "export", object_type="access_report", purpose=SUPERVISION
    )
    rows = audit_report.resident_accesses(get_db(), resident.id, g.staff.unit_ids)
    name = f"adgangslog-beboer-{resident.id}-{clock.today().isoformat()}.csv"
    return Response(
        audit_report.access_csv(rows),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
