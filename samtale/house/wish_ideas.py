"""A prøvehandling idea made from the board's wishes. No Flask.

The committee picks a topic ("Gåture (3)"); the idea gets a title and a text of its own
(nothing personal: the topic and how many wished it) and a link to each wish it came
from (table wish_ideas). The link lives only as long as the consent: taking back the
sharing, deleting the wish or erasing the resident removes it, and the idea stays as
it was written. Who wished is always read through the live wishes, so a first name
shows only while the resident says yes to it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from samtale import clock
from samtale.errors import NotFound
from samtale.house import trials
from samtale.house.wishes import Topic, Wish, all_topics, topic_key, wishers, wishes_for_unit
from samtale.i18n import ngettext

SOURCE = "wish"


@dataclass(frozen=True)
class TrialWishes:
    """The wishes an idea came from that are still shared: how many, and who."""

    wishes: tuple[Wish, ...]

    @property
    def count(self) -> int:
        return len(self.wishes)

    @property
    def people(self) -> str:
        return wishers(self.wishes)

    @property
    def named_ids(self) -> frozenset[int]:
        return frozenset(w.resident_id for w in self.wishes if w.first_name)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def idea_text(topic: Topic) -> tuple[str, str]:
    """(title, idea) for a new idea from `topic`: no names, only the topic and a count."""
    title = _shorten(topic.label.rstrip("."), trials.TITLE_LENGTH)
    if all(topic_key(w.text) == topic.key for w in topic.wishes):  # the wish's own words
        return title, ngettext("Et ønske fra tavlen: %(text)s",
                               "%(num)s ønsker fra tavlen: %(text)s", topic.count,
                               text=topic.label)
    label = topic.label
    what = label[:1].lower() + label[1:] if label[1:2].islower() else label
    return title, ngettext("Fra tavlen: en beboer ønsker sig %(what)s.",
                           "Fra tavlen: %(num)s beboere ønsker sig %(what)s.",
                           len({w.resident_id for w in topic.wishes}), what=what)


def find_topic(db: Database, unit_id: int, key: str) -> Topic:
    """The unit's topic with this key (see wishes.topic_key); NotFound when none."""
    wanted = topic_key(key)
    topic = next((t for t in all_topics(wishes_for_unit(db, unit_id)) if t.key == wanted), None)
    if topic is None:
        raise NotFound()
    return topic


def make_idea(db: Database, unit_id: int, key: str, staff_id: int | None = None) -> int:
    """A new prøvehandling idea from the topic `key`, linked to its wishes; its id."""
    topic = find_topic(db, unit_id, key)
    title, idea = idea_text(topic)
    now = clock.now_iso()
    with db.atomic():
        trial_id = trials.create_idea(db, unit_id, title=title, idea=idea, staff_id=staff_id,
                                      source=SOURCE, source_ref=_shorten(topic.label, 200))
        for wish in topic.wishes:
            db["wish_ideas"].insert({"resident_id": wish.resident_id, "item_id": wish.item_id,
                                     "trial_id": trial_id, "linked_at": now})
    return trial_id


def wishes_of_trial(db: Database, trial_id: int, unit_id: int) -> TrialWishes:
    """The linked wishes of the trial that are on the unit's board right now."""
    linked = {row[0] for row in db.execute(
        "SELECT item_id FROM wish_ideas WHERE trial_id = ?", [trial_id])}
    if not linked:
        return TrialWishes(())
    return TrialWishes(tuple(w for w in wishes_for_unit(db, unit_id) if w.item_id in linked))


def ideas_by_item(db: Database, unit_id: int) -> dict[int, list[tuple[int, str]]]:
    """{wish item id: [(trial id, title), ...]} for the unit's trials made from wishes."""
    rows = db.execute(
        "SELECT wi.item_id, t.id, t.title FROM wish_ideas wi JOIN trials t ON t.id = wi.trial_id "
        "WHERE t.unit_id = ? ORDER BY t.id", [unit_id])
    out: dict[int, list[tuple[int, str]]] = {}
    for item_id, trial_id, title in rows:
        out.setdefault(item_id, []).append((trial_id, title))
    return out


def ideas_of_topic(topic: Topic, by_item: dict[int, list[tuple[int, str]]]
                   ) -> list[tuple[int, str]]:
    """The ideas made from any of the topic's wishes, each once."""
    seen: dict[int, str] = {}
    for wish in topic.wishes:
        for trial_id, title in by_item.get(wish.item_id, []):
            seen.setdefault(trial_id, title)
    return sorted(seen.items())
