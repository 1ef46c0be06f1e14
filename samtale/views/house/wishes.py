"""Activity wishes: the activity committee's view (/huset/aktivitetsoensker) with
"Lav en idé" per topic, and the two consents of one wish under the resident's URL
(/beboere/<resident_id>/oensker/<wish_id>): shown on its own page with the history, and
as a small form in Min plan and on the wish's edit page. The resident may give and
take back consent on the handed-over screen."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from samtale import plan_items
from samtale.errors import NotFound
from samtale.house import wish_consent, wish_ideas, wishes
from samtale.views.house.common import PostForm, audit_shown, bp, current_unit_id
from samtale.views.house.residents import resident_bp
from samtale.views.plan_common import safe_next
from samtale.web.access import login_required, resident_or_404
from samtale.web.db import get_db
from samtale.web.handover import handover_allowed

OBJECT = "wish_consent"


@bp.get("/aktivitetsoensker")
@login_required
def wishes_page():
    db, unit_id = get_db(), current_unit_id()
    found = wishes.wishes_for_unit(db, unit_id)
    groups = wishes.by_area(found)
    audit_shown({w.resident_id for w in found if w.first_name}, "house_wishes")
    return render_template(
        "house/wishes.html", groups=groups, total=len(found), form=PostForm(),
        ideas=wish_ideas.ideas_by_item(db, unit_id), ideas_of=wish_ideas.ideas_of_topic)


@bp.post("/aktivitetsoensker/ide")
@login_required
def wish_idea():
    """Make a prøvehandling idea from one topic of the unit's wishes."""
    if not PostForm().validate_on_submit():
        flash(_("Siden var for gammel. Prøv igen."), "error")
        return redirect(url_for("house.wishes_page"))
    trial_id = wish_ideas.make_idea(get_db(), current_unit_id(), request.form.get("topic", ""),
                                    g.staff.id)
    flash(_("Idéen er gemt. Planlæg den, når I er klar."))
    return redirect(url_for("house.trial", trial_id=trial_id))


def _via() -> str:
    return "resident_screen" if g.get("handover") else "plan"


@resident_bp.get("/oensker/<int:wish_id>")
@login_required
@handover_allowed
def wish(resident_id: int, wish_id: int):
    resident = resident_or_404(resident_id, "read", object_type=OBJECT, object_id=wish_id)
    db = get_db()
    consent = wish_consent.get(db, resident.id, wish_id)
    text = plan_items.get(db, resident.id, wish_id).text
    return render_template(
        "house/wish.html", resident=resident, consent=consent, text=text,
        history=wish_consent.history(db, resident.id, wish_id))


@resident_bp.post("/oensker/<int:wish_id>/tavle")
@login_required
@handover_allowed
def wish_consent_save(resident_id: int, wish_id: int):
    """Save the two consents ("Må deles på husets tavle", "Vis mit fornavn")."""
    resident = resident_or_404(resident_id, "update", object_type=OBJECT, object_id=wish_id)
    back = safe_next(resident.id, url_for("house_resident.wish", resident_id=resident.id,
                                          wish_id=wish_id))
    if not PostForm().validate_on_submit():
        flash(_("Siden var for gammel. Prøv igen."), "error")
        return redirect(back)
    shared = request.form.get("shared") == "1"
    named = request.form.get("named") == "1"
    changed = wish_consent.set_consent(
        get_db(), resident.id, wish_id, shared=shared, named=named, via=_via(),
        staff_id=g.staff.id, staff_name=g.staff.display_name)
    state = wish_consent.get(get_db(), resident.id, wish_id)
    label = wish_consent.state_label(state.shared, state.named)
    flash(_("Dit valg er gemt: %(state)s.", state=label) if changed
          else _("Intet er ændret: %(state)s.", state=label))
    if named and not shared:
        flash(_("Navnet kan kun stå ved et ønske, der må deles på tavlen."), "error")
    return redirect(back)


@resident_bp.app_template_global()
def wish_consent_of(resident_id: int, item_id: int) -> wish_consent.Consent | None:
    """For the consent form in Min plan and on the wish's edit page."""
    try:
        return wish_consent.get(get_db(), resident_id, item_id)
    except NotFound:
        return None


@resident_bp.app_template_global()
def board_consent_answers(conversation) -> tuple[bool, bool]:
    """(shared, named) as answered in the conversation: the default on the review page."""
    return wish_consent.from_conversation(conversation)


resident_bp.add_app_template_global(wish_consent.state_label, "wish_state_label")
resident_bp.add_app_template_global(wish_consent.via_label, "wish_via_label")
