"""The base of every form: Flask-WTF with WTForms' own messages ("This field is
required.") in the screen's language. WTForms ships no Danish catalog, so Samtale keeps
one (samtale/translations/da/LC_MESSAGES/wtforms.po); English uses WTForms' own texts."""

from __future__ import annotations

from functools import lru_cache

from babel.support import NullTranslations, Translations
from flask_babel import get_locale
from flask_wtf import FlaskForm

from samtale.paths import TRANSLATIONS_DIR


@lru_cache(maxsize=4)
def _catalog(locale: str) -> NullTranslations:
    if locale == "da":
        return Translations.load(str(TRANSLATIONS_DIR), ["da"], domain="wtforms")
    return NullTranslations()


class _Messages:
    """WTForms asks this object for its messages while validating and rendering."""

    def gettext(self, string: str) -> str:
        return _catalog(str(get_locale() or "da")).ugettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return _catalog(str(get_locale() or "da")).ungettext(singular, plural, n)


_MESSAGES = _Messages()


class Form(FlaskForm):
    """Use this instead of FlaskForm: CSRF as FlaskForm, messages in the screen's language."""

    class Meta:
        def get_translations(self, form):
            return _MESSAGES
