"""Checks that look across questions: duplicate ids, conditions on earlier answers, and
first-person templates. They run on every question block read, valid or not, so one run
reports everything."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from samtale.banks.conditions import Compare, ConditionError, parse, tests
from samtale.banks.fields import Place
from samtale.banks.model import PLACEHOLDER, TEXT_TYPES, Question
from samtale.banks.problems import closest, message_id

if TYPE_CHECKING:
    from samtale.banks.fields import FieldReader

_ = message_id

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class Seen:
    """One question block as read: its place, id and type when readable, the raw
    table, and the Question when the block was valid."""

    place: Place
    id: str | None
    type: str | None
    data: dict
    question: Question | None


def cross_check(reader: FieldReader) -> None:
    _duplicates(reader, [(place, sid) for place, sid in reader.section_ids], "section")
    _duplicates(reader, [(seen.place, seen.id) for seen in reader.seen if seen.id], "question")
    ids = [seen.id for seen in reader.seen]
    for position, seen in enumerate(reader.seen):
        _check_condition(reader, seen, position, ids)
        _check_template(reader, seen)


def _duplicates(reader: FieldReader, items: list[tuple[Place, str]], kind: str) -> None:
    first: dict[str, Place] = {}
    for place, item_id in items:
        if item_id not in first:
            first[item_id] = place
            continue
        message = (_("Der er to sektioner med id'et '%(id)s'.") if kind == "section"
                   else _("Der er to spørgsmål med id'et '%(id)s'."))
        reader.report(place, "id", message,
                      _("Giv hvert sit eget id. Det første står på linje %(first)s."),
                      id=item_id, first=reader.map.key(first[item_id].start, "id") or "?")


def _check_condition(reader: FieldReader, seen: Seen, position: int, ids: list) -> None:
    raw = seen.data.get("show_if")
    try:
        node = parse(raw) if isinstance(raw, str) else None
    except ConditionError:
        return  # reported when the field was read
    for test in tests(node) if node else []:
        if test.name not in ids:
            reader.report(
                seen.place, "show_if",
                _("Betingelsen nævner spørgsmålet '%(name)s', som ikke findes."),
                _("Skriv id'et på et spørgsmål, der kommer før dette."),
                suggestion=closest(test.name, [i for i in ids[:position] if i]), name=test.name,
            )
        elif ids.index(test.name) >= position:
            reader.report(
                seen.place, "show_if",
                _("Betingelsen ser på '%(name)s', som ikke er besvaret endnu på det tidspunkt."),
                _("En betingelse kan kun se på spørgsmål, der kommer før. Flyt spørgsmålet, "
                  "eller ret betingelsen."), name=test.name,
            )
        else:
            target = reader.seen[ids.index(test.name)].question
            if target is not None and isinstance(test, Compare):
                _check_values(reader, seen.place, test, target)


def _check_values(reader: FieldReader, place: Place, test: Compare, target: Question) -> None:
    if target.type in TEXT_TYPES:
        reader.report(place, "show_if",
                      _("'%(name)s' er et tekstspørgsmål, så svaret kan ikke sammenlignes."),
                      _("Skriv blot %(name)s for at vise spørgsmålet, når der er svaret."),
                      name=test.name)
    elif test.op in ("<", "<=", ">", ">=") and target.type != "scale":
        reader.report(place, "show_if", _("%(op)s kan kun bruges ved en skala."),
                      _("Brug == eller in ved '%(name)s'."), op=test.op, name=test.name)
    elif target.type == "scale":
        steps = len(target.choices)
        if not all(isinstance(v, int) and 1 <= v <= steps for v in test.values):
            reader.report(place, "show_if",
                          _("Skalaen '%(name)s' har trin fra 1 til %(max)s."),
                          _("Skriv et tal fra 1 til %(max)s uden anførselstegn."),
                          name=test.name, max=steps)
    else:
        for value in test.values:
            if str(value) not in target.choice_ids or not isinstance(value, str):
                reader.report(
                    place, "show_if", _("'%(value)s' er ikke et af svarene på '%(name)s'."),
                    _("Skriv et af: %(allowed)s."), suggestion=closest(value, target.choice_ids),
                    value=value, name=test.name, allowed=", ".join(target.choice_ids),
                )


def _template_texts(raw: object) -> list[str]:
    if isinstance(raw, str):
        return [raw]
    if isinstance(raw, dict):
        return [text for text in raw.values() if isinstance(text, str)]
    return []


def _check_template(reader: FieldReader, seen: Seen) -> None:
    for text in _template_texts(seen.data.get("template")):
        names = _PLACEHOLDER.findall(text)
        unknown = [name for name in names if name != PLACEHOLDER]
        for name in unknown:
            reader.report(seen.place, "template",
                          _("Skabelonen bruger {%(name)s}, som ikke findes."),
                          _("Brug {svar} der, hvor svaret skal stå."), name=name)
        if unknown:
            continue
        if "{" in _PLACEHOLDER.sub("", text) or "}" in _PLACEHOLDER.sub("", text):
            reader.report(seen.place, "template", _("Skabelonen har en { eller } uden par."),
                          _("Skriv {svar} med en krøllet parentes på hver side."))
        elif seen.type == "yes_no" and PLACEHOLDER in names:
            reader.report(seen.place, "template",
                          _("Et ja/nej-spørgsmål kan ikke bruge {svar} i skabelonen."),
                          _("Skriv hele sætningen. Den bruges, når svaret er ja."))
        elif seen.type not in (None, "yes_no") and PLACEHOLDER not in names:
            reader.report(seen.place, "template", _("Skabelonen mangler {svar}."),
                          _("Skriv {svar} der, hvor svaret skal stå, "
                            "fx \"Jeg drømmer om {svar}\"."))
