"""What the picture shows: the plan's dreams, goals, activity wishes, network and
resources sorted into life areas, each with its kind and (for goals) a status that is
always a word as well as a colour. Also `describe`, the same content as plain text."""

from __future__ import annotations

from dataclasses import dataclass

from samtale import i18n
from samtale.export import labels as lb
from samtale.i18n import gettext as _
from samtale.picture.areas import OTHER, area_key, life_areas
from samtale.picture.svg import clean

# The order items take inside an area: dreams first, then what the resident works on.
KINDS = ("dream", "goal", "activity", "network", "resource")
_PLAN_KEYS = {
    "dream": "dreams", "activity": "activity_wishes", "network": "network",
    "resource": "resources",
}
# A goal's state on the picture: its status colour while active, else its lifecycle.
STATES = ("green", "yellow", "red", "new", "achieved", "proposed")


@dataclass(frozen=True)
class Entry:
    kind: str  # one of KINDS
    text: str  # the resident's own words, whole
    state: str | None = None  # goals only: one of STATES


def kind_label(kind: str) -> str:
    return {
        "dream": _("Drøm"), "goal": _("Mål"), "activity": _("Det vil jeg gerne lave"),
        "network": _("Mennesker og fællesskaber"), "resource": _("Min styrke"),
    }[kind]


def state_word(state: str) -> str:
    return {
        "green": _("går godt"), "yellow": _("på vej"), "red": _("svært lige nu"),
        "new": _("nyt"), "achieved": _("nået"), "proposed": _("forslag"),
    }[state]


def goal_state(goal: dict) -> str | None:
    """The goal's state, or None for a goal that was given up (not drawn)."""
    lifecycle = goal.get("lifecycle", "active")
    if lifecycle == "abandoned":
        return None
    if lifecycle in ("achieved", "proposed"):
        return lifecycle
    return goal.get("status") or "new"


def _theme_code(item: dict) -> str | None:
    theme = item.get("ffb_theme")
    return theme.get("code") if isinstance(theme, dict) else None


def _text(item: dict, key: str = "text") -> str:
    return " ".join(clean(item.get(key) or "").split())


def _goal_area(goal: dict, dream_areas: dict) -> str:
    """A goal without a theme of its own sits with the dream it serves."""
    code = _theme_code(goal)
    if code is None and goal.get("dream_id") in dream_areas:
        return dream_areas[goal["dream_id"]]
    return area_key(code)


def entries_by_area(plan: dict) -> dict[str, list[Entry]]:
    """Every life area's entries (possibly none), dreams first, then goals, activity
    wishes, network and resources, each in the plan's order. Empty texts are skipped."""
    found: dict[str, list[tuple[int, Entry]]] = {a.key: [] for a in life_areas()}
    dream_areas = {d.get("id"): area_key(_theme_code(d)) for d in plan.get("dreams", [])}
    for kind, key in _PLAN_KEYS.items():
        for item in plan.get(key, []):
            if _text(item):
                entry = Entry(kind, _text(item))
                found[area_key(_theme_code(item))].append((KINDS.index(kind), entry))
    for goal in plan.get("goals", []):
        state = goal_state(goal)
        if state and _text(goal):
            found[_goal_area(goal, dream_areas)].append((1, Entry("goal", _text(goal), state)))
    return {key: [e for _rank, e in sorted(items, key=lambda p: p[0])]
            for key, items in found.items()}


def entry_line(entry: Entry) -> str:
    """'Mål, på vej: Jeg vil ...' – one entry as a sentence to read or hear."""
    label = kind_label(entry.kind)
    if entry.state:
        label = f"{label}, {state_word(entry.state)}"
    return f"{label}: {lb.sentence(entry.text)}"


def owner(plan: dict) -> str | None:
    """The resident's first name in the genitive ('Karins', 'Jonas\'', "Karin's"), or
    None when the display name does not start with a usable first name ('K.')."""
    name = clean((plan.get("resident") or {}).get("display_name") or "")
    first = name.split()[0] if name.split() else ""
    if len(first) < 2 or first.endswith(".") or any(c.isdigit() for c in first):
        return None
    if i18n.current_locale() == "en":
        return first + ("'" if first.lower().endswith("s") else "'s")
    return first + ("'" if first.lower().endswith(("s", "x", "z")) else "s")


def owner_title(plan: dict) -> str:
    """'Karins samtalekort', or 'Mit samtalekort' without a usable first name."""
    name = owner(plan)
    return _("%(owner)s samtalekort", owner=name) if name else _("Mit samtalekort")


def describe_lines(plan: dict, title: str, groups: dict | None = None) -> list[str]:
    """The lines of `describe` (`groups`: entries_by_area(plan), if already made)."""
    groups = groups if groups is not None else entries_by_area(plan)
    lines = [lb.sentence(title)]
    if not any(groups.values()):
        return lines + [lb.sentence(_("Her kan dine drømme og mål komme til at stå"))]
    for life_area in life_areas():
        entries = groups[life_area.key]
        if entries:
            lines.append(life_area.name(i18n.current_locale()) + ":")
            lines.extend(entry_line(entry) for entry in entries)
    empty = [a.name(i18n.current_locale()) for a in life_areas()
             if not groups[a.key] and a.key != OTHER]
    if empty:
        lines.append(_("Her står ikke noget endnu: %(areas)s.", areas=lb.names_text(empty)))
    return lines


def describe(plan: dict, lang: str = "da", *, title: str | None = None) -> str:
    """What the picture shows, as plain text: the title, then each life area that holds
    something with its entries one per line ('Mål, på vej: ...'), then the areas that are
    still empty. For screen readers, read-aloud and the text beside the picture."""
    with i18n.locale(lang):
        return "\n".join(describe_lines(plan, title or owner_title(plan)))
