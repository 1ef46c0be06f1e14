"""Reading single fields of a bank file, and reporting every problem found on the way.

`FieldReader` never raises on bad input: each helper returns None (or a default) and
records a Problem with the file, the line and the question id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from samtale.banks.model import LANGUAGES, Localized
from samtale.banks.problems import Problem, SourceMap, closest, message_id

_ = message_id

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
BANK_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")

# The longest text each field may hold, in characters.
LIMITS = {
    "title": 100, "description": 1000, "intro": 1000, "text": 300, "help": 5000,
    "template": 300, "label": 120,
}


@dataclass(frozen=True)
class Place:
    """Where in the file a block starts (its header line; None for the top of the file)
    and which question it is, for problem reports."""

    start: int | None = None
    question_id: str | None = None


class FieldReader:
    def __init__(self, file: str, source: str):
        self.file = file
        self.map = SourceMap(source)
        self.problems: list[Problem] = []
        self.bank_id: str | None = None
        self.languages: tuple[str, ...] = ("da",)

    def report(self, place: Place, key: str | None, message: str, fix: str = "", *,
               line: int | None = None, suggestion: str | None = None, **params: object) -> None:
        if line is None:
            line = (self.map.key(place.start, key) if key else None) or place.start
        self.problems.append(Problem(
            self.file, message, fix, line, self.bank_id, place.question_id, params, suggestion,
        ))

    def unknown_fields(self, place: Place, data: dict, allowed: tuple[str, ...],
                       fixes: dict[str, str] | None = None) -> None:
        for key in data:
            if key in allowed:
                continue
            fix = (fixes or {}).get(key)
            self.report(
                place, key, _("Feltet '%(field)s' kendes ikke."),
                fix or _("Ret stavningen, eller slet feltet. Her kan stå: %(allowed)s."),
                suggestion=None if fix else closest(key, allowed),
                field=key, allowed=", ".join(allowed),
            )

    def missing(self, place: Place, field: str, what: str, **params: object) -> None:
        params.setdefault("field", field)
        self.report(place, None, _("Feltet '%(field)s' mangler."), what, **params)

    def wrong_kind(self, place: Place, field: str, what: str) -> None:
        self.report(place, field, _("Feltet '%(field)s' har en forkert slags værdi."), what,
                    field=field)

    def ident(self, place: Place, data: dict, pattern: re.Pattern = ID_PATTERN) -> str | None:
        value = data.get("id")
        if value is None:
            self.missing(place, "id", _("Giv det et id med små bogstaver, fx id = \"min_droem\"."))
            return None
        if isinstance(value, str) and pattern.match(value):
            return value
        fix = (_("Brug kun små bogstaver a-z, tal og _ (skriv ae, oe og aa for æ, ø og å).")
               if pattern is ID_PATTERN else
               _("Brug kun små bogstaver a-z, tal og bindestreg, fx id = \"haab-og-droemme\"."))
        self.report(place, "id", _("Id'et '%(id)s' kan ikke bruges."), fix, id=value)
        return None

    def choice_of(self, place: Place, data: dict, field: str, allowed: tuple[str, ...],
                  required: bool = True) -> str | None:
        value = data.get(field)
        if value is None:
            if required:
                self.missing(place, field, _("Skriv en af: %(allowed)s."),
                             allowed=", ".join(allowed))
            return None
        if value not in allowed:
            self.report(
                place, field, _("'%(value)s' kan ikke bruges i feltet '%(field)s'."),
                _("Skriv en af: %(allowed)s."), suggestion=closest(value, allowed),
                value=value, field=field, allowed=", ".join(allowed),
            )
            return None
        return value

    def localized(self, place: Place, data: dict, field: str, required: bool = True,
                  limit_key: str | None = None) -> Localized | None:
        """A text in Danish and maybe English: `field = "..."` (Danish only) or
        `field.da = "..."` and `field.en = "..."`."""
        raw = data.get(field)
        if raw is None:
            if required:
                self.missing(place, field, _("Skriv teksten, fx %(field)s.da = \"...\"."))
            return None
        if isinstance(raw, str):
            raw = {"da": raw}
        if not isinstance(raw, dict):
            self.wrong_kind(place, field,
                            _("Skriv teksten i anførselstegn: %(field)s.da = \"...\"."))
            return None
        values = self._texts(place, field, raw, LIMITS.get(limit_key or field, 1000))
        return Localized(tuple(values)) if values and values[0][0] == "da" else None

    def _texts(self, place: Place, field: str, raw: dict, limit: int) -> list[tuple[str, str]]:
        values: list[tuple[str, str]] = []
        for lang, text in raw.items():
            key = f"{field}.{lang}"
            if lang not in LANGUAGES:
                self.report(place, key, _("Sproget '%(lang)s' i '%(field)s' kendes ikke."),
                            _("Brug da for dansk og en for engelsk."),
                            suggestion=closest(lang, LANGUAGES), lang=lang, field=field)
            elif not isinstance(text, str):
                self.wrong_kind(place, field, _("Skriv teksten i anførselstegn."))
            elif not text.strip():
                self.report(place, key, _("Teksten i '%(field)s' er tom."),
                            _("Skriv en tekst, eller slet linjen."), field=field)
            else:
                if len(text) > limit:
                    self.report(
                        place, key, _("Teksten i '%(field)s' er for lang: %(count)s tegn."),
                        _("Gør den kortere: højst %(limit)s tegn."),
                        field=field, count=len(text), limit=limit,
                    )
                values.append((lang, text.strip()))
        self._check_languages(place, field, raw, [lang for lang, _text in values])
        values.sort(key=lambda pair: LANGUAGES.index(pair[0]))
        return values

    def _check_languages(self, place: Place, field: str, raw: dict, found: list[str]) -> None:
        for lang in self.languages:
            if lang in found or lang in raw:  # a bad value in raw is reported already
                continue
            message = (_("Teksten i '%(field)s' mangler på dansk.") if lang == "da"
                       else _("Teksten i '%(field)s' mangler på engelsk."))
            self.report(place, field, message, _("Tilføj %(field)s.%(lang)s = \"...\"."),
                        field=field, lang=lang)
