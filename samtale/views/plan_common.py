"""What the plan and follow-up views share: the FFB theme picker, the jeg-form hint,
the handover marker, safe "back" paths and the words for codes."""

from __future__ import annotations

import re
from functools import lru_cache

from flask import request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from samtale import ffb, jegform
from samtale.residents import Resident

try:
    from samtale.web.handover import handover_allowed
except ModuleNotFoundError as missing:  # screen handover is built in another issue
    if missing.name != "samtale.web.handover":
        raise

    def handover_allowed(view):
        return view


JEGFORM_PREFIX = "jegform__"


@lru_cache(maxsize=1)
def theme_groups() -> tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...]:
    """((top code, top display, ((code, display), ...)), ...) in KL's order: the picker's
    optgroups. The top theme itself is the first choice of its group."""
    themes = ffb.themes()
    groups = []
    for top in (c for c in themes if c.depth == 2):
        children = tuple((c.code, c.display) for c in themes
                         if c.depth > 2 and ffb.top_theme(c.code) == top)
        groups.append((top.code, top.display, ((top.code, top.display), *children)))
    return tuple(groups)


def names(resident: Resident) -> tuple[str, ...]:
    """The resident's name parts for the jeg-form check."""
    return (resident.display_name,)


def hint(text: str | None, resident: Resident) -> jegform.Check:
    return jegform.check(text or "", names(resident))


def applied_suggestion(form) -> tuple[str, str] | None:
    """(field, suggestion) when "Brug denne formulering" was pressed (the button carries
    the suggestion as its value), else None."""
    for key, value in form.items():
        if key.startswith(JEGFORM_PREFIX):
            return key[len(JEGFORM_PREFIX):], value
    return None


def safe_next(resident_id: int, default: str) -> str:
    """The form's `next` path if it is one of this resident's pages, else `default`."""
    target = request.form.get("next") or request.args.get("next") or ""
    if re.fullmatch(rf"/beboere/{resident_id}(/[\w\-/æøåÆØÅ]*)?", target):
        return target
    return default


# code → words, translated only for the code asked for (a plan shows these on every goal)
_STATUS = {"green": _l("Grøn"), "yellow": _l("Gul"), "red": _l("Rød")}
_LIFECYCLE = {"proposed": _l("Forslag"), "active": _l("Aktiv"), "achieved": _l("Nået"),
              "abandoned": _l("Opgivet")}
_GOAL_TYPE = {"develop": _l("Udvikle"), "maintain": _l("Fastholde"),
              "limit_loss": _l("Begrænse tab")}
_TARGET = {"dreams": _l("Håb og drømme"), "resources": _l("Ressourcer"),
           "network": _l("Netværk og fællesskaber"), "activities": _l("Aktivitetsønsker"),
           "goals": _l("Mål")}
_KIND = {"dream": _l("Drøm"), "resource": _l("Ressource"), "network": _l("Netværk"),
         "activity": _l("Aktivitetsønske")}


def _word(words: dict, code: str | None, default: str = "") -> str:
    word = words.get(code or "")
    return default if word is None else str(word)


def status_word(status: str | None) -> str:
    return _word(_STATUS, status)


def lifecycle_word(lifecycle: str | None) -> str:
    return _word(_LIFECYCLE, lifecycle)


def goal_type_word(goal_type: str | None) -> str:
    return _word(_GOAL_TYPE, goal_type)


def who_word(who: str, who_name: str | None) -> str:
    if who == "me":
        return _("Mig")
    if who == "contact_person":
        return _("Min kontaktperson") + (f" ({who_name})" if who_name else "")
    return who_name or _("En anden")


def target_word(target: str | None) -> str:
    return _word(_TARGET, target)


def kind_word(kind: str) -> str:
    return _word(_KIND, kind, kind)


TEMPLATE_HELPERS = {
    "theme_groups": theme_groups, "jeg_hint": hint, "status_word": status_word,
    "lifecycle_word": lifecycle_word, "goal_type_word": goal_type_word,
    "who_word": who_word, "target_word": target_word, "kind_word": kind_word,
    "ffb_display": ffb.display,
}
