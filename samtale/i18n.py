"""Translations for the core, without Flask.

Danish is the source language: every message id is Danish, and the English catalog
in samtale/translations/en translates it. The web layer sets the locale per request
(see samtale.web.i18n); the CLI sets it from --lang. Core code writes

    from samtale.i18n import gettext as _

and calls _("...") exactly as views do; `pybabel extract` finds both.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from babel.support import NullTranslations, Translations

from samtale.paths import TRANSLATIONS_DIR

LANGUAGES = ("da", "en")
DEFAULT_LOCALE = "da"

_locale: contextvars.ContextVar[str] = contextvars.ContextVar("samtale_locale", default="da")


@lru_cache(maxsize=4)
def catalog(locale: str) -> NullTranslations:
    """The compiled catalog for `locale` (Danish needs none: it is the source)."""
    if locale == DEFAULT_LOCALE:
        return NullTranslations()
    return Translations.load(str(TRANSLATIONS_DIR), [locale], domain="messages")


def current_locale() -> str:
    return _locale.get()


# Dates and times: Danish as in Denmark; English as in Britain (25 November 2026, 14:05),
# which Danish staff read as they read their own, rather than Babel's American "en".
DATE_LOCALES = {"da": "da_DK", "en": "en_GB"}


def date_locale() -> str:
    """The Babel locale for formatting dates and times in the current language."""
    return DATE_LOCALES[_locale.get()]


def set_locale(locale: str) -> None:
    _locale.set(locale if locale in LANGUAGES else DEFAULT_LOCALE)


@contextmanager
def locale(code: str) -> Iterator[None]:
    """Use `code` as the locale inside the block."""
    token = _locale.set(code if code in LANGUAGES else DEFAULT_LOCALE)
    try:
        yield
    finally:
        _locale.reset(token)


def gettext(message: str, **variables: object) -> str:
    """Translate `message` into the current locale and fill in %(name)s variables."""
    text = catalog(_locale.get()).ugettext(message)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, num: int, **variables: object) -> str:
    text = catalog(_locale.get()).ungettext(singular, plural, num)
    variables.setdefault("num", num)
    return text % variables


_ = gettext
