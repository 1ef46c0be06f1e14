"""Newcomers and the mentor offer: for each new resident, whether a mentor was offered
(yes, declined with an optional reason, or a match made), and the list of newcomers
who have not been offered one yet.

The Indflytning conversation asks too (`mentor_oenske`): a "ja" or "nej" there counts as
the answer to the offer, unless staff recorded an answer later (the latest one counts)
or a match is made."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta

from sqlite_utils import Database

from samtale import clock, residents
from samtale.errors import SamtaleError
from samtale.house.dates import clean_text
from samtale.i18n import gettext as _
from samtale.residents import Resident

NEWCOMER_DAYS = 90
OUTCOMES = ("yes", "declined", "matched")
REASON_LENGTH = 500
MENTOR_QUESTION = "mentor_oenske"  # in the Indflytning bank; keep the id in copies
_ANSWER_OUTCOMES = {"ja": "yes", "nej": "declined"}


@dataclass(frozen=True)
class Offer:
    resident_id: int
    outcome: str
    reason: str | None
    recorded_on: str
    recorded_by: str | None
    source: str = "staff"  # or "conversation": the answer to mentor_oenske


def _conversation_answer(db: Database, resident_id: int) -> tuple[Offer, str] | None:
    """The latest "ja" or "nej" to mentor_oenske, as an offer, with when it was saved."""
    row = db.execute(
        "SELECT value, updated_at FROM answers WHERE resident_id = ? AND question_id = ? "
        "AND skipped = 0 AND value IS NOT NULL ORDER BY updated_at DESC, id DESC LIMIT 1",
        [resident_id, MENTOR_QUESTION],
    ).fetchone()
    outcome = _ANSWER_OUTCOMES.get(json.loads(row[0])) if row else None
    if outcome is None:
        return None
    on = clock.local(clock.parse_iso(row[1])).date().isoformat()
    return Offer(resident_id, outcome, None, on, None, "conversation"), row[1]


def offer_for(db: Database, resident_id: int) -> Offer | None:
    """The answer to the mentor offer: a match, else the latest of what staff recorded
    and what the resident answered in the Indflytning conversation; None when neither."""
    row = db.execute(
        "SELECT o.resident_id, o.outcome, o.reason, o.recorded_on, s.display_name, o.updated_at "
        "FROM mentor_offers o LEFT JOIN staff s ON s.id = o.recorded_by WHERE o.resident_id = ?",
        [resident_id],
    ).fetchone()
    recorded = Offer(*row[:5]) if row else None
    if recorded and recorded.outcome == "matched":
        return recorded
    answered = _conversation_answer(db, resident_id)
    if answered and (recorded is None or answered[1] > row[5]):
        return answered[0]
    return recorded


def record_offer(
    db: Database, resident_id: int, outcome: str, reason: str | None = None, staff_id=None
) -> None:
    """Record that a mentor was offered: 'yes' (wants one) or 'declined' (optional reason)."""
    if outcome not in ("yes", "declined"):
        raise SamtaleError(_("Vælg, hvad beboeren svarede."))
    text = clean_text(
        reason, REASON_LENGTH, _("Begrundelsen må højst være %(n)s tegn.", n=REASON_LENGTH), False
    )
    residents.get(db, resident_id)
    _put(db, resident_id, outcome, text if outcome == "declined" and text else None, staff_id)


def mark_matched(db: Database, resident_id: int, staff_id=None) -> None:
    _put(db, resident_id, "matched", None, staff_id)


def _put(db: Database, resident_id: int, outcome: str, reason, staff_id) -> None:
    db.execute(
        "INSERT INTO mentor_offers (resident_id, outcome, reason, recorded_on, recorded_by, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(resident_id) DO UPDATE SET "
        "outcome = excluded.outcome, reason = excluded.reason, recorded_on = excluded.recorded_on, "
        "recorded_by = excluded.recorded_by, updated_at = excluded.updated_at",
        [resident_id, outcome, reason, clock.today().isoformat(), staff_id, clock.now_iso()],
    )


def is_newcomer(resident: Resident) -> bool:
    """Living here and moved in within the last 90 days (or about to move in)."""
    since = (clock.today() - timedelta(days=NEWCOMER_DAYS)).isoformat()
    return resident.status == "bor_her" and resident.moved_in >= since


def _newcomer_ids(db: Database, unit_ids, without_match: bool = True) -> list[int]:
    """Residents of `unit_ids` who live there and moved in within 90 days, the longest
    waiting first (without a mentor match, unless `without_match` is False)."""
    units = [int(u) for u in unit_ids]
    if not units:
        return []
    since = (clock.today() - timedelta(days=NEWCOMER_DAYS)).isoformat()
    marks = ",".join("?" * len(units))
    no_match = (
        "AND NOT EXISTS (SELECT 1 FROM mentor_matches m WHERE m.resident_id = r.id) "
        if without_match
        else ""
    )
    rows = db.execute(
        f"SELECT r.id FROM residents r WHERE r.unit_id IN ({marks}) AND r.status = 'bor_her' "
        f"AND r.moved_in >= ? {no_match}ORDER BY r.moved_in, r.display_name COLLATE NOCASE",
        [*units, since],
    )
    return [row[0] for row in rows]


def newcomers_in(db: Database, unit_ids) -> list[Resident]:
    """Every newcomer of `unit_ids` (moved in within 90 days, living there)."""
    return [residents.get(db, i) for i in _newcomer_ids(db, unit_ids, without_match=False)]


def newcomers_without_mentor(db: Database, unit_ids) -> list[Resident]:
    """Residents of `unit_ids` who moved in within 90 days, live there, and have not
    been offered a mentor (no answer recorded or given in the Indflytning conversation,
    no match); the longest waiting first."""
    ids = _newcomer_ids(db, unit_ids)
    return [residents.get(db, i) for i in ids if offer_for(db, i) is None]


def newcomers_waiting_for_match(db: Database, unit_ids) -> list[Resident]:
    """Newcomers who said yes to a mentor (to staff or in the conversation) and have
    no match yet."""
    ids = _newcomer_ids(db, unit_ids)
    return [residents.get(db, i) for i in ids if _outcome(db, i) == "yes"]


def _outcome(db: Database, resident_id: int) -> str | None:
    offer = offer_for(db, resident_id)
    return offer.outcome if offer else None
