"""From the dict tomllib returns to a Bank, or to the list of everything wrong with it."""

from __future__ import annotations

from samtale.banks.choices import ChoiceReader
from samtale.banks.conditions import ConditionError, parse
from samtale.banks.crosscheck import Seen, cross_check
from samtale.banks.fields import BANK_ID_PATTERN, Place
from samtale.banks.model import (
    LANGUAGES,
    PLAN_TARGETS,
    PURPOSES,
    QUESTION_TYPES,
    TEXT_TYPES,
    Bank,
    Choice,
    Question,
    Section,
)
from samtale.banks.problems import Problem, message_id
from samtale.ffb import is_theme, themes

_ = message_id

BANK_FIELDS = (
    "id", "version", "title", "description", "purpose", "languages", "choice_list", "section",
)
SECTION_FIELDS = ("id", "title", "intro", "question")
QUESTION_FIELDS = (
    "id", "type", "text", "help", "choices", "scale", "areas", "show_if", "template", "plan",
    "ffb", "max_length",
)
_PLACEMENT = _("Spørgsmål skal stå under en sektion: skriv [[section.question]] over hvert "
               "spørgsmål og [[section]] over hver sektion.")
TOP_FIXES = {"question": _PLACEMENT, "questions": _PLACEMENT, "sections": _PLACEMENT}


def read_bank(data: dict, file: str, source: str) -> tuple[Bank | None, list[Problem]]:
    """Build a Bank from a parsed TOML document; (None, problems) when anything is wrong."""
    reader = BankReader(file, source)
    bank = reader.bank(data)
    problems = sorted(reader.problems, key=lambda problem: problem.line or 0)
    return (bank if not problems else None), problems


