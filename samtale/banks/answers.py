"""Answer values: checking what was typed or picked, showing it, and turning it into a
first-person statement. The stored value per type is documented in samtale.banks.model."""

from __future__ import annotations

import re
import unicodedata

from samtale.banks.model import LIST_TYPES, PLACEHOLDER, TEXT_TYPES, Question
from samtale.errors import SamtaleError
from samtale.i18n import gettext as _
from samtale.i18n import locale

# Control characters and the bidirectional overrides that can disguise text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_FIRST_PERSON = {"da": ("jeg ",), "en": ("i ",)}


def clean_text(raw: str, multiline: bool = True) -> str:
    """NFC-normalised text without control characters, stripped; for one-line answers,
    line breaks and tabs become spaces."""
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    if not multiline:
        text = re.sub(r"[\n\t]+", " ", text)
    return text.strip()


def validate_answer(question: Question, raw: object) -> str | int | list[str] | None:
    """The value to store for what the person typed or picked (form text, a list of
    picked ids, or a number); None when nothing was answered. Raises SamtaleError with
    a plain Danish message for an unknown choice, a step outside the scale or a text
    over the limit."""
    if raw is None:
        return None
    if question.type in TEXT_TYPES:
        return _text(question, raw)
    if question.type in LIST_TYPES:
        return _many(question, raw)
    if question.type == "scale":
        return _step(question, raw)
    return _one(question, raw)


def _text(question: Question, raw: object) -> str | None:
    if not isinstance(raw, str):
        raise SamtaleError(_("Svaret skal være tekst."))
    text = clean_text(raw, multiline=question.type == "long_text")
    limit = question.text_limit or 0
    if len(text) > limit:
        raise SamtaleError(_("Svaret er for langt: %(count)s tegn. Der er plads til %(limit)s.",
                             count=len(text), limit=limit))
    return text or None


def _one(question: Question, raw: object) -> str | None:
    if isinstance(raw, list | tuple) and len(raw) == 1:
        raw = raw[0]
    if not isinstance(raw, str):
        raise SamtaleError(_("Vælg ét af svarene."))
    value = raw.strip()
    if question.type == "yes_no":
        value = value.lower().replace(" ", "_")
    if not value:
        return None
    if value not in question.choice_ids:
        raise SamtaleError(_("Vælg et af svarene på listen."))
    return value


def _many(question: Question, raw: object) -> list[str] | None:
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list | tuple) or not all(isinstance(i, str) for i in items):
        raise SamtaleError(_("Vælg et eller flere af svarene på listen."))
    picked = {item.strip() for item in items if item.strip()}
    if picked - set(question.choice_ids):
        raise SamtaleError(_("Vælg et eller flere af svarene på listen."))
    return [c for c in question.choice_ids if c in picked] or None


def _step(question: Question, raw: object) -> int | None:
    if isinstance(raw, str):
        if not raw.strip():
            return None
        raw = int(raw.strip()) if raw.strip().isdecimal() else raw
    steps = len(question.choices)
    if isinstance(raw, bool) or not isinstance(raw, int) or not 1 <= raw <= steps:
        raise SamtaleError(_("Vælg et trin på skalaen fra 1 til %(steps)s.", steps=steps))
    return raw


def join_words(items: list[str], lang: str = "da") -> str:
    """'a', 'a og b', 'a, b og c' in `lang` (English: 'and')."""
    if len(items) <= 1:
        return "".join(items)
    with locale(lang):
        return _("%(first)s og %(last)s", first=", ".join(items[:-1]), last=items[-1])


def _labels(question: Question, value: object, lang: str) -> list[str]:
    values = value if isinstance(value, list | tuple) else [value]
    labels = []
    for item in values:
        choice = question.choice(str(item))
        labels.append(choice.label_for(lang) if choice else str(item))
    return labels


def answer_label(question: Question, value: object, lang: str = "da") -> str:
    """How a stored value reads on a review page ('' when not answered)."""
    if value is None or value in ("", []):
        return ""
    if question.type in TEXT_TYPES:
        return str(value)
    labels = _labels(question, value, lang)
    if question.type == "scale":
        with locale(lang):
            return _("%(word)s (%(step)s af %(steps)s)", word=labels[0], step=value,
                     steps=len(question.choices))
    return join_words(labels, lang)


def _in_sentence(label: str, lang: str) -> str:
    """A choice label as it reads inside a sentence: 'Biblioteket' -> 'biblioteket',
    'I haven' -> 'i haven', 'A gym' -> 'a gym', while 'BIFOS' and English 'I' stay."""
    first = label.split(" ", 1)[0]
    if first == "I" and lang == "en":
        return label
    if first[:1].isupper() and (len(first) == 1 or first[1:].islower()):
        return label[0].lower() + label[1:]
    return label


_MODALS = ("gerne", "vil", "kan", "skal", "må")


def _answer_words(question: Question, value: object, before: str, lang: str) -> str:
    if question.type not in TEXT_TYPES:
        return join_words(
            [_in_sentence(label, lang) for label in _labels(question, value, lang)], lang
        )
    text = " ".join(str(value).split()).rstrip(".!")
    lead = before.split()[-1].lower() if before.split() else ""
    if lead and text.lower().startswith(lead + " "):
        text = text[len(lead) + 1:]
    elif lead in _MODALS and text.lower().startswith("at "):
        text = text[3:]  # "Jeg vil gerne {svar}" + "at male" -> "Jeg vil gerne male"
    return text


def statement(question: Question, value: object, lang: str = "da") -> str | None:
    """The question's first-person template filled with the answer ("Jeg drømmer om at
    arbejde i et køkken."), or None when there is no template or no answer. A yes/no
    template is used only for 'ja'; a text answer already in the first person is kept
    as it is. A suggestion: the resident and contact person agree the final wording."""
    template = question.template_for(lang)
    if not template or value is None or value in ("", []):
        return None
    if question.type == "yes_no":
        if value != "ja":
            return None
        text = template
    elif question.type in TEXT_TYPES and _first_person(str(value), lang):
        text = " ".join(str(value).split())
    else:
        before, _sep, _after = template.partition("{" + PLACEHOLDER + "}")
        words = _answer_words(question, value, before, lang)
        text = template.replace("{" + PLACEHOLDER + "}", words)
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _first_person(text: str, lang: str) -> bool:
    return text.lower().startswith(_FIRST_PERSON.get(lang, ()))
