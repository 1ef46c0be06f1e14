"""Reading the answers a question offers: choices (inline or a named choice list), the
words of a scale, the fixed yes/no answers and the life areas."""

from __future__ import annotations

from samtale.banks import life_areas
from samtale.banks.fields import FieldReader, Place
from samtale.banks.model import CHOICE_TYPES, YES_NO, Choice, Localized
from samtale.banks.problems import closest, message_id

_ = message_id

CHOICE_FIELDS = ("id", "da", "en")
MAX_SCALE_STEPS = 10
YES_NO_CHOICES = tuple(
    Choice(value, Localized.of(da, en))
    for value, da, en in zip(YES_NO, ("Ja", "Nej", "Ved ikke"), ("Yes", "No", "Don't know"),
                             strict=True)
)


class ChoiceReader(FieldReader):
    lists: dict[str, tuple[Choice, ...]]  # the valid choice lists by id
    broken_lists: set[str]  # ids of choice lists with problems

    def _answers(self, place: Place, data: dict, kind: str | None) -> tuple[Choice, ...]:
        choices, scale, areas = data.get("choices"), data.get("scale"), data.get("areas")
        self._not_for(place, "choices", choices, kind, CHOICE_TYPES)
        self._not_for(place, "scale", scale, kind, ("scale",))
        self._not_for(place, "areas", areas, kind, ("life_area",))
        if kind in CHOICE_TYPES:
            return self._choices_or_list(place, choices, "choices") or ()
        if kind == "scale":
            return self._scale(place, scale)
        if kind == "life_area":
            return life_areas.choices(self._areas(place, areas))
        return YES_NO_CHOICES if kind == "yes_no" else ()

    def _not_for(self, place: Place, field: str, value: object, kind: str | None,
                 types: tuple[str, ...]) -> None:
        if value is not None and kind is not None and kind not in types:
            self.report(
                place, field, _("Feltet '%(field)s' passer ikke til typen %(type)s."),
                _("Slet '%(field)s', eller skift type til %(types)s."),
                field=field, type=kind, types=" / ".join(types),
            )

    def _choices_or_list(self, place: Place, raw: object, field: str) -> tuple[Choice, ...] | None:
        if raw is None:
            self.missing(place, field, _("Skriv svarene, eller navnet på en svarliste."))
            return None
        if isinstance(raw, str):
            if raw in self.broken_lists:
                return None  # the list itself is reported already
            if raw not in self.lists:
                self.report(place, field, _("Svarlisten '%(name)s' findes ikke i banken."),
                            _("Skriv navnet på en [[choice_list]], eller skriv svarene her."),
                            suggestion=closest(raw, self.lists), name=raw)
                return None
            return self.lists[raw]
        return self._choice_items(place, raw, field)

    def _choice_items(self, place: Place, raw: object, field: str) -> tuple[Choice, ...] | None:
        if not isinstance(raw, list) or len(raw) < 2:
            self.wrong_kind(place, field, _("Skriv mindst to svar i [ ], hvert som "
                                            "{ id = \"...\", da = \"...\", en = \"...\" }."))
            return None
        choices = [self._choice(place, item, field) for item in raw]
        ids = [c.id for c in choices if c is not None]
        for choice_id in sorted({i for i in ids if ids.count(i) > 1}):
            self.report(place, field, _("To svar har id'et '%(id)s'."),
                        _("Giv hvert svar sit eget id."),
                        line=self.map.value(choice_id, place.start), id=choice_id)
        return None if None in choices or len(set(ids)) < len(ids) else tuple(choices)

    def _choice(self, place: Place, item: object, field: str) -> Choice | None:
        if not isinstance(item, dict):
            self.wrong_kind(place, field, _("Skriv hvert svar som "
                                            "{ id = \"...\", da = \"...\", en = \"...\" }."))
            return None
        choice_id = item.get("id")
        where = Place(self.map.value(choice_id, place.start) if isinstance(choice_id, str)
                      else place.start, place.question_id)
        self.unknown_fields(where, item, CHOICE_FIELDS)
        choice_id = self.ident(where, item)
        label = self.localized(where, {"svar": {k: v for k, v in item.items() if k != "id"}},
                               "svar", limit_key="label")
        return Choice(choice_id, label) if choice_id and label else None

    def _scale(self, place: Place, raw: object) -> tuple[Choice, ...]:
        if isinstance(raw, str):
            steps = self._choices_or_list(place, raw, "scale") or ()
            labels = [step.label for step in steps]
        elif isinstance(raw, list) and 2 <= len(raw) <= MAX_SCALE_STEPS:
            items = [{"da": step} if isinstance(step, str) else step for step in raw]
            labels = [self._step(place, step) for step in items]
        else:
            self.report(place, "scale", _("Skalaen skal have et ord ved hvert trin."),
                        _("Skriv %(min)s til %(max)s ord i [ ], fra laveste til højeste trin."),
                        min=2, max=MAX_SCALE_STEPS)
            return ()
        if None in labels or not labels:
            return ()
        return tuple(Choice(str(step), label) for step, label in enumerate(labels, start=1))

    def _step(self, place: Place, step: object) -> Localized | None:
        if not isinstance(step, dict):
            self.wrong_kind(place, "scale",
                            _("Skriv hvert trin som { da = \"...\", en = \"...\" }."))
            return None
        self.unknown_fields(place, step, CHOICE_FIELDS)
        return self.localized(place, {"scale": {k: v for k, v in step.items() if k != "id"}},
                              "scale", limit_key="label")

    def _areas(self, place: Place, raw: object) -> tuple[str, ...] | None:
        if raw is None:
            return None
        if not isinstance(raw, list) or not raw or not all(isinstance(a, str) for a in raw):
            self.wrong_kind(place, "areas", _("Skriv fx areas = [\"mennesker\", \"fritid\"]."))
            return None
        for area in raw:
            if area not in life_areas.GROUP_KEYS:
                self.report(place, "areas", _("Livsområdet '%(area)s' kendes ikke."),
                            _("Skriv en af: %(allowed)s."), area=area,
                            suggestion=closest(area, life_areas.GROUP_KEYS),
                            allowed=", ".join(life_areas.GROUP_KEYS))
        return tuple(raw)
