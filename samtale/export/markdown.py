"""The plan as Markdown: the resident's own copy in a form any editor can open.

The resident's words are escaped so that a '*' or a '#' they typed stays a character
and never turns into formatting when the file is rendered.
"""

from __future__ import annotations

import re

from samtale.export import labels as lb
from samtale.i18n import gettext as _

_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_ENTITIES = {"<": "&lt;", ">": "&gt;"}
_MARKER = re.compile(r"^([#+\-=])")
_NUMBERED = re.compile(r"^(\d+)([.)])")


def escape(text: str, at_line_start: bool = True) -> str:
    """User text as literal Markdown (CommonMark and Python-Markdown alike): emphasis,
    link and code characters backslash-escaped, < and > as entities so no HTML gets
    through, and list or heading markers escaped where a line starts ("1. ", "- ",
    "# "); line breaks kept as hard breaks. `at_line_start=False` for text that follows
    a label on the same line."""
    text = _SPECIAL.sub(r"\\\1", text.strip())
    text = re.sub("[<>]", lambda m: _ENTITIES[m.group(0)], text)
    lines = text.splitlines() or [""]
    out = []
    for number, line in enumerate(lines):
        line = line.strip()
        if number or at_line_start:
            line = _NUMBERED.sub(r"\1\\\2", _MARKER.sub(r"\\\1", line))
        out.append(line)
    return "  \n".join(out)


def _indent(text: str, prefix: str = "  ") -> str:
    return text.replace("\n", "\n" + prefix)


def to_markdown(plan: dict) -> str:
    """Min plan as a Markdown document."""
    with lb.in_plan_language(plan):
        resident = plan["resident"]
        parts = [
            "# " + _("Min plan – %(name)s", name=escape(resident["display_name"], False)),
            _("Lavet %(date)s", date=lb.long_date(lb.plan_date(plan))),
            _section(_("Mine håb og drømme"), plan["dreams"]),
            _goals(plan["goals"]),
            _section(_("Mine ressourcer"), plan["resources"]),
            _section(_("Mit netværk og mine fællesskaber"), plan["network"]),
            _section(_("Aktiviteter jeg gerne vil"), plan["activity_wishes"]),
            "## " + _("Næste opfølgning") + "\n\n" + _next(plan),
            _history(plan["history"]),
        ]
    return "\n\n".join(parts) + "\n"


def _section(title: str, items: list[dict]) -> str:
    lines = [f"- {_indent(escape(item['text']))}" for item in items]
    return f"## {title}\n\n" + ("\n".join(lines) or _("Intet skrevet endnu."))


def _goals(goals: list[dict]) -> str:
    parts = ["## " + _("Mine mål")]
    parts += [_goal(number, goal) for number, goal in enumerate(goals, 1)]
    if not goals:
        parts.append(_("Intet skrevet endnu."))
    return "\n\n".join(parts)


def _goal(number: int, goal: dict) -> str:
    status = [lb.colour_word(goal["status"]), lb.lifecycle_word(goal["lifecycle"])]
    lines = [
        f"### {number}. {escape(goal['text'], at_line_start=False)}",
        "",
        f"- {_('Status')}: {', '.join(s for s in status if s)}",
        f"- {_('Måltype')}: {lb.goal_type_word(goal['goal_type'])}",
    ]
    if goal["ffb_theme"]:
        lines.append(f"- {_('Tema')}: {escape(goal['ffb_theme']['display'], at_line_start=False)}")
    if goal["next_follow_up"]:
        lines.append(f"- {_('Næste opfølgning')}: {lb.long_date(goal['next_follow_up'])}")
    blocks = ["\n".join(lines)]
    if goal["subgoals"]:
        blocks.append(f"**{_('Delmål')}**\n\n" + "\n".join(_subgoal(s) for s in goal["subgoals"]))
    if goal["actions"]:
        blocks.append(f"**{_('Handlinger')}**\n\n" + "\n".join(map(_action, goal["actions"])))
    if goal["evaluations"]:
        blocks.append(
            f"**{_('Sådan er det gået')}**\n\n" + "\n".join(map(_evaluation, goal["evaluations"]))
        )
    return "\n\n".join(blocks)


def _subgoal(sub: dict) -> str:
    status = [lb.lifecycle_word(sub["lifecycle"]), lb.colour_word(sub["status"])]
    return f"- {_indent(escape(sub['text']))} ({', '.join(s for s in status if s)})"


def _action(action: dict) -> str:
    mark = "[x]" if action["done"] else "[ ]"
    who = escape(lb.who_text(action), at_line_start=False)
    parts = [escape(action["what"]), f"{_('Hvem')}: {who}"]
    if action["when"]:
        parts.append(f"{_('Hvornår')}: {escape(lb.when_text(action['when']), at_line_start=False)}")
    return f"- {mark} " + " – ".join(parts)


def _evaluation(evaluation: dict) -> str:
    author = escape(lb.written_by_text(evaluation), at_line_start=False)
    head = f"- *{lb.long_date(evaluation['date'])}, {author}*"
    if evaluation["status"]:
        head += f" – {lb.colour_word(evaluation['status'])}"
    lines = [head, escape(evaluation["text"])]
    for label, key in ((_("Hvad skete der"), "what_happened"), (_("Næste skridt"), "next_step")):
        if evaluation[key]:
            lines.append(f"{label}: {escape(evaluation[key], at_line_start=False)}")
    if lb.agrees_text(evaluation):
        lines.append(lb.agrees_text(evaluation))
    if evaluation["resident_view"]:
        view = escape(evaluation["resident_view"], at_line_start=False)
        lines.append(f"{_('Min egen mening')}: {view}")
    return _indent("  \n".join(lines))


def _next(plan: dict) -> str:
    if not plan["next_follow_up"]:
        return _("Ingen opfølgning er planlagt.")
    return _("Næste gang vi følger op er %(date)s.", date=lb.long_date(plan["next_follow_up"]))


def _history(history: list[dict]) -> str:
    lines = [
        f"- {escape(lb.long_date(event['date']))}: {escape(event['text'], at_line_start=False)}"
        for event in history
    ]
    return "## " + _("Historik") + "\n\n" + ("\n".join(lines) or _("Intet endnu."))
