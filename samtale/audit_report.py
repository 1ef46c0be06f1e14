"""Reading the audit log, for the leader: filters and pages, the spot
check (a random sample of accesses and the reviews of them) and one resident's access
report as rows and as CSV. No Flask.

The log holds no resident content, so nothing here can show any. A resident's name is
shown only when the reader shares the resident's unit (`unit_ids`); otherwise the entry
says "Beboer #17". Reviews are rows of their own: the log itself is never changed.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlite_utils import Database

from samtale import clock
from samtale.audit_labels import action_labels, label, object_labels, outcome_labels, purpose_labels
from samtale.errors import NotFound, SamtaleError
from samtale.i18n import gettext as _

PAGE_SIZE = 50
MAX_SAMPLE = 50
MAX_NOTE = 1000
VERDICTS = ("ok", "follow_up")


@dataclass(frozen=True)
class Entry:
    id: int
    at: str
    actor_id: int | None
    actor_name: str | None  # the username at the time
    actor_display: str | None  # the staff member's current display name, if they exist
    action: str
    resident_id: int | None
    resident_name: str | None  # None unless the reader shares the resident's unit
    object_type: str | None
    object_id: str | None
    purpose: str | None
    outcome: str
    request_id: str | None

    @property
    def who(self) -> str:
        if self.actor_display:
            return f"{self.actor_display} ({self.actor_name})"
        return self.actor_name or _("(ikke logget ind)")

    @property
    def resident(self) -> str:
        if self.resident_id is None:
            return "–"
        return self.resident_name or _("Beboer #%(id)s", id=self.resident_id)

    @property
    def action_label(self) -> str:
        return label(action_labels(), self.action)

    @property
    def object_label(self) -> str:
        return label(object_labels(), self.object_type)

    @property
    def purpose_label(self) -> str:
        return label(purpose_labels(), self.purpose)

    @property
    def outcome_label(self) -> str:
        return label(outcome_labels(), self.outcome)


_SELECT = (
    "SELECT a.id, a.at, a.actor_id, a.actor_name, s.display_name, a.action, a.resident_id, "
    "r.display_name, r.unit_id, a.object_type, a.object_id, a.purpose, a.outcome, a.request_id "
    "FROM audit_log a LEFT JOIN staff s ON s.id = a.actor_id "
    "LEFT JOIN residents r ON r.id = a.resident_id "
)


def _entry(row, unit_ids) -> Entry:
    *head, name, unit_id = row[:9]
    visible = name if unit_id in unit_ids else None
    return Entry(*head, visible, *row[9:])


@dataclass(frozen=True)
class Filters:
    resident_id: int | None = None
    actor_id: int | None = None
    action: str | None = None
    date_from: date | None = None
    date_to: date | None = None  # inclusive


def day_start(day: date) -> str:
    """Midnight in Copenhagen at the start of `day`, as a stored UTC timestamp."""
    return clock.to_iso(datetime.combine(day, time(), tzinfo=clock.COPENHAGEN))


def _where(filters: Filters) -> tuple[str, list]:
    parts, params = [], []
    for column, value in (
        ("a.resident_id", filters.resident_id),
        ("a.actor_id", filters.actor_id),
        ("a.action", filters.action),
    ):
        if value is not None:
            parts.append(f"{column} = ?")
            params.append(value)
    if filters.date_from:
        parts.append("a.at >= ?")
        params.append(day_start(filters.date_from))
    if filters.date_to:
        parts.append("a.at < ?")
        params.append(day_start(filters.date_to + timedelta(days=1)))
    return ("WHERE " + " AND ".join(parts) + " ") if parts else "", params


@dataclass(frozen=True)
class Page:
    entries: list[Entry]
    number: int
    pages: int
    total: int


def search(db: Database, filters: Filters, page: int = 1, unit_ids=()) -> Page:
    """One page of entries matching `filters`, newest first."""
    where, params = _where(filters)
    total = db.execute(f"SELECT count(*) FROM audit_log a {where}", params).fetchone()[0]
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, page), pages)
    rows = db.execute(
        _SELECT + where + "ORDER BY a.id DESC LIMIT ? OFFSET ?",
        [*params, PAGE_SIZE, (page - 1) * PAGE_SIZE],
    ).fetchall()
    units = set(unit_ids)
    return Page([_entry(r, units) for r in rows], page, pages, total)


def entries(db: Database, ids: list[int], unit_ids=()) -> list[Entry]:
    """The entries with these ids, in the order given (missing ones left out)."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    rows = db.execute(_SELECT + f"WHERE a.id IN ({marks})", list(ids)).fetchall()
    units = set(unit_ids)
    by_id = {row[0]: _entry(row, units) for row in rows}
    return [by_id[i] for i in ids if i in by_id]


