"""Date helpers for the house: reading a date typed in a form, and adding months."""

from __future__ import annotations

import calendar
from datetime import date

from samtale import clock
from samtale.errors import SamtaleError
from samtale.i18n import gettext as _

MAX_YEARS_AWAY = 10


def parse(text: str | date | None, message: str | None = None) -> date:
    """A date from 'YYYY-MM-DD' (or a date); SamtaleError with `message` otherwise, and
    for a date more than ten years from today (a typing error, and out of reach of
    `add_months` near year 9999)."""
    if isinstance(text, date):
        return text
    try:
        day = date.fromisoformat((text or "").strip())
    except ValueError:
        raise SamtaleError(message or _("Skriv datoen som en dato, fx 2026-03-01.")) from None
    if abs(day.year - clock.today().year) > MAX_YEARS_AWAY:
        raise SamtaleError(_("Datoen ligger mere end ti år fra i dag."))
    return day


def optional(text: str | date | None, message: str | None = None) -> date | None:
    if text in (None, ""):
        return None
    return parse(text, message)


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the month's last day when it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def clean_text(text: str | None, limit: int, message: str, required: bool = True) -> str:
    """Text stripped of outer space; SamtaleError(message) when empty (if required) or too long."""
    value = (text or "").strip()
    if (required and not value) or len(value) > limit:
        raise SamtaleError(message)
    return value
