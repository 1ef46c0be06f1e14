"""Activity wishes on the house board and in the activity committee's view. No Flask.

A wish is a plan item of kind 'activity' that its resident said yes to sharing
(samtale.house.wish_consent), of a resident who lives in the unit now. It carries the
first name only with the second consent; otherwise it is "en beboer". Nothing is copied:
the board and the committee's view are read from the plans every time, so a consent
taken back, a wish deleted or a resident moving out takes the wish away at once,
everywhere (the next print of the board included).

Grouping: by the samtalekort's life area of the wish's FFB theme (samtale.picture), then
by topic: the activity choices the wish names ("Gåture"), else the wish's own words.

This module must not import samtale.plan_items (see wish_consent)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from sqlite_utils import Database

from samtale import flow
from samtale.banks import default_folders, load_banks
from samtale.banks.model import Bank
from samtale.house.board import BoardItem, BoardSection, board_section, people_text
from samtale.i18n import LANGUAGES, current_locale
from samtale.i18n import gettext as _
from samtale.picture import OTHER, area_key, life_areas

CHOICE_TYPES = ("single_choice", "multi_choice")


@dataclass(frozen=True)
class Wish:
    item_id: int
    resident_id: int
    text: str
    area: str  # the life area's key
    first_name: str | None  # only when the resident said yes to the name
    topics: tuple[str, ...]


@dataclass(frozen=True)
class Topic:
    label: str
    wishes: tuple[Wish, ...]

    @property
    def key(self) -> str:
        return topic_key(self.label)

    @property
    def count(self) -> int:
        return len(self.wishes)

    @property
    def named_ids(self) -> frozenset[int]:
        return frozenset(w.resident_id for w in self.wishes if w.first_name)

    @property
    def people(self) -> str:
        """'Karin og 2 beboere': named first names, the others counted, never named."""
        return wishers(self.wishes)


@dataclass(frozen=True)
class AreaGroup:
    key: str
    name: str
    topics: tuple[Topic, ...]

    @property
    def count(self) -> int:
        return len({w.item_id for t in self.topics for w in t.wishes})


def topic_key(label: str) -> str:
    return " ".join(label.casefold().split())


def wishers(wishes: Iterable[Wish]) -> str:
    """Who wished: the named first names, then the residents without a name counted."""
    wishes = list(wishes)
    named = sorted({w.first_name for w in wishes if w.first_name})
    anonymous = len({w.resident_id for w in wishes if not w.first_name})
    return people_text(named, anonymous)


def _activity_labels(bank: Bank) -> set[str]:
    return {choice.label_for(lang) for q in bank.questions
            if q.plan == "activities" and q.type in CHOICE_TYPES
            for choice in q.choices for lang in LANGUAGES}


@lru_cache(maxsize=1)
def shipped_labels() -> frozenset[str]:
    """The activity choices of the shipped banks ("Gåture", "Biblioteket", ...)."""
    banks = load_banks(default_folders(None)).banks.values()
    return frozenset().union(*(_activity_labels(bank) for bank in banks))


def vocabulary(db: Database, conversation_ids: Iterable[int]) -> tuple[str, ...]:
    """The shipped activity choices and those of the banks the wishes came from."""
    labels = set(shipped_labels())
    ids = sorted({int(i) for i in conversation_ids if i})
    if ids:
        rows = db.execute(
            "SELECT DISTINCT s.snapshot FROM conversations c JOIN bank_snapshots s "
            "ON s.id = c.snapshot_id WHERE c.id IN (SELECT value FROM json_each(?))",
            [json.dumps(ids)])
        for (snapshot,) in rows:
            labels |= _activity_labels(flow.bank_from_snapshot(json.loads(snapshot)))
    return tuple(sorted(label for label in labels if label.strip()))


def topics_of(text: str, labels: Iterable[str]) -> tuple[str, ...]:
    """The activity choices named in `text`, in reading order; else the text itself."""
    lowered = text.casefold()
    found = []
    for label in labels:
        match = re.search(rf"(?<!\w){re.escape(topic_key(label))}(?!\w)", lowered)
        if match:
            found.append((match.start(), label))
    seen, out = set(), []
    for _start, label in sorted(found):
        if topic_key(label) not in seen:
            seen.add(topic_key(label))
            out.append(label)
    return tuple(out) or (" ".join(text.split()),)


_WISHES = (
    "SELECT p.id, p.resident_id, p.text, p.ffb_theme, p.share_first_name, r.display_name, "
    "p.source_conversation_id FROM plan_items p JOIN residents r ON r.id = p.resident_id "
    "WHERE r.unit_id = ? AND r.status = 'bor_her' AND p.kind = 'activity' "
    "AND p.share_on_board = 1 ORDER BY p.created_at, p.id"
)


def wishes_for_unit(db: Database, unit_id: int) -> list[Wish]:
    """The unit's shared wishes of residents who live there, oldest first."""
    rows = db.execute(_WISHES, [unit_id]).fetchall()
    labels = vocabulary(db, (row[6] for row in rows))
    out = []
    for item_id, resident_id, text, theme, named, name, _source in rows:
        first = name.split()[0] if named and name.split() else None
        out.append(Wish(item_id, resident_id, text, area_key(theme), first,
                        topics_of(text, labels)))
    return out


def _topics(wishes: list[Wish]) -> tuple[Topic, ...]:
    by_key: dict[str, tuple[str, list[Wish]]] = {}
    for wish in wishes:
        for label in wish.topics:
            by_key.setdefault(topic_key(label), (label, []))[1].append(wish)
    topics = (Topic(label, tuple(found)) for label, found in by_key.values())
    return tuple(sorted(topics, key=lambda t: (-t.count, t.key)))


def topic_area(topic: Topic, order: dict[str, int]) -> str:
    """The life area most of the topic's wishes belong to; "Andet" only when none has a
    theme; a tie goes to the area that comes first on the samtalekort."""
    counts: dict[str, int] = {}
    for wish in topic.wishes:
        counts[wish.area] = counts.get(wish.area, 0) + 1
    themed = {key: n for key, n in counts.items() if key != OTHER} or counts
    return min(themed, key=lambda key: (-themed[key], order.get(key, len(order))))


def by_area(wishes: list[Wish]) -> list[AreaGroup]:
    """The unit's topics by life area (in the samtalekort's order), each topic once, in
    the area of most of its wishes, the most wished first."""
    lang, areas = current_locale(), life_areas()
    order = {area.key: n for n, area in enumerate(areas)}
    placed: dict[str, list[Topic]] = {}
    for topic in _topics(wishes):
        placed.setdefault(topic_area(topic, order), []).append(topic)
    return [AreaGroup(area.key, area.name(lang), tuple(placed[area.key]))
            for area in areas if area.key in placed]


def all_topics(wishes: list[Wish]) -> tuple[Topic, ...]:
    """Every topic of the unit, the most wished first (for the board)."""
    return _topics(wishes)


@board_section
def wishes_section(db: Database, unit_id: int) -> BoardSection:
    """The board's "Det ønsker vi os": one line per topic with its count and who wished."""
    topics = all_topics(wishes_for_unit(db, unit_id))
    items = tuple(BoardItem(_("%(what)s (%(n)s)", what=t.label, n=t.count), people=t.people,
                            kind="wishes") for t in topics)
    named = frozenset().union(*(t.named_ids for t in topics)) if topics else frozenset()
    return BoardSection("wishes", _("Det ønsker vi os"), items, named)
