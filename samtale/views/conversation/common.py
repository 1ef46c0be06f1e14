"""What every conversation view shares: getting the resident and the conversation
(unit check, audit, 404 for another resident's conversation), the login-then-CSRF
check for saves, and small formatting helpers."""

from __future__ import annotations

import functools
from datetime import datetime

from flask import abort, g, redirect, request, url_for
from flask_babel import gettext as _

from samtale import clock, conversations, i18n
from samtale.conversations import Conversation
from samtale.residents import Resident
from samtale.web.access import resident_or_404
from samtale.web.db import get_db
from samtale.web.errors import wants_json
from samtale.web.handover import handover_allowed
from samtale.web.security import csrf

__all__ = ["clock_text", "go_to", "handover_allowed", "hour_minute", "load",
           "login_then_csrf", "writer_label"]


def load(resident_id: int, conversation_id: int, action: str = "read", *,
         answers: bool = True) -> tuple[Resident, Conversation]:
    """The resident (unit check and audit entry) and their conversation (without its
    answers when answers=False, see conversations.get).

    Raises NotFound (404) for another unit's resident and for a conversation that
    belongs to another resident."""
    resident = resident_or_404(resident_id, action, object_type="conversation",
                               object_id=conversation_id)
    return resident, conversations.get(get_db(), resident.id, conversation_id,
                                       answers=answers)


def login_then_csrf(view):
    """For saves: check the login before the CSRF token, so that a session that ran
    out answers 401 (JSON) or sends the person to log in, instead of a CSRF error.
    The view is exempt from the global CSRF check and checked here instead."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if g.get("staff") is None:
            if wants_json():
                abort(401)
            code = 302 if request.method == "GET" else 303
            return redirect(url_for("auth.login", next=_back_to(kwargs)), code)
        csrf.protect()
        return view(*args, **kwargs)

    csrf.exempt(f"{view.__module__}.{view.__name__}")
    return wrapped


def _back_to(kwargs: dict) -> str:
    if "question_id" in kwargs:
        return url_for("conversation.question", **kwargs)
    return request.path


def clock_text(stored: str | None) -> str:
    """A stored UTC time as the hour and minute in Copenhagen ('14.32'; '14:32' in
    English)."""
    return hour_minute(clock.parse_iso(stored)) if stored else ""


def hour_minute(moment: datetime) -> str:
    """The hour and minute in Copenhagen. Every autosave answers with it, so plain
    strftime rather than Babel's formatter (the same text for this pattern), in the
    request's locale as samtale.i18n holds it (set with Flask-Babel's for each request)."""
    pattern = "%H:%M" if i18n.current_locale() == "en" else "%H.%M"
    return clock.local(moment).strftime(pattern)


def writer_label(written_by: str) -> str:
    return _("Beboeren selv") if written_by == "resident" else _("Kontaktpersonen")


def go_to(conversation: Conversation, question_id: str | None, review: bool = False):
    """Redirect to a question (None: the review page)."""
    if question_id is None:
        return redirect(url_for("conversation.review", resident_id=conversation.resident_id,
                                conversation_id=conversation.id))
    args = {"til": "gennemse"} if review else {}
    return redirect(url_for("conversation.question", resident_id=conversation.resident_id,
                            conversation_id=conversation.id, question_id=question_id, **args))