class BankReader(ChoiceReader):
    def bank(self, data: dict) -> Bank | None:
        top = Place()
        self.bank_id = self.ident(top, data, BANK_ID_PATTERN)
        self.languages = self._languages(top, data)
        self.unknown_fields(top, data, BANK_FIELDS, TOP_FIXES)
        version = self._version(top, data)
        title = self.localized(top, data, "title")
        description = self.localized(top, data, "description", required=False)
        purpose = self.choice_of(top, data, "purpose", PURPOSES)
        self.lists = self._choice_lists(data.get("choice_list"))
        self.seen: list[Seen] = []
        self.section_ids: list[tuple[Place, str]] = []
        sections = self._sections(top, data.get("section"))
        cross_check(self)
        if self.problems or None in (self.bank_id, version, title, purpose):
            return None
        return Bank(self.bank_id, version, title, purpose, self.languages, tuple(sections),
                    description, self.file)

    def _version(self, place: Place, data: dict) -> int | None:
        value = data.get("version")
        if value is None:
            self.missing(place, "version", _("Skriv fx version = 1."))
        elif isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.wrong_kind(place, "version", _("Skriv et helt tal fra 1 og op, fx version = 2."))
        else:
            return value
        return None

    def _languages(self, place: Place, data: dict) -> tuple[str, ...]:
        value = data.get("languages", ["da"])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.wrong_kind(place, "languages", _("Skriv fx languages = [\"da\", \"en\"]."))
            return ("da",)
        for lang in value:
            if lang not in LANGUAGES:
                self.report(place, "languages", _("Sproget '%(lang)s' kendes ikke."),
                            _("Brug da for dansk og en for engelsk."), lang=lang)
        if "da" not in value:
            self.report(place, "languages", _("Banken skal være på dansk."),
                        _("Skriv \"da\" i languages."))
        return ("da",) + tuple(lang for lang in LANGUAGES if lang in value and lang != "da")

    def _tables(self, place: Place, raw: object, field: str) -> list[dict]:
        if raw is None:
            return []
        if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
            self.report(place, field, _("Feltet '%(field)s' har en forkert slags værdi."),
                        _("Skriv [[%(field)s]] over hver blok."), field=field)
            return []
        return raw

    def _choice_lists(self, raw: object) -> dict[str, tuple[Choice, ...]]:
        lists: dict[str, tuple[Choice, ...]] = {}
        seen: set[str] = set()
        for index, item in enumerate(self._tables(Place(), raw, "choice_list")):
            place = Place(self.map.block("choice_list", index))
            self.unknown_fields(place, item, ("id", "choices"))
            list_id = self.ident(place, item)
            choices = self._choice_items(place, item.get("choices"), "choices")
            if list_id in seen:
                self.report(place, "id", _("Der er to svarlister med id'et '%(id)s'."),
                            _("Giv hver svarliste sit eget id."), id=list_id)
            elif list_id and choices is not None:
                lists[list_id] = choices
            seen.add(list_id or "")
        self.broken_lists = seen - set(lists)
        return lists

    def _sections(self, place: Place, raw: object) -> list[Section]:
        tables = self._tables(place, raw, "section")
        if not tables and raw is None:
            self.missing(place, "section", _("Skriv mindst én [[section]] med spørgsmål under."))
        sections = []
        for index, item in enumerate(tables):
            section = self._section(Place(self.map.block("section", index)), item)
            if section is not None:
                sections.append(section)
        return sections

    def _section(self, place: Place, data: dict) -> Section | None:
        self.unknown_fields(place, data, SECTION_FIELDS, {"questions": _PLACEMENT})
        section_id = self.ident(place, data)
        if section_id:
            self.section_ids.append((place, section_id))
        title = self.localized(place, data, "title")
        intro = self.localized(place, data, "intro", required=False)
        tables = self._tables(place, data.get("question"), "section.question")
        if not tables:
            self.report(place, None, _("Sektionen '%(id)s' har ingen spørgsmål."),
                        _("Skriv spørgsmål under den med [[section.question]], eller slet den."),
                        id=section_id)
        questions = [self._question(section_id or "", item) for item in tables]
        if section_id is None or title is None or None in questions:
            return None
        return Section(section_id, title, intro, tuple(questions))

    def _question(self, section_id: str, data: dict) -> Question | None:
        start = self.map.block("section.question", len(self.seen))
        raw_id = data.get("id")
        place = Place(start, raw_id if isinstance(raw_id, str) else None)
        self.unknown_fields(place, data, QUESTION_FIELDS)
        qid = self.ident(place, data)
        kind = self.choice_of(place, data, "type", QUESTION_TYPES)
        text = self.localized(place, data, "text")
        fields = self._question_fields(place, data, kind)
        question = None
        if None not in (qid, kind, text) and fields is not None:
            question = Question(qid, section_id, kind, text, line=start, **fields)
        self.seen.append(Seen(place, qid, kind, data, question))
        return question

    def _question_fields(self, place: Place, data: dict, kind: str | None) -> dict | None:
        before = len(self.problems)
        fields = {
            "help": self.localized(place, data, "help", required=False),
            "choices": self._answers(place, data, kind),
            "show_if": self._show_if(place, data.get("show_if")),
            "template": self.localized(place, data, "template", required=False),
            "plan": self.choice_of(place, data, "plan", PLAN_TARGETS, required=False),
            "ffb": self._ffb(place, data.get("ffb")),
            "max_length": self._max_length(place, data.get("max_length"), kind),
        }
        return fields if len(self.problems) == before else None

    def _show_if(self, place: Place, raw: object) -> str | None:
        if raw is None:
            return None
        if not isinstance(raw, str):
            self.wrong_kind(place, "show_if",
                            _("Skriv betingelsen i anførselstegn, fx show_if = \"bolig == 'ja'\"."))
            return None
        try:
            parse(raw)
        except ConditionError as error:
            self.report(place, "show_if", error.message, error.fix, **error.params)
            return None
        return raw

    def _ffb(self, place: Place, raw: object) -> str | None:
        if raw is None:
            return None
        if isinstance(raw, str) and is_theme(raw):
            return raw
        named = [c.code for c in themes() if isinstance(raw, str)
                 and c.display.lower() == raw.strip().lower()]
        fix = (_("Skriv koden i stedet for navnet: ffb = \"%(code)s\".") if named else
               _("Find koden for temaet i listen over FFB-temaer i vejledningen."))
        self.report(place, "ffb", _("FFB-koden '%(code_given)s' er ikke et kendt tema."), fix,
                    code_given=raw, code=named[0] if named else "")
        return None

    def _max_length(self, place: Place, raw: object, kind: str | None) -> int | None:
        if raw is None:
            return None
        self._not_for(place, "max_length", raw, kind, TEXT_TYPES)
        if isinstance(raw, bool) or not isinstance(raw, int) or not 1 <= raw <= 10000:
            self.wrong_kind(place, "max_length", _("Skriv et helt tal fra 1 til 10000."))
            return None
        return raw

