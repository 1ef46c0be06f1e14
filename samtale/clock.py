"""The only place that reads the time. Tests replace `clock.now` to travel in time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
STORED = "%Y-%m-%dT%H:%M:%S.%fZ"  # how times are stored (UTC)


def now() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


def now_iso() -> str:
    """The current time as stored: UTC, `YYYY-MM-DDTHH:MM:SS.ffffffZ`."""
    return to_iso(now())


def to_iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(STORED)


def parse_iso(text: str) -> datetime:
    """Read a stored UTC timestamp back into an aware datetime."""
    if len(text) == 27 and text[10] == "T" and text[19] == "." and text[26] == "Z":
        return datetime.fromisoformat(text)  # the stored shape: 30 times faster than strptime
    return datetime.strptime(text, STORED).replace(tzinfo=UTC)


def today() -> date:
    """Today's date in Copenhagen: the date a Danish user means by 'today'."""
    return now().astimezone(COPENHAGEN).date()


def days_from_today(days: int) -> date:
    return today() + timedelta(days=days)


def local(moment: datetime) -> datetime:
    return moment.astimezone(COPENHAGEN)


def local_date(value: str | date | datetime | None) -> date | None:
    """The day in Copenhagen of a date, an aware datetime, an ISO date ('2026-11-25') or a
    stored timestamp; None for None or ''."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return local(value).date()
    if isinstance(value, date):
        return value
    text = str(value)
    if "T" in text:
        return local(parse_iso(text)).date()
    return date.fromisoformat(text)
