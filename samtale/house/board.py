"""The board (tavlen) for the common room: what the house is planning and trying.

Nothing personal reaches it beyond a resident's first name, and only when that resident
said yes to being named for that item; everyone else is "en beboer". The board is built
from sections, each made by a provider registered with `@board_section`; activity
wishes (issue 6, phase 2) join by registering their own provider:

    @board_section
    def wishes(db, unit_id) -> BoardSection | None: ...
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from sqlite_utils import Database

from samtale import clock
from samtale.house.trial_people import people
from samtale.i18n import gettext as _
from samtale.i18n import ngettext


@dataclass(frozen=True)
class BoardItem:
    title: str
    text: str = ""
    starts_on: str | None = None
    ends_on: str | None = None
    people: str = ""  # "Karin, Bo og en beboer": already safe for the board
    kind: str = ""


@dataclass(frozen=True)
class BoardSection:
    key: str
    title: str
    items: tuple[BoardItem, ...]
    named_resident_ids: frozenset[int] = frozenset()  # whose first name the section shows


@dataclass(frozen=True)
class Board:
    unit_id: int
    unit_name: str
    made_on: str
    sections: tuple[BoardSection, ...] = field(default_factory=tuple)

    @property
    def named_resident_ids(self) -> frozenset[int]:
        return frozenset().union(*(s.named_resident_ids for s in self.sections))


Provider = Callable[[Database, int], "BoardSection | None"]
PROVIDERS: list[Provider] = []


def board_section(provider: Provider) -> Provider:
    """Register a section provider; sections appear in registration order."""
    PROVIDERS.append(provider)
    return provider


def board_for(db: Database, unit_id: int) -> Board:
    """The unit's board: every registered section that has something to show."""
    unit = db.execute("SELECT name FROM units WHERE id = ?", [unit_id]).fetchone()
    sections = (provider(db, unit_id) for provider in PROVIDERS)
    return Board(
        unit_id,
        unit[0] if unit else "",
        clock.today().isoformat(),
        tuple(s for s in sections if s is not None and s.items),
    )


def people_text(first_names: list[str], anonymous: int) -> str:
    """'Karin, Bo og 2 beboere' — first names, then the rest counted, never named."""
    parts = list(first_names)
    if anonymous:
        parts.append(ngettext("en beboer", "%(num)s beboere", anonymous))
    if len(parts) <= 1:
        return "".join(parts)
    return _("%(first)s og %(last)s", first=", ".join(parts[:-1]), last=parts[-1])


def _trial_people(db: Database, trial_id: int) -> tuple[str, set[int]]:
    residents_, _staff = people(db, trial_id)
    named = [p for p in residents_ if p.named_on_board and p.living_here]
    anonymous = len(residents_) - len(named)
    return people_text([p.first_name for p in named], anonymous), {p.resident_id for p in named}


def _trial_section(
    db: Database, unit_id: int, key: str, title: str, where: str, text: str = "plan_what"
) -> BoardSection:
    rows = db.execute(
        f"SELECT id, title, coalesce(nullif({text}, ''), plan_what, idea), plan_start, plan_end "
        f"FROM trials WHERE unit_id = ? AND {where} ORDER BY coalesce(plan_start, created_at), id",
        [unit_id],
    ).fetchall()
    items, named = [], set()
    for trial_id, name, text, start, end in rows:
        who, ids = _trial_people(db, trial_id)
        named |= ids
        items.append(BoardItem(name, text or "", start, end, who, key))
    return BoardSection(key, title, tuple(items), frozenset(named))


@board_section
def current_trials(db: Database, unit_id: int) -> BoardSection:
    return _trial_section(
        db, unit_id, "current", _("Det prøver vi nu"), "stage IN ('planned', 'tried', 'evaluated')"
    )


@board_section
def ideas(db: Database, unit_id: int) -> BoardSection:
    return _trial_section(db, unit_id, "ideas", _("Idéer"), "stage = 'idea'")


@board_section
def kept(db: Database, unit_id: int) -> BoardSection:
    """Kept trials, with the decision's words and without the trial period's dates."""
    where = "stage = 'decided' AND decision = 'keep'"
    section = _trial_section(
        db, unit_id, "kept", _("Det fortsætter vi med"), where, "decision_note"
    )
    items = tuple(replace(item, starts_on=None, ends_on=None) for item in section.items)
    return replace(section, items=items)
