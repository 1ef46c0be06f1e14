"""Starting a conversation (choose a bank, or resume an unfinished one first),
taking a postponed one up again, "Ikke i dag", and the list on the resident's page."""

from __future__ import annotations

from datetime import date

from flask import abort, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import StringField, TextAreaField
from wtforms.validators import Length

from samtale import clock, conversations, postponing
from samtale.banks import PURPOSES, Bank
from samtale.errors import SamtaleError
from samtale.views.conversation import bp
from samtale.views.conversation.bankset import current_banks
from samtale.views.conversation.common import go_to, handover_allowed, load, login_then_csrf
from samtale.web.access import login_required, resident_or_404
from samtale.web.db import get_db
from samtale.web.forms import Form


def available_banks() -> list[Bank]:
    """The banks that loaded, by purpose (hopes and dreams first), then title."""
    order = {purpose: index for index, purpose in enumerate(PURPOSES)}
    return sorted(current_banks().banks.values(),
                  key=lambda bank: (order.get(bank.purpose, len(order)), bank.title_for()))


def unfinished(resident_id: int) -> list[dict]:
    return [c for c in conversations.for_resident(get_db(), resident_id)
            if c["status"] != "finished"]


@bp.get("/ny")
@login_required
def choose(resident_id: int):
    resident = resident_or_404(resident_id, "read", object_type="conversation_list")
    return render_template("conversation/choose.html", resident=resident,
                           banks=available_banks(), unfinished=unfinished(resident.id))


@bp.post("/ny")
@login_required
def start(resident_id: int):
    bank = current_banks().get(request.form.get("bank_id", ""))
    if bank is None:
        abort(404)
    resident = resident_or_404(resident_id, "create", object_type="conversation")
    language = g.staff.language if g.staff.language in bank.languages else "da"
    conversation_id = conversations.start(get_db(), resident.id, bank, g.staff.id, language)
    conv = conversations.get(get_db(), resident.id, conversation_id)
    return go_to(conv, conv.current_question_id)


@bp.post("/<int:conversation_id>/genoptag")
@login_required
def resume(resident_id: int, conversation_id: int):
    resident, conv = load(resident_id, conversation_id, "update")
    if conv.status == "postponed":
        conversations.resume(get_db(), conv)
    if conv.status != "in_progress":
        return redirect(url_for("conversation.show", resident_id=resident.id,
                                conversation_id=conv.id))
    return go_to(conv, conv.current_question_id)


class PostponeForm(Form):
    reason = TextAreaField(_l("Hvorfor ikke i dag? (kan springes over)"),
                           validators=[Length(max=postponing.MAX_REASON)])
    retry_on = StringField(_l("Hvornår prøver vi igen?"), render_kw={"type": "date"})


def parse_day(text: str | None) -> date:
    """A date as the date field sends it (2026-06-24) or as typed (24-06-2026,
    24.6.2026). SamtaleError in plain Danish otherwise."""
    text = (text or "").strip().replace(".", "-").replace("/", "-")
    try:
        if len(text.split("-")[0]) == 4:
            return date.fromisoformat(text)
        day, month, year = (int(part) for part in text.split("-"))
        return date(year, month, day)
    except ValueError:
        raise SamtaleError(_("Datoen kan ikke læses. Skriv den som dag-måned-år, fx "
                             "24-06-2026.")) from None


@bp.route("/<int:conversation_id>/ikke-i-dag", methods=["GET", "POST"])
@login_then_csrf
@handover_allowed  # the question screen's "Ikke i dag" leads here; the resident may say it
def postpone(resident_id: int, conversation_id: int):
    resident, conv = load(resident_id, conversation_id,
                          "update" if request.method == "POST" else "read")
    if conv.status != "in_progress":
        return redirect(url_for("conversation.show", resident_id=resident.id,
                                conversation_id=conv.id))
    form = PostponeForm()
    if request.method == "GET":
        form.retry_on.data = clock.days_from_today(14).isoformat()
    elif form.validate():
        try:
            conversations.postpone(get_db(), conv, form.reason.data,
                                   parse_day(form.retry_on.data))
        except SamtaleError as problem:
            form.retry_on.errors = [problem.message]
        else:
            return redirect(url_for("conversation.show", resident_id=resident.id,
                                    conversation_id=conv.id))
    status = 400 if form.reason.errors or form.retry_on.errors else 200
    return render_template("conversation/postpone.html", resident=resident, conv=conv,
                           form=form), status


@bp.app_template_global()
def resident_conversations(resident_id: int) -> list[dict]:
    """The resident's conversations for their page, newest first. Only for a page
    whose view already got the resident through resident_or_404."""
    return conversations.for_resident(get_db(), resident_id)
