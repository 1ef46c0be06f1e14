"""Words and dates every export shares: codes in the plan dict become plain Danish here.

All functions read the current locale (samtale.i18n); `in_plan_language` sets it from the
plan's `language` for the length of an export.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from babel.dates import format_date

from samtale import clock, i18n
from samtale.i18n import gettext as _


@contextmanager
def in_plan_language(plan: dict) -> Iterator[None]:
    """Render labels and dates in the plan's language."""
    with i18n.locale(plan.get("language", i18n.DEFAULT_LOCALE)):
        yield


def long_date(value: str | date | None) -> str:
    """'2026-11-25' (or a UTC timestamp) as '25. november 2026'; '' for None."""
    day = clock.local_date(value)
    return "" if day is None else format_date(day, "long", locale=i18n.date_locale())


def when_text(value: str | None) -> str:
    """An action's 'hvornår': a date becomes a Danish date, words stay as they are."""
    if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return long_date(value)
    return value or ""


def colour_word(colour: str | None) -> str:
    return {"green": _("Grøn"), "yellow": _("Gul"), "red": _("Rød")}.get(colour or "", "")


def lifecycle_word(lifecycle: str) -> str:
    return {
        "proposed": _("Forslag"), "active": _("Aktiv"),
        "achieved": _("Nået"), "abandoned": _("Opgivet"),
    }[lifecycle]


def goal_type_word(goal_type: str) -> str:
    return {
        "develop": _("Udvikle"), "maintain": _("Fastholde"), "limit_loss": _("Begrænse tab"),
    }[goal_type]


def who_text(action: dict) -> str:
    """'Mig', 'Min kontaktperson (Mette K.)' or the other person's name."""
    name = action.get("who_name")
    if action["who"] == "me":
        return _("Mig")
    if action["who"] == "contact_person":
        label = _("Min kontaktperson")
        return f"{label} ({name})" if name else label
    return name or _("En anden")


def written_by_text(evaluation: dict) -> str:
    role = _("beboer") if evaluation["written_by"] == "resident" else _("medarbejder")
    return f"{evaluation['author_name']} ({role})"


def agrees_text(evaluation: dict, *, first_person: bool = True) -> str:
    """Whether the resident agrees, in one sentence ('' when not recorded): in the
    resident's voice for the resident's own copies, about the resident for staff."""
    agrees = evaluation.get("resident_agrees")
    if agrees is None:
        return ""
    if first_person:
        return _("Jeg er enig.") if agrees else _("Jeg er ikke enig.")
    return _("Beboeren er enig.") if agrees else _("Beboeren er ikke enig.")


def names_text(names: list[str]) -> str:
    """'Mette K.', 'Mette K. og Ali H.', 'A, B og C'."""
    if len(names) < 2:
        return "".join(names)
    return _("%(first)s og %(last)s", first=", ".join(names[:-1]), last=names[-1])


def sentence(text: str) -> str:
    """`text` ending with a full stop (unless it already ends with . ! or ?)."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?")) else text + "."


def theme_text(item: dict) -> str:
    theme = item.get("ffb_theme")
    return theme["display"] if theme else ""


def slug(text: str) -> str:
    """An ASCII file-name slug: 'Karin S.' -> 'karin-s', 'Søren Å.' -> 'soeren-aa'."""
    text = text.lower()
    for danish, ascii_ in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        text = text.replace(danish, ascii_)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "beboer"


def plan_date(plan: dict) -> date:
    """The Copenhagen date the plan was generated."""
    return clock.local_date(plan["generated_at"])
