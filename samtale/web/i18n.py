"""Flask-Babel: Danish by default, English per staff member; Danish dates in
Europe/Copenhagen. Also sets the core's locale (samtale.i18n) for each request."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from babel import dates as babel_dates
from flask import Flask, g, session
from flask_babel import Babel
from jinja2 import pass_eval_context
from markupsafe import Markup, escape

from samtale import clock
from samtale import i18n as core_i18n
from samtale.paths import TRANSLATIONS_DIR


def select_locale() -> str:
    """The request's locale. Flask-Babel asks once per request; the core's locale
    (samtale.i18n) is set to the same, so core texts, templates and views agree."""
    member = g.get("staff")
    if member is not None:
        locale = member.language
    else:
        locale = session.get("language", core_i18n.DEFAULT_LOCALE)
    core_i18n.set_locale(locale)
    return locale


def dkdate(value, style: str = "long") -> str:
    """'2026-11-25' or a stored timestamp → '25. november 2026' (or the English form)."""
    if isinstance(value, str):
        return _dkdate_text(value, style, core_i18n.date_locale())
    day = clock.local_date(value)
    if day is None:
        return ""
    return babel_dates.format_date(day, style, locale=core_i18n.date_locale())


@lru_cache(maxsize=4096)
def _dkdate_text(value: str, style: str, locale: str) -> str:
    """Pure, so kept: a page of overviews shows the same few dates many times, and
    formatting one costs Babel tens of microseconds."""
    day = clock.local_date(value)
    return "" if day is None else babel_dates.format_date(day, style, locale=locale)


def _catalog():
    return core_i18n.catalog(core_i18n.current_locale())


def _fill(eval_ctx, text: str, variables: dict):
    """Jinja's newstyle rule: escape, then always %-format (a text without % and without
    variables is its own result, so it skips the formatting). Names and numbers, what
    templates pass, are escaped here and formatted by str; Markup's own formatting (for
    anything else) gives the same text, at twice the cost."""
    if not eval_ctx.autoescape:
        return text % variables if variables or "%" in text else text
    if not variables:
        return Markup(text % variables) if "%" in text else Markup(text)
    if all(type(v) in (str, int, Markup) for v in variables.values()):
        return Markup(text % {k: v if type(v) is int else escape(v)
                              for k, v in variables.items()})
    return Markup(text) % variables


_PLAIN: dict[tuple[str, str], Markup] = {}  # (locale, message id) → the escaped text
PLAIN_KEPT = 10_000


@pass_eval_context
def template_gettext(eval_ctx, __string: str, **variables):
    """`_()` and `gettext()` in templates: Jinja's newstyle gettext (autoescaped, always
    %-formatted), in one call instead of three. A text without variables is the same
    Markup every time, so it is kept (per locale)."""
    if variables or not eval_ctx.autoescape:
        return _fill(eval_ctx, _catalog().ugettext(__string), variables)
    key = (core_i18n.current_locale(), __string)
    text = _PLAIN.get(key)
    if text is None:
        text = _fill(eval_ctx, _catalog().ugettext(__string), variables)
        if len(_PLAIN) < PLAIN_KEPT:
            _PLAIN[key] = text
    return text


@pass_eval_context
def template_ngettext(eval_ctx, __singular: str, __plural: str, __num: int, **variables):
    variables.setdefault("num", __num)
    return _fill(eval_ctx, _catalog().ungettext(__singular, __plural, __num), variables)


@pass_eval_context
def template_pgettext(eval_ctx, __context: str, __string: str, **variables):
    return _fill(eval_ctx, _catalog().upgettext(__context, __string), variables)


@pass_eval_context
def template_npgettext(eval_ctx, __context: str, __singular: str, __plural: str, __num: int,
                       **variables):
    variables.setdefault("num", __num)
    return _fill(eval_ctx, _catalog().unpgettext(__context, __singular, __plural, __num),
                 variables)


def _install_template_gettext(app: Flask) -> None:
    """Templates translate with the core's catalogs (samtale.i18n) in the request's
    locale: the catalog and locale Flask-Babel would use (select_locale sets both), but
    without looking the request's locale and domain up again, through three layers of
    calls, for each of the 30 to 300 texts on a page. The semantics are Jinja's newstyle
    gettext. (Inside flask_babel.force_locale, templates keep the request's locale; no
    view renders a template there.)"""
    app.jinja_env.globals.update(
        _=template_gettext, gettext=template_gettext, ngettext=template_ngettext,
        pgettext=template_pgettext, npgettext=template_npgettext)


def dkdatetime(value, style: str = "medium") -> str:
    if value in (None, ""):
        return ""
    moment = value if isinstance(value, datetime) else clock.parse_iso(str(value))
    return babel_dates.format_datetime(
        moment, style, tzinfo=clock.COPENHAGEN, locale=core_i18n.date_locale())


def _set_core_locale() -> None:
    core_i18n.set_locale(select_locale())


def _reset_core_locale(_error=None) -> None:
    core_i18n.set_locale(core_i18n.DEFAULT_LOCALE)


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "da")
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", "Europe/Copenhagen")
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(TRANSLATIONS_DIR)
    Babel(app, locale_selector=select_locale)
    _install_template_gettext(app)
    app.add_template_filter(dkdate)
    app.add_template_filter(dkdatetime)
    app.before_request(_set_core_locale)
    app.teardown_request(_reset_core_locale)
