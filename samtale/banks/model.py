"""The question bank model: frozen dataclasses and the fixed vocabularies of the format.

Stored answer value per question type (what `samtale.flow.validate_answer` returns and
what a conversation keeps):

    short_text, long_text   str (stripped, control characters removed)
    single_choice           str, the chosen choice id
    multi_choice            list[str], the chosen choice ids in the bank's order
    scale                   int, the step from 1 to len(question.choices)
    yes_no                  "ja" | "nej" | "ved_ikke"
    life_area               list[str], the chosen FFB theme codes in list order

`None` (or a missing key) means "not answered": skipped, or not reached yet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from samtale.errors import NotFound
from samtale.i18n import gettext as _

QUESTION_TYPES = (
    "short_text", "long_text", "single_choice", "multi_choice", "scale", "yes_no", "life_area",
)
TEXT_TYPES = ("short_text", "long_text")
CHOICE_TYPES = ("single_choice", "multi_choice")  # types whose choices the bank writes
LIST_TYPES = ("multi_choice", "life_area")  # types whose stored value is a list

PURPOSES = ("haab_og_droemme", "aktiviteter", "indflytning", "hverdag", "opfoelgning", "andet")
PLAN_TARGETS = ("dreams", "resources", "network", "activities", "goals")
LANGUAGES = ("da", "en")
YES_NO = ("ja", "nej", "ved_ikke")
PLACEHOLDER = "svar"  # the one placeholder a first-person template may use: {svar}

DEFAULT_MAX_LENGTH = {"short_text": 200, "long_text": 4000}


@dataclass(frozen=True)
class Localized:
    """One text in several languages: `values` holds (language, text) pairs, Danish first."""

    values: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, da: str, en: str | None = None) -> Localized:
        return cls((("da", da),) + ((("en", en),) if en else ()))

    def get(self, lang: str = "da") -> str:
        """The text in `lang`, or the Danish text when there is no translation."""
        texts = dict(self.values)
        return texts.get(lang) or texts.get("da", "")

    def as_dict(self) -> dict[str, str]:
        return dict(self.values)


@dataclass(frozen=True)
class Choice:
    """One answer option. `id` is what is stored (for a scale, the step number as text;
    for a life area, the FFB code). `group` is a heading for life areas."""

    id: str
    label: Localized
    group: Localized | None = None

    def label_for(self, lang: str = "da") -> str:
        return self.label.get(lang)


@dataclass(frozen=True)
class Question:
    """One question. `choices` holds the options of single_choice, multi_choice, yes_no
    and life_area questions and the steps of a scale (ids "1", "2", ...)."""

    id: str
    section_id: str
    type: str
    text: Localized
    help: Localized | None = None
    choices: tuple[Choice, ...] = ()
    show_if: str | None = None
    template: Localized | None = None
    plan: str | None = None
    ffb: str | None = None
    max_length: int | None = None
    line: int | None = field(default=None, compare=False)

    def text_for(self, lang: str = "da") -> str:
        return self.text.get(lang)

    def help_for(self, lang: str = "da") -> str:
        """The contact person's help as Markdown ('' when there is none)."""
        return self.help.get(lang) if self.help else ""

    def template_for(self, lang: str = "da") -> str | None:
        return self.template.get(lang) if self.template else None

    def choice(self, choice_id: str) -> Choice | None:
        return next((c for c in self.choices if c.id == choice_id), None)

    @property
    def choice_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.choices)

    @property
    def text_limit(self) -> int | None:
        """The longest answer a text question takes (None for other types)."""
        return self.max_length or DEFAULT_MAX_LENGTH.get(self.type)

    @cached_property
    def condition(self):
        """The parsed `show_if` (a samtale.banks.conditions node), or None."""
        from samtale.banks.conditions import parse

        return parse(self.show_if) if self.show_if else None


@dataclass(frozen=True)
class Section:
    id: str
    title: Localized
    intro: Localized | None = None
    questions: tuple[Question, ...] = ()

    def title_for(self, lang: str = "da") -> str:
        return self.title.get(lang)

    def intro_for(self, lang: str = "da") -> str:
        return self.intro.get(lang) if self.intro else ""


@dataclass(frozen=True)
class Bank:
    """A whole question bank. `source` is the file it came from ('' for a snapshot)."""

    id: str
    version: int
    title: Localized
    purpose: str
    languages: tuple[str, ...]
    sections: tuple[Section, ...]
    description: Localized | None = None
    source: str = field(default="", compare=False)

    def title_for(self, lang: str = "da") -> str:
        return self.title.get(lang)

    def description_for(self, lang: str = "da") -> str:
        return self.description.get(lang) if self.description else ""

    @cached_property
    def questions(self) -> tuple[Question, ...]:
        """Every question in reading order."""
        return tuple(q for s in self.sections for q in s.questions)

    @cached_property
    def _index(self) -> dict[str, int]:
        return {q.id: i for i, q in enumerate(self.questions)}

    @property
    def question_ids(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.questions)

    def position(self, question_id: str) -> int:
        """The 0-based reading position of a question; NotFound (404) when unknown."""
        if question_id not in self._index:
            raise NotFound(_("Spørgsmålet findes ikke i denne samtale."))
        return self._index[question_id]

    def question(self, question_id: str) -> Question:
        """The question with this id; raises NotFound (404) when there is none."""
        return self.questions[self.position(question_id)]

    def section(self, section_id: str) -> Section:
        """The section with this id; raises NotFound (404) when there is none."""
        for section in self.sections:
            if section.id == section_id:
                return section
        raise NotFound(_("Afsnittet findes ikke i denne samtale."))

    @classmethod
    def from_snapshot(cls, data: dict) -> Bank:
        """Rebuild a bank from `samtale.banks.snapshot.snapshot(bank)`."""
        from samtale.banks.snapshot import bank_from_snapshot

        return bank_from_snapshot(data)
