"""From conversation to plan: the review page's suggestions. No Flask.

Every answer to a question with a plan target (dreams, resources, network, activities,
goals) or a first-person template becomes a suggestion: the suggested jeg-form wording,
the FFB theme and where it goes. Nothing enters the plan until the resident and the
contact person accept it (as suggested or edited) or drop it; both choices are recorded
per (conversation, question), so a dropped suggestion is not offered again and a repeated
click adds nothing twice."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlite_utils import Database

from samtale import clock, ffb, flow, goals, jegform, plan_items
from samtale.db import write_transaction
from samtale.errors import NotFound, SamtaleError
from samtale.goal_rules import InvalidGoal
from samtale.house import wish_consent
from samtale.i18n import gettext as _

TARGETS = ("dreams", "resources", "network", "activities", "goals")
DECISIONS = ("accepted", "dropped")


@dataclass(frozen=True)
class Suggestion:
    question_id: str
    question_text: str
    answer: str
    target: str | None  # None: a template but no place in the plan; the people choose
    text: str  # the suggested wording
    ffb_theme: str | None
    check: jegform.Check  # the jeg-form check of `text`
    decision: str | None = None  # None while undecided, else accepted or dropped


def _theme(codes: Iterable[str]) -> str | None:
    return next((code for code in codes if ffb.is_theme(code)), None)


def _candidates(conversation) -> list[flow.PlanItem]:
    bank, lang = conversation.bank, conversation.language
    items = {item.question_id: item for item in flow.plan_items(bank, conversation.values, lang)}
    effective = flow.effective_answers(bank, conversation.values)
    for question in bank.questions:
        if question.plan or not question.template or question.id not in effective:
            continue
        text = flow.statement(question, effective[question.id], lang)
        if text:
            items[question.id] = flow.PlanItem(
                question.id, "", text, flow.answer_label(question, effective[question.id], lang),
                (question.ffb,) if question.ffb else (), question.text_for(lang))
    order = {q.id: n for n, q in enumerate(bank.questions)}
    return sorted(items.values(), key=lambda item: order[item.question_id])


def _sentence(answer: str) -> str:
    """An answer without a template, as a sentence: a capital first letter and a full stop."""
    text = " ".join(answer.split())
    text = text[:1].upper() + text[1:]
    return text if not text or text.endswith((".", "!", "?")) else text + "."


def _decided(db: Database, conversation_id: int) -> dict[str, str]:
    rows = db.execute("SELECT question_id, decision FROM plan_suggestions WHERE "
                      "conversation_id = ?", [conversation_id])
    return dict(rows.fetchall())


def for_conversation(db: Database, conversation, names: Iterable[str] = (),
                     include_decided: bool = False) -> list[Suggestion]:
    """The conversation's suggestions in reading order (undecided ones unless
    `include_decided`). `names` are the resident's name parts for the jeg-form check."""
    decided = _decided(db, conversation.id)
    out = []
    for item in _candidates(conversation):
        if item.question_id in decided and not include_decided:
            continue
        text = item.statement or _sentence(item.answer)
        out.append(Suggestion(
            item.question_id, item.question_text, item.answer, item.target or None, text,
            _theme(item.ffb), jegform.check(text, names), decided.get(item.question_id)))
    return out


@dataclass(frozen=True)
class Decided:
    decision: str
    target: str | None
    item_id: int | None
    goal_id: int | None


def _existing(db: Database, conversation_id: int, question_id: str) -> Decided | None:
    row = db.execute("SELECT decision, target, item_id, goal_id FROM plan_suggestions WHERE "
                     "conversation_id = ? AND question_id = ?",
                     [conversation_id, question_id]).fetchone()
    return Decided(*row) if row else None


def _add(db: Database, conversation, question_id: str, target: str, values: dict,
         staff: tuple[int | None, str | None]) -> tuple[int | None, int | None]:
    source = (conversation.id, question_id)
    if target == "goals":
        draft = goals.GoalDraft(text=values["text"], dream_id=values.get("dream_id"),
                                ffb_theme=values.get("ffb_theme"), lifecycle="active")
        try:
            goal = goals.create(db, conversation.resident_id, draft, staff_id=staff[0],
                                staff_name=staff[1], source=source)
        except InvalidGoal as problem:
            raise SamtaleError(next(iter(problem.fields.values()))) from None
        return None, goal.id
    item = plan_items.add(db, conversation.resident_id, plan_items.TARGET_KINDS[target],
                          values["text"], ffb_theme=values.get("ffb_theme"),
                          share_on_board=values.get("share_on_board"), staff_id=staff[0],
                          source=source, share_first_name=_first_name(conversation, values),
                          staff_name=staff[1])
    return item.id, None


def _first_name(conversation, values: dict) -> bool:
    """May the first name stand with the wish on the board: as given with the suggestion,
    else as answered in the conversation (`tavle_navn`)."""
    if "share_first_name" in values:
        return bool(values["share_first_name"])
    return wish_consent.from_conversation(conversation)[1]


def decide(db: Database, conversation, question_id: str, decision: str, *,
           values: dict | None = None, staff_id: int | None = None,
           staff_name: str | None = None) -> Decided:
    """Accept (with `values`: text, target, ffb_theme, dream_id, share_on_board,
    share_first_name) or drop one suggestion. A suggestion decided before keeps its first
    decision. NotFound for a question that makes no suggestion in this conversation."""
    if decision not in DECISIONS:
        raise SamtaleError(_("Vælg, om forslaget skal med i planen."))
    suggestion = next((s for s in for_conversation(db, conversation, include_decided=True)
                       if s.question_id == question_id), None)
    if suggestion is None:
        raise NotFound()
    values = {"text": suggestion.text, "ffb_theme": suggestion.ffb_theme, **(values or {})}
    target = values.get("target") or suggestion.target
    if decision == "accepted" and target not in TARGETS:
        raise SamtaleError(_("Vælg, hvor i planen det skal stå."))
    with write_transaction(db):
        earlier = _existing(db, conversation.id, question_id)
        if earlier:
            return earlier
        item_id = goal_id = None
        if decision == "accepted":
            item_id, goal_id = _add(db, conversation, question_id, target, values,
                                    (staff_id, staff_name))
        db["plan_suggestions"].insert({
            "conversation_id": conversation.id, "question_id": question_id,
            "resident_id": conversation.resident_id, "decision": decision,
            "target": target if decision == "accepted" else None, "item_id": item_id,
            "goal_id": goal_id, "decided_at": clock.now_iso(), "decided_by": staff_id})
    return Decided(decision, target, item_id, goal_id)
