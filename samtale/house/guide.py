"""The mentor guide: Markdown, one per unit, edited by the leader.

Why per unit: the unit is the only level below an installation, and one installation may
serve several facilities (a municipality's), so "per facility" would force one guide on
all of them. A match is made inside one unit, so the guide describes that unit's own
practice; Enghaven tried the scheme in two of its seven units first. A unit without its
own guide shows the shipped default (guide/da.md, in the reader's language)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlite_utils import Database

from samtale import clock
from samtale.house.dates import clean_text
from samtale.i18n import LANGUAGES, current_locale
from samtale.i18n import gettext as _

GUIDE_DIR = Path(__file__).parent / "guide"
MAX_LENGTH = 20_000


@dataclass(frozen=True)
class Guide:
    unit_id: int
    body: str
    is_default: bool
    updated_at: str | None = None
    updated_by: str | None = None


@lru_cache(maxsize=4)
def _read_default(locale: str) -> str:
    return (GUIDE_DIR / f"{locale}.md").read_text(encoding="utf-8")


def default_guide(locale: str | None = None) -> str:
    """The shipped guide in `locale` (default: the current one), Danish if unknown."""
    locale = locale or current_locale()
    return _read_default(locale if locale in LANGUAGES else "da")


def get_guide(db: Database, unit_id: int) -> Guide:
    row = db.execute(
        "SELECT g.body, g.updated_at, s.display_name FROM mentor_guides g "
        "LEFT JOIN staff s ON s.id = g.updated_by WHERE g.unit_id = ?",
        [unit_id],
    ).fetchone()
    if row is None:
        return Guide(unit_id, default_guide(), True)
    return Guide(unit_id, row[0], False, row[1], row[2])


def save_guide(db: Database, unit_id: int, body: str, staff_id: int | None = None) -> None:
    text = clean_text(body, MAX_LENGTH, _("Skriv guiden (højst %(n)s tegn).", n="20.000"))
    db.execute(
        "INSERT INTO mentor_guides (unit_id, body, updated_at, updated_by) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(unit_id) DO UPDATE SET body = excluded.body, "
        "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        [unit_id, text, clock.now_iso(), staff_id],
    )


def reset_guide(db: Database, unit_id: int) -> None:
    """Go back to the shipped default guide."""
    db.execute("DELETE FROM mentor_guides WHERE unit_id = ?", [unit_id])
