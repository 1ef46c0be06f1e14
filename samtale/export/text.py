"""Plain-text blocks, one per section of the plan, to paste into the municipality's
documentation system: plain lines, no Markdown symbols, Danish dates.

Each block's `text` holds only the section's content; its `title` is shown beside the
copy button (and heads the section in `to_text`).
"""

from __future__ import annotations

from dataclasses import dataclass

from samtale import ffb
from samtale.export import labels as lb
from samtale.i18n import gettext as _

INDENT = "  "


@dataclass(frozen=True)
class TextBlock:
    key: str  # dreams, goals, resources, network, activity_wishes, next_follow_up, evaluations
    title: str
    text: str


def text_blocks(plan: dict) -> list[TextBlock]:
    """The plan as plain-text blocks, in the order of Min plan."""
    with lb.in_plan_language(plan):
        return [
            TextBlock("dreams", _("Mine håb og drømme"), _items(plan["dreams"])),
            TextBlock("goals", _("Mine mål"), _goals(plan)),
            TextBlock("resources", _("Mine ressourcer"), _items(plan["resources"])),
            TextBlock("network", _("Mit netværk og mine fællesskaber"), _items(plan["network"])),
            TextBlock(
                "activity_wishes", _("Aktiviteter jeg gerne vil"), _items(plan["activity_wishes"])
            ),
            TextBlock("next_follow_up", _("Næste opfølgning"), _follow_up(plan)),
            TextBlock("evaluations", _("Evalueringer"), _evaluations(plan)),
        ]


def to_text(plan: dict) -> str:
    """Every block under its title, after one line naming the resident and the date."""
    blocks = text_blocks(plan)
    with lb.in_plan_language(plan):
        parts = [_header(plan)]
    parts += [f"{block.title}\n{block.text}" for block in blocks]
    return "\n\n".join(parts) + "\n"


def _header(plan: dict) -> str:
    resident = plan["resident"]
    return _(
        "Plan for %(name)s, %(unit)s, %(date)s",
        name=resident["display_name"], unit=resident["unit"], date=lb.long_date(lb.plan_date(plan)),
    )


def _empty() -> str:
    return _("Intet skrevet endnu.")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _items(items: list[dict]) -> str:
    return "\n".join(_one_line(item["text"]) for item in items) or _empty()


def _goals(plan: dict) -> str:
    dreams = {dream["id"]: dream["text"] for dream in plan["dreams"]}
    parts = [_goal(number, goal, dreams) for number, goal in enumerate(plan["goals"], 1)]
    return "\n\n".join(parts) or _empty()


def _goal(number: int, goal: dict, dreams: dict[int, str]) -> str:
    lines = [_("Mål %(number)s: %(text)s", number=number, text=_one_line(goal["text"]))]
    status = [lb.colour_word(goal["status"]), lb.lifecycle_word(goal["lifecycle"])]
    lines.append(_("Status: %(status)s", status=", ".join(s for s in status if s)))
    lines.append(_("Måltype: %(type)s", type=ffb.display(ffb.GOAL_TYPES[goal["goal_type"]])))
    if goal["ffb_theme"]:
        lines.append(_("Tema: %(theme)s", theme=goal["ffb_theme"]["display"]))
    if goal["dream_id"] in dreams:
        lines.append(_("Drøm: %(text)s", text=_one_line(dreams[goal["dream_id"]])))
    if goal["subgoals"]:
        lines.append(_("Delmål:"))
        lines += [INDENT + _subgoal(sub) for sub in goal["subgoals"]]
    if goal["actions"]:
        lines.append(_("Handlinger:"))
        lines += [INDENT + _action(action) for action in goal["actions"]]
    if goal["next_follow_up"]:
        lines.append(_("Næste opfølgning: %(date)s", date=lb.long_date(goal["next_follow_up"])))
    return "\n".join(lines)


def _subgoal(sub: dict) -> str:
    status = [lb.lifecycle_word(sub["lifecycle"]), lb.colour_word(sub["status"]).lower()]
    return f"{_one_line(sub['text'])} ({', '.join(s for s in status if s)})"


def _action(action: dict) -> str:
    parts = [_one_line(action["what"]), _("Hvem: %(who)s", who=lb.who_text(action))]
    if action["when"]:
        parts.append(_("Hvornår: %(when)s", when=lb.when_text(action["when"])))
    parts.append(_("Udført") if action["done"] else _("Ikke udført endnu"))
    return " – ".join(parts)


def _follow_up(plan: dict) -> str:
    if not plan["next_follow_up"]:
        return _("Ingen opfølgning er planlagt.")
    lines = [_("Næste opfølgning er %(date)s.", date=lb.long_date(plan["next_follow_up"]))]
    for goal in plan["goals"]:
        if goal["next_follow_up"] and goal["lifecycle"] in ("proposed", "active"):
            date = lb.long_date(goal["next_follow_up"])
            lines.append(f"{INDENT}{_one_line(goal['text'])} – {date}")
    return "\n".join(lines)


def _evaluations(plan: dict) -> str:
    parts = []
    for goal in plan["goals"]:
        if goal["evaluations"]:
            lines = [_("Mål: %(text)s", text=_one_line(goal["text"]))]
            lines += [_evaluation(evaluation) for evaluation in goal["evaluations"]]
            parts.append("\n\n".join(lines))
    return "\n\n".join(parts) or _("Ingen evalueringer endnu.")


def _evaluation(evaluation: dict) -> str:
    head = _(
        "%(date)s, skrevet af %(author)s.",
        date=lb.long_date(evaluation["date"]), author=lb.written_by_text(evaluation),
    )
    if evaluation["status"]:
        head += " " + _("Status: %(status)s.", status=lb.colour_word(evaluation["status"]))
    lines = [head, evaluation["text"].strip()]
    if evaluation["what_happened"]:
        lines.append(_("Hvad skete der: %(text)s", text=evaluation["what_happened"].strip()))
    if evaluation["next_step"]:
        lines.append(_("Næste skridt: %(text)s", text=evaluation["next_step"].strip()))
    agrees = lb.agrees_text(evaluation, first_person=False)
    if agrees:
        lines.append(agrees)
    if evaluation["resident_view"]:
        lines.append(_("Beboerens egen mening: %(text)s", text=evaluation["resident_view"].strip()))
    return "\n".join(lines)
