"""The leader's view of the question banks: every bank that loaded (shipped or the
facility's own, with the folder it comes from), every invalid bank with its problems
in plain Danish, and a preview of a whole bank in reading order."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from flask import Blueprint, abort, current_app, render_template
from flask_babel import gettext as _

from samtale import ffb, flow
from samtale.banks import Bank
from samtale.banks.relied import notices
from samtale.markdown import render as markdown
from samtale.views.conversation.bankset import current_banks, is_shipped
from samtale.views.conversation.pages import available_banks
from samtale.web.access import leader_required

bp = Blueprint("banks_admin", __name__, url_prefix="/admin/banker")


def type_names() -> dict[str, str]:
    return {
        "short_text": _("Kort tekst"), "long_text": _("Lang tekst"),
        "single_choice": _("Ét valg"), "multi_choice": _("Flere valg"),
        "scale": _("Skala"), "yes_no": _("Ja / nej / ved ikke"),
        "life_area": _("Livsområder"),
    }


def plan_names() -> dict[str, str]:
    return {
        "dreams": _("Drømme"), "resources": _("Ressourcer"), "network": _("Netværk"),
        "activities": _("Aktiviteter"), "goals": _("Mål"),
    }


def _origin(bank: Bank) -> str:
    if is_shipped(bank.source):
        return _("Følger med Samtale")
    return _("Institutionens egen (%(folder)s)", folder=str(Path(bank.source).parent))


@bp.get("/")
@leader_required
def index():
    loaded = current_banks()
    problems = defaultdict(list)
    for problem in loaded.problems:
        problems[problem.file].append(problem)
    return render_template(
        "banks/list.html",
        banks=[(bank, _origin(bank), notices(bank)) for bank in available_banks()],
        problems=sorted(problems.items()), folder=current_app.config["BANKS_DIR"])


@bp.get("/<bank_id>")
@leader_required
def preview(bank_id: str):
    bank = current_banks().get(bank_id)
    if bank is None:
        abort(404)
    return render_template(
        "banks/preview.html", bank=bank, origin=_origin(bank), types=type_names(),
        targets=plan_names(), condition=lambda q: flow.describe_condition(q, bank, "da"),
        help_html=lambda q: markdown(q.help_for("da")), ffb_name=ffb.display,
        labels=lambda q: " · ".join(choice.label_for("da") for choice in q.choices))
