""""Ikke i dag" for a conversation and for a follow-up: the same terms for both. No Flask."""

from __future__ import annotations

from datetime import date

from samtale import clock
from samtale.errors import SamtaleError
from samtale.i18n import gettext as _

MAX_REASON = 500
RETRY_DAYS = 14


def terms(reason: str | None, retry_on: date | None) -> tuple[str | None, date]:
    """The optional reason (spaces tidied, None when empty) and the date to try again
    (in 14 days when not given). Raises SamtaleError for a reason that is too long or a
    date in the past."""
    reason = " ".join((reason or "").split())
    if len(reason) > MAX_REASON:
        raise SamtaleError(_("Skriv højst %(n)s tegn.", n=MAX_REASON))
    retry_on = retry_on or clock.days_from_today(RETRY_DAYS)
    if retry_on < clock.today():
        raise SamtaleError(_("Datoen for at prøve igen kan ikke ligge i fortiden."))
    return reason or None, retry_on
