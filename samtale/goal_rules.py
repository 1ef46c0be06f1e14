"""The rules a goal must keep before it is stored: every problem is collected with the
name of the field it belongs to, so a form can show each message beside its field.

Field names: text, dream_id, ffb_theme, goal_type, status, lifecycle, next_follow_up,
sub-N-text, act-N-what, act-N-who_name, act-N-when (N is the row's place in the form).
A delmål or an action whose text is empty is left out: that is how a row is removed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlite_utils import Database

from samtale import clock, ffb
from samtale.errors import SamtaleError
from samtale.i18n import gettext as _

GOAL_TYPES = ("develop", "maintain", "limit_loss")
STATUSES = ("green", "yellow", "red")
LIFECYCLES = ("proposed", "active", "achieved", "abandoned")
WHO = ("me", "contact_person", "other")
MAX_TEXT = 4200
MAX_NAME = 80
MAX_WHEN = 80
MAX_ROWS = 30


class InvalidGoal(SamtaleError):
    """Bad input: `fields` maps a field name to its Danish message."""

    def __init__(self, fields: dict[str, str]):
        super().__init__(_("Målet er ikke gemt. Ret det, der er markeret."))
        self.fields = fields


def one_line(text: object) -> str:
    return " ".join(str(text or "").split())


def parse_date(text: str | None) -> date | None:
    """'2026-12-01' as a date; None for '' or None; SamtaleError for anything else."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        value = date.fromisoformat(text)
    except ValueError:
        raise SamtaleError(_("Skriv datoen som en dato, fx 2027-01-06.")) from None
    if abs((value - clock.today()).days) > 3660:
        raise SamtaleError(_("Datoen ligger mere end ti år fra i dag."))
    return value


def check_text(text: object, errors: dict, key: str, required: bool = True,
               limit: int = MAX_TEXT) -> str:
    value = one_line(text)
    if required and not value:
        errors[key] = _("Skriv en tekst.")
    elif len(value) > limit:
        errors[key] = _("Skriv højst %(n)s tegn.", n=limit)
    return value


def check_theme(code: str | None, errors: dict, key: str = "ffb_theme") -> str | None:
    code = (code or "").strip() or None
    if code is not None and not ffb.is_theme(code):
        errors[key] = _("Vælg et tema fra listen.")
    return code


def _choice(value, allowed, errors: dict, key: str, none_ok: bool = False):
    value = value or None
    if value is None and none_ok:
        return None
    if value not in allowed:
        errors[key] = _("Vælg en af mulighederne.")
    return value


def _dream(db: Database, resident_id: int, dream_id, errors: dict) -> int | None:
    if dream_id in (None, ""):
        return None
    try:
        dream_id = int(dream_id)
    except (TypeError, ValueError):
        dream_id = 0
    found = db.execute("SELECT 1 FROM plan_items WHERE id = ? AND resident_id = ? AND "
                       "kind = 'dream'", [dream_id, resident_id]).fetchone()
    if not found:
        errors["dream_id"] = _("Vælg en af beboerens drømme, eller ingen.")
    return dream_id


def _follow_up(draft, default: date, errors: dict) -> str | None:
    try:
        value = parse_date(draft.next_follow_up)
    except SamtaleError as problem:
        errors["next_follow_up"] = problem.message
        return None
    if value is None and draft.lifecycle in ("active", "proposed"):
        value = default
    return value.isoformat() if value else None


def _subgoals(rows, errors: dict) -> list:
    kept = []
    for index, row in enumerate(rows):
        text = check_text(row.text, errors, f"sub-{index}-text", required=False)
        if text:
            lifecycle = _choice(row.lifecycle, LIFECYCLES, errors, f"sub-{index}-lifecycle")
            status = _choice(row.status, STATUSES, errors, f"sub-{index}-status", none_ok=True)
            kept.append(replace(row, text=text, lifecycle=lifecycle, status=status))
    return kept


def _actions(rows, errors: dict) -> list:
    kept = []
    for index, row in enumerate(rows):
        what = check_text(row.what, errors, f"act-{index}-what", required=False)
        if not what:
            continue
        who = _choice(row.who, WHO, errors, f"act-{index}-who")
        name = check_text(row.who_name, errors, f"act-{index}-who_name", False, MAX_NAME) or None
        if who == "other" and not name:
            errors[f"act-{index}-who_name"] = _("Skriv, hvem der gør det.")
        if who == "me":
            name = None
        when = check_text(row.when, errors, f"act-{index}-when", False, MAX_WHEN) or None
        kept.append(replace(row, what=what, who=who, who_name=name, when=when,
                            done=bool(row.done)))
    return kept


def clean(db: Database, resident_id: int, draft, default_follow_up: date):
    """A cleaned copy of the draft; InvalidGoal with every problem found."""
    errors: dict[str, str] = {}
    if len(draft.subgoals) > MAX_ROWS or len(draft.actions) > MAX_ROWS:
        errors["text"] = _("Et mål kan have højst %(n)s delmål og %(n)s handlinger.", n=MAX_ROWS)
    cleaned = replace(
        draft,
        text=check_text(draft.text, errors, "text"),
        dream_id=_dream(db, resident_id, draft.dream_id, errors),
        ffb_theme=check_theme(draft.ffb_theme, errors),
        goal_type=_choice(draft.goal_type, GOAL_TYPES, errors, "goal_type"),
        status=_choice(draft.status, STATUSES, errors, "status", none_ok=True),
        lifecycle=_choice(draft.lifecycle, LIFECYCLES, errors, "lifecycle"),
        subgoals=_subgoals(draft.subgoals[:MAX_ROWS], errors),
        actions=_actions(draft.actions[:MAX_ROWS], errors),
    )
    cleaned.next_follow_up = _follow_up(cleaned, default_follow_up, errors)
    if errors:
        raise InvalidGoal(errors)
    return cleaned
