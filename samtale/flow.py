"""Conversation logic over a Bank and the answers so far: which questions show, where
next and back lead, progress, conditions in words, and what answers add to the plan.

`answers` is always {question_id: stored value} (see samtale.banks.model for the value
of each type). Every function is pure; nothing here touches a database or Flask.

A question whose condition does not hold is hidden, and an answer it got earlier (before
an answer it depends on changed) counts as absent: it neither shows nor feeds later
conditions, statements or plan items.

Answer values are handled in samtale.banks.answers and re-exported here:
`validate_answer`, `answer_label`, `statement`, `join_words`. Snapshots are in
samtale.banks.snapshot and re-exported: `snapshot`, `bank_from_snapshot`, `content_hash`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from samtale.banks.answers import answer_label, join_words, statement, validate_answer
from samtale.banks.conditions import All, Answered, Compare, Node, Not, evaluate
from samtale.banks.model import LIST_TYPES, Bank, Question
from samtale.banks.problems import message_id as N_
from samtale.banks.snapshot import bank_from_snapshot, content_hash, snapshot
from samtale.i18n import gettext as _
from samtale.i18n import locale

__all__ = [
    "PlanItem", "Place", "answer_label", "bank_from_snapshot", "condition_holds", "content_hash",
    "describe_condition", "effective_answers", "first_question", "first_unanswered",
    "join_words", "next_question", "place", "plan_items", "previous_question", "progress",
    "snapshot",
    "statement", "validate_answer", "visible_questions",
]

Answers = Mapping[str, object]


def _answered(value: object) -> bool:
    return value is not None and value != "" and value != []


def condition_holds(question: Question, answers: Answers) -> bool:
    """Whether the question's show_if holds for these answers (True when it has none)."""
    return question.condition is None or evaluate(question.condition, answers)


def _walk(bank: Bank, answers: Answers) -> tuple[list[Question], dict[str, object]]:
    visible: list[Question] = []
    effective: dict[str, object] = {}
    for question in bank.questions:
        if condition_holds(question, effective):
            visible.append(question)
            if _answered(answers.get(question.id)):
                effective[question.id] = answers[question.id]
    return visible, effective


def visible_questions(bank: Bank, answers: Answers) -> list[Question]:
    """The questions to show, in reading order."""
    return _walk(bank, answers)[0]


def effective_answers(bank: Bank, answers: Answers) -> dict[str, object]:
    """The answers that count: those to visible questions, and not empty."""
    return _walk(bank, answers)[1]


def first_question(bank: Bank, answers: Answers) -> Question | None:
    """The first visible question (None for a bank where nothing shows)."""
    visible = visible_questions(bank, answers)
    return visible[0] if visible else None


def first_unanswered(bank: Bank, answers: Answers) -> Question | None:
    """The first visible question without an answer (None when all are answered)."""
    visible, effective = _walk(bank, answers)
    return next((q for q in visible if q.id not in effective), None)


def next_question(bank: Bank, answers: Answers, current_id: str) -> Question | None:
    """The visible question after `current_id` in reading order; None after the last.
    Works even when the current question has just become hidden. NotFound for an
    unknown id."""
    position = bank.position(current_id)
    visible = visible_questions(bank, answers)
    return next((q for q in visible if bank.position(q.id) > position), None)


def previous_question(bank: Bank, answers: Answers, current_id: str) -> Question | None:
    """The visible question before `current_id`; None before the first. NotFound for an
    unknown id."""
    position = bank.position(current_id)
    earlier = [q for q in visible_questions(bank, answers) if bank.position(q.id) < position]
    return earlier[-1] if earlier else None


def progress(bank: Bank, answers: Answers, current_id: str) -> tuple[int, int]:
    """(number, total): the current question's place among the visible ones, counted
    from 1, and how many are visible now. NotFound for an unknown id."""
    position = bank.position(current_id)
    visible = visible_questions(bank, answers)
    number = sum(1 for q in visible if bank.position(q.id) < position) + 1
    total = len(visible)
    if current_id not in {q.id for q in visible}:
        total += 1  # a hidden current question still counts while it is on screen
    return number, total


@dataclass(frozen=True)
class Place:
    """Where a question stands among the visible ones: what visible_questions, progress,
    previous_question and next_question give, from one walk through the bank."""

    visible: tuple[Question, ...]
    shown: bool  # the question itself is visible
    number: int
    total: int
    previous: Question | None
    following: Question | None


