"""Consent to put an activity wish on the house board. No Flask.

Two separate consents on a plan item of kind 'activity': `share_on_board` (the wish may be
on the board, as "en beboer") and `share_first_name` (the resident's first name may stand
with it). A name without sharing means nothing, so taking back the sharing takes back the
name too, and the link to any prøvehandling idea made from the wish is dropped (the idea
keeps its own text). Every change is an event: who, when, and from where.

This module must not import samtale.plan_items (plan_items imports it)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from samtale import clock, flow
from samtale.db import write_transaction
from samtale.errors import NotFound
from samtale.i18n import gettext as _

# where a consent was given or taken back
VIA = ("plan", "resident_screen", "conversation", "new_item", "item_form")
SHARE_QUESTION = "tavle_samtykke"  # Aktiviteter og fællesskaber: may the wishes go up?
NAME_QUESTION = "tavle_navn"  # ... and may the name stand with them?


@dataclass(frozen=True)
class Consent:
    item_id: int
    resident_id: int
    shared: bool
    named: bool  # never True unless shared


@dataclass(frozen=True)
class ConsentEvent:
    item_id: int | None
    shared: bool
    named: bool
    via: str
    staff_name: str | None
    at: str


def via_label(via: str) -> str:
    return {
        "plan": _("Min plan"),
        "resident_screen": _("Beboeren selv, på skærmen"),
        "conversation": _("Samtalen om aktiviteter"),
        "new_item": _("Nyt aktivitetsønske"),
        "item_form": _("Rettelse af ønsket"),
    }.get(via, via)


def state_label(shared: bool, named: bool) -> str:
    """The consent in plain words, as the resident reads it."""
    if not shared:
        return _("Ikke på husets tavle")
    if named:
        return _("På husets tavle med mit fornavn")
    return _("På husets tavle uden navn")


def get(db: Database, resident_id: int, item_id: int) -> Consent:
    """The consent of one activity wish of the resident; NotFound for anything else."""
    row = db.execute(
        "SELECT share_on_board, share_first_name FROM plan_items "
        "WHERE id = ? AND resident_id = ? AND kind = 'activity'",
        [item_id, resident_id],
    ).fetchone()
    if row is None:
        raise NotFound()
    shared = bool(row[0])
    return Consent(item_id, resident_id, shared, shared and bool(row[1]))


def record(db: Database, resident_id: int, item_id: int, *, shared: bool, named: bool,
           via: str, staff_id: int | None = None, staff_name: str | None = None) -> None:
    """Write one consent event (the caller has changed the item)."""
    if staff_name is None and staff_id is not None:
        found = db.execute("SELECT display_name FROM staff WHERE id = ?", [staff_id]).fetchone()
        staff_name = found[0] if found else None
    db["wish_consent_events"].insert({
        "resident_id": resident_id, "item_id": item_id, "shared": int(shared),
        "named": int(shared and named), "via": via if via in VIA else "plan",
        "staff_id": staff_id, "staff_name": staff_name, "at": clock.now_iso()})


def set_consent(db: Database, resident_id: int, item_id: int, *, shared: bool, named: bool,
                via: str = "plan", staff_id: int | None = None,
                staff_name: str | None = None) -> bool:
    """Give or take back the two consents of one wish. Returns False when nothing changed
    (and records nothing). Taking back sharing drops the name and the idea links."""
    shared, named = bool(shared), bool(shared) and bool(named)
    with write_transaction(db):
        before = get(db, resident_id, item_id)
        if (shared, named) == (before.shared, before.named):
            return False
        db.execute(
            "UPDATE plan_items SET share_on_board = ?, share_first_name = ?, updated_at = ? "
            "WHERE id = ? AND resident_id = ?",
            [int(shared), int(named), clock.now_iso(), item_id, resident_id])
        if not shared:
            db.execute("DELETE FROM wish_ideas WHERE item_id = ?", [item_id])
        record(db, resident_id, item_id, shared=shared, named=named, via=via,
               staff_id=staff_id, staff_name=staff_name)
    return True


def withdraw(db: Database, resident_id: int, item_id: int, *, via: str = "plan",
             staff_id: int | None = None, staff_name: str | None = None) -> bool:
    """Take back both consents at once ("Fjern fra tavlen")."""
    return set_consent(db, resident_id, item_id, shared=False, named=False, via=via,
                       staff_id=staff_id, staff_name=staff_name)


def history(db: Database, resident_id: int, item_id: int | None = None) -> list[ConsentEvent]:
    """The resident's consent events (of one wish, when `item_id` is given), oldest first."""
    where, params = "resident_id = ?", [resident_id]
    if item_id is not None:
        where, params = where + " AND item_id = ?", [*params, item_id]
    rows = db.execute(
        "SELECT item_id, shared, named, via, staff_name, at FROM wish_consent_events "
        f"WHERE {where} ORDER BY id", params)
    return [ConsentEvent(r[0], bool(r[1]), bool(r[2]), r[3], r[4], r[5]) for r in rows]


def from_conversation(conversation) -> tuple[bool, bool]:
    """(shared, named) as the resident answered `tavle_samtykke` and `tavle_navn` in the
    conversation (hidden answers do not count): the default when a wish is accepted."""
    answers = flow.effective_answers(conversation.bank, conversation.values)
    shared = answers.get(SHARE_QUESTION) == "ja"
    return shared, shared and answers.get(NAME_QUESTION) == "ja"
