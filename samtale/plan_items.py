"""The plan's items in the resident's words: dreams (håb og drømme), resources, network
and communities, and activity wishes. No Flask.

An item keeps its source (conversation id, question id) when it came from a conversation.
Deleting a dream that goals serve unlinks those goals, each as a new goal version."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlite_utils import Database

from samtale import clock, ffb, goals
from samtale.banks.problems import message_id as N_
from samtale.db import write_transaction
from samtale.errors import NotFound, SamtaleError
from samtale.goal_rules import check_text, check_theme
from samtale.house import wish_consent
from samtale.i18n import gettext as _

KINDS = ("dream", "resource", "network", "activity")
# flow.PlanItem targets → item kinds ("goals" become goals, see samtale.suggestions)
TARGET_KINDS = {"dreams": "dream", "resources": "resource", "network": "network",
                "activities": "activity"}
# the plan dict's list for each kind
PLAN_LISTS = {"dream": "dreams", "resource": "resources", "network": "network",
              "activity": "activity_wishes"}


@dataclass(frozen=True)
class Item:
    id: int
    resident_id: int
    kind: str
    text: str
    ffb_theme: str | None
    share_on_board: bool | None
    source_conversation_id: int | None
    source_question_id: str | None
    created_at: str
    updated_at: str
    share_first_name: bool = False  # the second board consent: the first name (m0007)


_COLUMNS = ("id", "resident_id", "kind", "text", "ffb_theme", "share_on_board",
            "source_conversation_id", "source_question_id", "created_at", "updated_at",
            "share_first_name")


def _item(row) -> Item:
    data = dict(zip(_COLUMNS, row, strict=True))
    if data["share_on_board"] is not None:
        data["share_on_board"] = bool(data["share_on_board"])
    data["share_first_name"] = bool(data["share_on_board"] and data["share_first_name"])
    return Item(**data)


def get(db: Database, resident_id: int, item_id: int) -> Item:
    row = db.execute(f"SELECT {', '.join(_COLUMNS)} FROM plan_items WHERE id = ? AND "
                     "resident_id = ?", [item_id, resident_id]).fetchone()
    if row is None:
        raise NotFound()
    return _item(row)


def for_resident(db: Database, resident_id: int) -> dict[str, list[Item]]:
    """{kind: [Item, ...]} for every kind, oldest first."""
    out: dict[str, list[Item]] = {kind: [] for kind in KINDS}
    for row in db.execute(f"SELECT {', '.join(_COLUMNS)} FROM plan_items WHERE resident_id = ? "
                          "ORDER BY created_at, id", [resident_id]):
        out[row[2]].append(_item(row))
    return out


def _clean(kind: str, text: str, ffb_theme: str | None, share_on_board) -> dict:
    if kind not in KINDS:
        raise SamtaleError(_("Ukendt slags punkt i planen."))
    errors: dict[str, str] = {}
    values = {"text": check_text(text, errors, "text"),
              "ffb_theme": check_theme(ffb_theme, errors),
              "share_on_board": int(bool(share_on_board)) if kind == "activity" else None}
    if errors:
        raise SamtaleError(next(iter(errors.values())))
    return values


_ADDED = {"dream": ("dream_added", N_("Ny drøm: %(text)s"))}


def add(db: Database, resident_id: int, kind: str, text: str, *, ffb_theme: str | None = None,
        share_on_board: bool | None = None, staff_id: int | None = None,
        source: tuple[int, str] | None = None, share_first_name: bool = False,
        staff_name: str | None = None) -> Item:
    """Add an item to the plan. SamtaleError for an empty or too long text or an unknown
    theme. An activity wish shared on the board (optionally with the first name) records
    the consent (samtale.house.wish_consent)."""
    values = _clean(kind, text, ffb_theme, share_on_board)
    named = bool(values["share_on_board"] and share_first_name)
    now = clock.now_iso()
    with write_transaction(db):
        item_id = db["plan_items"].insert({
            "resident_id": resident_id, "kind": kind, **values, "share_first_name": int(named),
            "source_conversation_id": source[0] if source else None,
            "source_question_id": source[1] if source else None,
            "created_at": now, "created_by": staff_id, "updated_at": now}).last_pk
        if values["share_on_board"]:
            wish_consent.record(db, resident_id, item_id, shared=True, named=named,
                                via="conversation" if source else "new_item",
                                staff_id=staff_id, staff_name=staff_name)
        if kind in _ADDED:
            event, message = _ADDED[kind]
            with goals.plan_language():
                goals.record_event(db, resident_id, event, _(message, text=values["text"]))
    return get(db, resident_id, item_id)


def update(db: Database, resident_id: int, item_id: int, text: str, *,
           ffb_theme: str | None = None, share_on_board: bool | None = None,
           staff_id: int | None = None, staff_name: str | None = None) -> Item:
    """Change the words and the theme. Board consent is given only through
    samtale.house.wish_consent.set_consent (which records who and when); here
    `share_on_board=False` takes it back (recorded too) and anything else leaves it, so a
    form loaded before a withdrawal can never put the wish on the board again."""
    item = get(db, resident_id, item_id)
    values = _clean(item.kind, text, ffb_theme, share_on_board)
    with write_transaction(db):
        db.execute("UPDATE plan_items SET text = ?, ffb_theme = ?, updated_at = ? WHERE id = ?",
                   [values["text"], values["ffb_theme"], clock.now_iso(), item_id])
        if item.share_on_board and share_on_board is not None and not share_on_board:
            wish_consent.withdraw(db, resident_id, item_id, via="item_form", staff_id=staff_id,
                                  staff_name=staff_name)
    return get(db, resident_id, item_id)


def delete(db: Database, resident_id: int, item_id: int, *, staff_id: int | None,
           staff_name: str | None) -> None:
    """Remove the item; goals that served this dream lose the link (a new version each)."""
    item = get(db, resident_id, item_id)
    with write_transaction(db):
        for goal in goals.for_resident(db, resident_id):
            if goal.dream_id == item.id:
                goals.save(db, resident_id, goal.id, replace(goal.draft(), dream_id=None),
                           base_version=goal.version, staff_id=staff_id, staff_name=staff_name,
                           change="dream_removed")
        db.execute("DELETE FROM plan_items WHERE id = ? AND resident_id = ?",
                   [item.id, resident_id])


def dreams(db: Database, resident_id: int) -> list[Item]:
    return for_resident(db, resident_id)["dream"]


def to_dict(item: Item) -> dict:
    """The item as the plan dict writes it (docs/plan.schema.json)."""
    code = item.ffb_theme if ffb.display(item.ffb_theme) else None
    source = None
    if item.source_conversation_id and item.source_question_id:
        source = {"conversation_id": item.source_conversation_id,
                  "question_id": item.source_question_id}
    out = {"id": item.id, "text": item.text,
           "ffb_theme": {"code": code, "display": ffb.display(code)} if code else None,
           "created_at": item.created_at, "source": source}
    if item.kind == "activity":
        out["share_on_board"] = bool(item.share_on_board)
    return out
