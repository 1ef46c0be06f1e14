"""Moving in: the newcomer's checklist and the Indflytning conversation. No Flask.

Most of the checklist is read from what is already there, so it can never disagree with
the resident's data: the Indflytning conversation (conversations with purpose
'indflytning'), the mentor offer (samtale.house.newcomers), the contact persons, håb og
drømme in the plan, and a first follow-up date on a goal. A few things only people know
("Rundvisning i huset") are ticked by hand and stored per resident (newcomer_checks).

This module must not import samtale.plan_items or samtale.goals (see wish_consent)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from samtale import clock
from samtale.errors import SamtaleError
from samtale.house import newcomers
from samtale.i18n import gettext as _
from samtale.residents import Resident

PURPOSE = "indflytning"
MANUAL = ("tour", "committee", "practical")


def manual_label(key: str) -> str:
    return {
        "tour": _("Rundvisning i huset"),
        "committee": _("Præsenteret for aktivitetsudvalget"),
        "practical": _("Nøgler, post og vaskeri er på plads"),
    }[key]


@dataclass(frozen=True)
class Check:
    key: str
    label: str
    done: bool
    detail: str = ""  # a few plain words: "I gang", "Ønsker en mentor", a name
    on: str | None = None  # the date it was done, when known (YYYY-MM-DD)
    manual: bool = False


@dataclass(frozen=True)
class MovingIn:
    """The resident's Indflytning conversation, if any: the latest one."""

    conversation_id: int | None
    status: str | None  # in_progress, postponed, finished
    retry_on: str | None = None
    finished_at: str | None = None


@dataclass(frozen=True)
class Checklist:
    resident_id: int
    checks: tuple[Check, ...]
    moving_in: MovingIn

    @property
    def done(self) -> int:
        return sum(1 for c in self.checks if c.done)

    @property
    def missing(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if not c.done)

    @property
    def needs_conversation(self) -> bool:
        """No Indflytning conversation started yet: the call to action."""
        return self.moving_in.conversation_id is None


def moving_in(db: Database, resident_id: int) -> MovingIn:
    """The finished Indflytning conversation if there is one, else the latest."""
    row = db.execute(
        "SELECT id, status, retry_on, finished_at FROM conversations WHERE resident_id = ? "
        "AND purpose = ? ORDER BY status = 'finished' DESC, updated_at DESC, id DESC LIMIT 1",
        [resident_id, PURPOSE],
    ).fetchone()
    return MovingIn(*row) if row else MovingIn(None, None)


def _date(stamp: str | None) -> str | None:
    return clock.local(clock.parse_iso(stamp)).date().isoformat() if stamp else None


def _conversation_check(state: MovingIn) -> Check:
    label = _("Indflytningssamtale holdt")
    if state.status == "finished":
        return Check("conversation", label, True, on=_date(state.finished_at))
    detail = {"in_progress": _("I gang"), "postponed": _("Udsat")}.get(state.status or "", "")
    return Check("conversation", label, False, detail)


def _mentor_check(db: Database, resident_id: int) -> Check:
    offer = newcomers.offer_for(db, resident_id)
    label = _("Mentor tilbudt")
    if offer is None:
        return Check("mentor", label, False)
    detail = {"yes": _("Ønsker en mentor"), "declined": _("Nej tak"),
              "matched": _("Har en mentor")}[offer.outcome]
    return Check("mentor", label, True, detail, offer.recorded_on)


def _plan_checks(db: Database, resident_id: int) -> tuple[Check, Check]:
    dreams = db.execute("SELECT count(*) FROM plan_items WHERE resident_id = ? AND "
                        "kind = 'dream'", [resident_id]).fetchone()[0]
    follow_up = db.execute(
        "SELECT min(next_follow_up) FROM goals WHERE resident_id = ? AND lifecycle = 'active' "
        "AND next_follow_up IS NOT NULL", [resident_id]).fetchone()[0]
    return (
        Check("dreams", _("Håb og drømme i planen"), dreams > 0),
        Check("follow_up", _("Første opfølgning er sat"), follow_up is not None,
              on=follow_up),
    )


def ticked(db: Database, resident_id: int) -> dict[str, str]:
    """{manual item: the date it was ticked}."""
    rows = db.execute("SELECT item, done_on FROM newcomer_checks WHERE resident_id = ?",
                      [resident_id])
    return dict(rows.fetchall())


def checklist_for(db: Database, resident: Resident) -> Checklist:
    """Everything on the newcomer's checklist, derived items first, then the manual ones."""
    state = moving_in(db, resident.id)
    manual = ticked(db, resident.id)
    contacts = Check("contacts", _("Kontaktpersoner valgt"), bool(resident.contact_ids),
                     ", ".join(resident.contact_names))
    checks = (
        _conversation_check(state),
        _mentor_check(db, resident.id),
        contacts,
        *_plan_checks(db, resident.id),
        *(Check(key, manual_label(key), key in manual, on=manual.get(key), manual=True)
          for key in MANUAL),
    )
    return Checklist(resident.id, checks, state)


def set_ticked(db: Database, resident_id: int, keys, staff_id: int | None = None) -> bool:
    """Tick exactly `keys` of the manual items (keeping the first date of those already
    ticked); returns whether anything changed. SamtaleError for an unknown item."""
    wanted = set(keys)
    if wanted - set(MANUAL):
        raise SamtaleError(_("Ukendt punkt på tjeklisten."))
    with db.atomic():
        before = set(ticked(db, resident_id))
        for key in wanted - before:
            db["newcomer_checks"].insert({"resident_id": resident_id, "item": key,
                                          "done_on": clock.today().isoformat(),
                                          "done_by": staff_id})
        for key in before - wanted:
            db.execute("DELETE FROM newcomer_checks WHERE resident_id = ? AND item = ?",
                       [resident_id, key])
    return wanted != before
