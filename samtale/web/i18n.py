"""Flask-Babel: Danish by default, English per staff member; Danish dates in
Europe/Copenhagen. Also sets the core's locale (samtale.i18n) for each request."""

from __future__ import annotations

from datetime import date, datetime

from flask import Flask, g, session
from flask_babel import Babel, format_date, format_datetime

from samtale import clock
from samtale import i18n as core_i18n
from samtale.paths import TRANSLATIONS_DIR


def select_locale() -> str:
    member = g.get("staff")
    if member is not None:
        return member.language
    return session.get("language", core_i18n.DEFAULT_LOCALE)


def _as_date(value) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return clock.local(value).date()
    if isinstance(value, date):
        return value
    text = str(value)
    if "T" in text:
        return clock.local(clock.parse_iso(text)).date()
    return date.fromisoformat(text)


def dkdate(value, style: str = "long") -> str:
    """'2026-11-25' or a stored timestamp → '25. november 2026' (or the English form)."""
    day = _as_date(value)
    return "" if day is None else format_date(day, style)


def dkdatetime(value, style: str = "medium") -> str:
    if value in (None, ""):
        return ""
    moment = value if isinstance(value, datetime) else clock.parse_iso(str(value))
    return format_datetime(moment, style)


def _set_core_locale() -> None:
    core_i18n.set_locale(select_locale())


def _reset_core_locale(_error=None) -> None:
    core_i18n.set_locale(core_i18n.DEFAULT_LOCALE)


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "da")
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", "Europe/Copenhagen")
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(TRANSLATIONS_DIR)
    Babel(app, locale_selector=select_locale)
    app.add_template_filter(dkdate)
    app.add_template_filter(dkdatetime)
    app.before_request(_set_core_locale)
    app.teardown_request(_reset_core_locale)
