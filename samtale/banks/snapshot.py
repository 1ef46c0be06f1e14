"""A bank as plain JSON-safe data, so a conversation keeps exactly what it showed.

A conversation stores `snapshot(bank)` once per (bank id, version, content_hash) and
rebuilds the bank from it with `bank_from_snapshot`. Choice lists are resolved, the life
areas and yes/no answers written out, so editing or removing the bank file, or changing
the built-in life areas, never changes a past conversation.
"""

from __future__ import annotations

import hashlib
import json

from samtale.banks.model import Bank, Choice, Localized, Question, Section
from samtale.errors import SamtaleError
from samtale.i18n import gettext as _

FORMAT = 1


def _text(value: Localized | None) -> dict[str, str] | None:
    return value.as_dict() if value is not None else None


def _choice(choice: Choice) -> dict:
    return {"id": choice.id, "label": _text(choice.label), "group": _text(choice.group)}


def _question(question: Question) -> dict:
    return {
        "id": question.id, "type": question.type, "text": _text(question.text),
        "help": _text(question.help), "choices": [_choice(c) for c in question.choices],
        "show_if": question.show_if, "template": _text(question.template),
        "plan": question.plan, "ffb": question.ffb, "max_length": question.max_length,
    }


def snapshot(bank: Bank) -> dict:
    """Everything needed to show and run the bank later, as JSON-safe data."""
    return {
        "format": FORMAT, "id": bank.id, "version": bank.version, "purpose": bank.purpose,
        "languages": list(bank.languages), "title": _text(bank.title),
        "description": _text(bank.description),
        "sections": [
            {"id": s.id, "title": _text(s.title), "intro": _text(s.intro),
             "questions": [_question(q) for q in s.questions]}
            for s in bank.sections
        ],
    }


def content_hash(bank: Bank) -> str:
    """SHA-256 (hex) of the bank's snapshot: changes whenever anything shown changes."""
    canonical = json.dumps(snapshot(bank), sort_keys=True, ensure_ascii=False,
                           separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _localized(data: dict | None) -> Localized | None:
    return Localized(tuple(data.items())) if data else None


def _from_choice(data: dict) -> Choice:
    return Choice(data["id"], _localized(data["label"]), _localized(data.get("group")))


def _from_question(section_id: str, data: dict) -> Question:
    return Question(
        data["id"], section_id, data["type"], _localized(data["text"]),
        help=_localized(data.get("help")),
        choices=tuple(_from_choice(c) for c in data.get("choices", [])),
        show_if=data.get("show_if"), template=_localized(data.get("template")),
        plan=data.get("plan"), ffb=data.get("ffb"), max_length=data.get("max_length"),
    )


def bank_from_snapshot(data: dict) -> Bank:
    """Rebuild the Bank a snapshot was taken of; SamtaleError when it is not a snapshot."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SamtaleError(_("Samtalens spørgsmål kan ikke læses."))
    try:
        sections = tuple(
            Section(s["id"], _localized(s["title"]), _localized(s.get("intro")),
                    tuple(_from_question(s["id"], q) for q in s["questions"]))
            for s in data["sections"]
        )
        return Bank(data["id"], data["version"], _localized(data["title"]), data["purpose"],
                    tuple(data["languages"]), sections, _localized(data.get("description")))
    except (KeyError, TypeError, AttributeError) as error:
        raise SamtaleError(_("Samtalens spørgsmål kan ikke læses.")) from error