def place(bank: Bank, answers: Answers, current_id: str) -> Place:
    """The question's Place for these answers. NotFound for an unknown id."""
    position = bank.position(current_id)
    visible = tuple(visible_questions(bank, answers))
    earlier = [q for q in visible if bank.position(q.id) < position]
    later = (q for q in visible if bank.position(q.id) > position)
    shown = any(q.id == current_id for q in visible)
    return Place(visible, shown, len(earlier) + 1, len(visible) + (0 if shown else 1),
                 earlier[-1] if earlier else None, next(later, None))


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"'{text if len(text) <= limit else text[:limit - 1].rstrip() + '…'}'"


def _value_words(bank: Bank, test: Compare, lang: str) -> list[str]:
    question = bank.question(test.name)
    words = []
    for value in test.values:
        choice = question.choice(str(value))
        words.append(_quote(choice.label_for(lang) if choice else str(value)))
    return words


_PHRASES = {
    "==": N_("svaret på %(question)s er %(value)s"),
    "!=": N_("svaret på %(question)s ikke er %(value)s"),
    "in": N_("svaret på %(question)s er %(value)s"),
    "not in": N_("svaret på %(question)s ikke er %(value)s"),
    "<": N_("svaret på %(question)s er lavere end %(value)s"),
    "<=": N_("svaret på %(question)s er %(value)s eller lavere"),
    ">": N_("svaret på %(question)s er højere end %(value)s"),
    ">=": N_("svaret på %(question)s er %(value)s eller højere"),
}
_LIST_PHRASES = {
    "==": N_("der er valgt %(value)s ved %(question)s"),
    "in": N_("der er valgt %(value)s ved %(question)s"),
    "!=": N_("der ikke er valgt %(value)s ved %(question)s"),
    "not in": N_("der ikke er valgt %(value)s ved %(question)s"),
}


def _describe_test(bank: Bank, test: Answered | Compare, lang: str) -> str:
    question = bank.question(test.name)
    asked = _quote(question.text_for(lang))
    if isinstance(test, Answered):
        return _("der er svaret på %(question)s", question=asked)
    words = _value_words(bank, test, lang)
    value = join_words(words, lang) if len(words) == 1 else _or_words(words)
    phrases = _LIST_PHRASES if question.type in LIST_TYPES else _PHRASES
    return _(phrases.get(test.op, _PHRASES[test.op]), question=asked, value=value)


def _or_words(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return _("%(first)s eller %(last)s", first=", ".join(words[:-1]), last=words[-1])


def _describe(bank: Bank, node: Node, lang: str, nested: bool = False) -> str:
    if isinstance(node, Answered | Compare):
        return _describe_test(bank, node, lang)
    if isinstance(node, Not):
        return _("det ikke gælder, at %(condition)s",
                 condition=_describe(bank, node.item, lang, nested=True))
    joiner = _(" og ") if isinstance(node, All) else _(" eller ")
    text = joiner.join(_describe(bank, item, lang, nested=True) for item in node.items)
    return f"({text})" if nested else text


def describe_condition(question: Question, bank: Bank, lang: str = "da") -> str:
    """The question's condition in plain words ("Vises kun hvis svaret på 'Bor du ...'
    er 'Ja'"), or '' when it always shows."""
    if question.condition is None:
        return ""
    with locale(lang):
        return _("Vises kun hvis %(condition)s.",
                 condition=_describe(bank, question.condition, lang))


@dataclass(frozen=True)
class PlanItem:
    """What one answer adds to the resident's plan.

    `target` is dreams, resources, network, activities or goals; `statement` the
    suggested first-person sentence (None when the question has no template); `answer`
    the answer as it reads; `ffb` the FFB theme codes (the question's theme, or the
    chosen life areas)."""

    question_id: str
    target: str
    statement: str | None
    answer: str
    ffb: tuple[str, ...]
    question_text: str


def plan_items(bank: Bank, answers: Answers, lang: str = "da") -> list[PlanItem]:
    """A PlanItem for every answered, visible question that has a plan target, in
    reading order."""
    effective = effective_answers(bank, answers)
    items = []
    for question in bank.questions:
        if question.plan is None or question.id not in effective:
            continue
        value = effective[question.id]
        if question.type == "yes_no" and value != "ja":
            continue
        codes = tuple(value) if question.type == "life_area" else ()
        items.append(PlanItem(
            question.id, question.plan, statement(question, value, lang),
            answer_label(question, value, lang), codes or ((question.ffb,) if question.ffb else ()),
            question.text_for(lang),
        ))
    return items
