"""The plan dict's contract: samtale/schemas/plan.schema.json (JSON Schema 2020-12).

`validate_plan` is the gate every export passes: the schema first, then the links the
schema cannot express (unique ids, a goal's dream_id pointing at a dream in the plan).
Messages are plain Danish and name the place in the plan, e.g. `goals[0].lifecycle`.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from samtale.errors import SamtaleError
from samtale.i18n import gettext as _
from samtale.paths import PACKAGE_DIR

SCHEMA_PATH = PACKAGE_DIR / "schemas" / "plan.schema.json"
SCHEMA_VERSION = "1.0"
ITEM_LISTS = ("dreams", "resources", "network", "activity_wishes")


@lru_cache(maxsize=1)
def schema() -> dict:
    """The plan schema as a dict (loaded once)."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def validate_plan(plan: object) -> None:
    """Raise SamtaleError with a readable Danish message unless `plan` is a valid plan."""
    error = best_match(_validator().iter_errors(plan))
    if error is not None:
        raise SamtaleError(
            _("Planen kan ikke eksporteres: %(detail)s", detail=_describe(error))
        )
    _check_links(plan)  # type: ignore[arg-type]


def _place(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or _("planen")


def _describe(error: ValidationError) -> str:
    place = _place(error.absolute_path)
    kind = error.validator
    if kind == "required":
        missing = ", ".join(k for k in error.validator_value if k not in error.instance)
        return _("feltet «%(field)s» mangler i %(place)s", field=missing, place=place)
    if kind in ("additionalProperties", "unevaluatedProperties"):
        fields = ", ".join(re.findall(r"'([^']+)'", error.message))
        return _("%(place)s har et ukendt felt: %(fields)s", place=place, fields=fields)
    if kind == "enum":
        allowed = ", ".join("null" if v is None else str(v) for v in error.validator_value)
        return _(
            "%(place)s har værdien «%(value)s»; tilladt er: %(allowed)s",
            place=place, value=error.instance, allowed=allowed,
        )
    if kind == "type" or (kind == "anyOf" and not isinstance(error.instance, str | int)):
        return _("%(place)s har en forkert type", place=place)
    if kind in ("anyOf", "pattern", "format", "minLength", "minimum"):
        return _("%(place)s har en ugyldig værdi «%(value)s»", place=place, value=error.instance)
    return _("%(place)s er ugyldig", place=place)


def _check_links(plan: dict) -> None:
    for key in (*ITEM_LISTS, "goals"):
        _unique([item["id"] for item in plan[key]], key)
    _unique([s["id"] for goal in plan["goals"] for s in goal["subgoals"]], "subgoals")
    dream_ids = {dream["id"] for dream in plan["dreams"]}
    for index, goal in enumerate(plan["goals"]):
        if goal["dream_id"] is not None and goal["dream_id"] not in dream_ids:
            raise SamtaleError(_(
                "Planen kan ikke eksporteres: goals[%(index)s] hører til drøm nr. %(dream)s, "
                "som ikke findes i planen",
                index=index, dream=goal["dream_id"],
            ))


def _unique(ids: list[int], where: str) -> None:
    seen: set[int] = set()
    for value in ids:
        if value in seen:
            raise SamtaleError(_(
                "Planen kan ikke eksporteres: id %(id)s findes to gange i %(where)s",
                id=value, where=where,
            ))
        seen.add(value)
