"""The facility's settings page (/admin/indstillinger), changed on screen by the leader.

Each setting is one `SettingField` in FIELDS: the page, its form and its validation are
built from that list, and values are kept with samtale.settings. To add a setting,
append one line, for example:

    SettingField("follow_up_weeks", _l("Uger til næste opfølgning"), int, 6, 1, 52),
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField
from wtforms.validators import InputRequired, NumberRange

from samtale import gdpr, settings
from samtale.web.access import audit_event, leader_required
from samtale.web.db import get_db
from samtale.web.forms import Form

bp = Blueprint("settings", __name__, url_prefix="/admin")


@dataclass(frozen=True)
class SettingField:
    key: str
    label: object  # a lazy string
    kind: type  # bool or int
    default: object
    minimum: int = 0
    maximum: int = 0
    hint: object = None


FIELDS: list[SettingField] = [
    SettingField(
        "require_totp",
        _l("Kræv to-faktor-login for alle medarbejdere"),
        bool,
        False,
        hint=_l(
            "Medarbejdere uden to-faktor-login skal sætte det op, lige efter de er logget ind."
        ),
    ),
    SettingField(
        "erase_after_months",
        _l("Slet data om fraflyttede beboere efter så mange måneder"),
        int,
        gdpr.ERASE_AFTER_MONTHS,
        1,
        120,
        hint=_l("Kommandoen «samtale retention run» sletter data, når tiden er gået."),
    ),
    SettingField(
        "follow_up_weeks",
        _l("Uger til næste opfølgning på et mål"),
        int,
        6,
        1,
        52,
        hint=_l("Den dato, et nyt mål og en opfølgning foreslår. Normalt seks uger."),
    ),
]


def _form_class() -> type[Form]:
    class SettingsForm(Form):
        pass

    for item in FIELDS:
        if item.kind is bool:
            field = BooleanField(item.label)
        else:
            field = IntegerField(
                item.label, validators=[InputRequired(), NumberRange(item.minimum, item.maximum)]
            )
        setattr(SettingsForm, item.key, field)
    return SettingsForm


def current_values(db) -> dict:
    return {item.key: settings.get(db, item.key, item.default) for item in FIELDS}


@bp.route("/indstillinger", methods=["GET", "POST"])
@leader_required
def index():
    db = get_db()
    values = current_values(db)
    form = _form_class()(data=values)
    if form.validate_on_submit():
        for item in FIELDS:
            new = item.kind(form[item.key].data)
            if new != values[item.key]:
                settings.put(db, item.key, new)
                audit_event("admin", object_type="settings", object_id=item.key, purpose="update")
        flash(_("Indstillingerne er gemt."))
        return redirect(url_for("settings.index"))
    status = 400 if form.errors else 200
    return render_template("security/settings.html", form=form, fields=FIELDS), status
