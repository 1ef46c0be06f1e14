"""The house blueprint and what its views share: the chosen unit (remembered in the
session), the unit check for house-level objects, and auditing whose names a page shows."""

from __future__ import annotations

from flask import Blueprint, g, request, session
from flask_babel import gettext as _
from wtforms import SelectMultipleField
from wtforms.widgets import CheckboxInput, ListWidget

from samtale import staff
from samtale.errors import NotFound, SamtaleError
from samtale.web.access import audit_event
from samtale.web.db import get_db
from samtale.web.forms import Form

bp = Blueprint("house", __name__, url_prefix="/huset")

SESSION_KEY = "house_unit"


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class PostForm(Form):
    """A form with only the CSRF token, for buttons and hand-built rows."""


def my_units() -> list[dict]:
    """The logged-in staff member's units: [{"id", "name"}], by name."""
    return [{"id": u["id"], "name": u["name"]} for u in staff.units(get_db(), g.staff.unit_ids)]


def current_unit_id() -> int:
    """The unit the staff member works in on the house pages (chosen, else the first)."""
    if not g.staff.unit_ids:
        raise SamtaleError(
            _("Du hører ikke til en afdeling endnu. Bed lederen om at tilføje dig."), 403
        )
    chosen = session.get(SESSION_KEY)
    return chosen if chosen in g.staff.unit_ids else g.staff.unit_ids[0]


def use_unit(unit_id: int) -> int:
    """Check that the staff member belongs to `unit_id` (NotFound otherwise); remember it."""
    if unit_id not in g.staff.unit_ids:
        raise NotFound()
    if session.get(SESSION_KEY) != unit_id:
        session[SESSION_KEY] = unit_id
    return unit_id


def audit_shown(resident_ids, object_type: str, object_id=None) -> None:
    """One read entry per resident whose name or data the page shows."""
    for resident_id in sorted(set(resident_ids)):
        audit_event("read", resident_id=resident_id, object_type=object_type, object_id=object_id)


def chosen_text(typed: str | None) -> str:
    """The text to save: the jeg-form suggestion when its button was pressed, else `typed`."""
    return request.form.get("use_suggestion") or typed or ""