def resident_accesses(db: Database, resident_id: int, unit_ids=()) -> list[Entry]:
    """Every entry about one resident, newest first: the access report."""
    rows = db.execute(
        _SELECT + "WHERE a.resident_id = ? ORDER BY a.id DESC", [resident_id]
    ).fetchall()
    units = set(unit_ids)
    return [_entry(r, units) for r in rows]


# --- the spot check ------------------------------------------------------


def sample(
    db: Database, date_from: date, date_to: date, size: int, rng: random.Random | None = None
) -> list[int]:
    """The ids of up to `size` random accesses to residents' data in the period
    (both dates included), oldest first."""
    if date_to < date_from:
        raise SamtaleError(_("Slutdatoen ligger før startdatoen."))
    if not 1 <= size <= MAX_SAMPLE:
        raise SamtaleError(_("Vælg mellem 1 og %(n)s adgange.", n=MAX_SAMPLE))
    ids = [
        row[0]
        for row in db.execute(
            "SELECT id FROM audit_log WHERE resident_id IS NOT NULL AND at >= ? AND at < ?",
            [day_start(date_from), day_start(date_to + timedelta(days=1))],
        )
    ]
    chosen = (rng or random.SystemRandom()).sample(ids, min(size, len(ids)))
    return sorted(chosen)


@dataclass(frozen=True)
class Review:
    id: int
    entry_id: int
    reviewer_id: int
    reviewer_name: str
    reviewed_at: str
    verdict: str
    note: str

    @property
    def verdict_label(self) -> str:
        return _("I orden") if self.verdict == "ok" else _("Skal følges op")


def add_review(db: Database, entry_id: int, reviewer_id: int, verdict: str, note: str) -> int:
    """Record that `reviewer_id` checked entry `entry_id`; return the review's id."""
    if verdict not in VERDICTS:
        raise SamtaleError(_("Vælg, om adgangen er i orden eller skal følges op."))
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise SamtaleError(_("Noten må højst være %(n)s tegn.", n=MAX_NOTE))
    if not db.execute("SELECT 1 FROM audit_log WHERE id = ?", [entry_id]).fetchone():
        raise NotFound()
    row = {
        "entry_id": entry_id,
        "reviewer_id": reviewer_id,
        "reviewed_at": clock.now_iso(),
        "verdict": verdict,
        "note": note,
    }
    return db["audit_reviews"].insert(row).last_pk


_REVIEWS = (
    "SELECT v.id, v.entry_id, v.reviewer_id, s.display_name, v.reviewed_at, v.verdict, v.note "
    "FROM audit_reviews v JOIN staff s ON s.id = v.reviewer_id "
)


def reviews_for(db: Database, entry_ids: list[int]) -> dict[int, list[Review]]:
    found: dict[int, list[Review]] = {}
    if not entry_ids:
        return found
    marks = ",".join("?" * len(entry_ids))
    rows = db.execute(_REVIEWS + f"WHERE v.entry_id IN ({marks}) ORDER BY v.id", entry_ids)
    for row in rows:
        found.setdefault(row[1], []).append(Review(*row))
    return found


def recent_reviews(db: Database, limit: int = 20) -> list[Review]:
    rows = db.execute(_REVIEWS + "ORDER BY v.id DESC LIMIT ?", [limit]).fetchall()
    return [Review(*row) for row in rows]


# --- CSV -----------------------------------------------------------------


def _cell(value: object) -> str:
    """Text for a spreadsheet cell; a leading = + - @ cannot start a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def local_time(stored: str) -> str:
    return clock.local(clock.parse_iso(stored)).strftime("%Y-%m-%d %H:%M:%S")


def access_csv(rows: list[Entry]) -> bytes:
    """The access report as CSV for Danish spreadsheets: UTF-8 with BOM, semicolons."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            _("Tidspunkt (dansk tid)"),
            _("Medarbejder"),
            _("Handling"),
            _("Hvad"),
            _("Id"),
            _("Formål"),
            _("Udfald"),
            _("Forespørgsel"),
        ]
    )
    for e in rows:
        writer.writerow(
            _cell(v)
            for v in (
                local_time(e.at),
                e.who,
                e.action_label,
                e.object_label,
                e.object_id,
                e.purpose_label,
                e.outcome_label,
                e.request_id,
            )
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")
