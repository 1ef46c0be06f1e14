"""The udredning summary: the resident's wishes and dreams grouped per FFB top theme.

Dreams, activity wishes and goals are placed under the top theme (e.g. Relationer) of
their FFB theme, in the order of KL's code system; a code this version of FFB does not
know keeps its own group, and items without a theme come last under "Uden tema".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from samtale import ffb
from samtale.export import labels as lb
from samtale.i18n import gettext as _

INDENT = "  "


@dataclass(frozen=True)
class ThemeItem:
    kind: str  # dream, activity_wish, goal
    kind_label: str  # Drøm, Aktivitetsønske, Mål
    text: str  # the resident's own words
    subtheme: str  # the item's own FFB theme display ('' without a theme)


@dataclass
class ThemeGroup:
    theme_code: str | None  # the FFB top theme's code; None for "Uden tema"
    theme_display: str
    items: list[ThemeItem] = field(default_factory=list)


def _entries(plan: dict):
    kinds = (
        ("dream", _("Drøm"), plan["dreams"]),
        ("activity_wish", _("Aktivitetsønske"), plan["activity_wishes"]),
        ("goal", _("Mål"), plan["goals"]),
    )
    for kind, label, items in kinds:
        for item in items:
            yield item.get("ffb_theme"), ThemeItem(kind, label, item["text"], lb.theme_text(item))


def _group_key(theme: dict | None) -> tuple[str | None, str]:
    if theme is None:
        return None, _("Uden tema")
    top = ffb.top_theme(theme["code"])
    return (top.code, top.display) if top else (theme["code"], theme["display"])


def udredning_summary(plan: dict) -> list[ThemeGroup]:
    """The groups that hold at least one item, FFB order first, "Uden tema" last."""
    with lb.in_plan_language(plan):
        groups: dict[str | None, ThemeGroup] = {}
        for theme, item in _entries(plan):
            code, display = _group_key(theme)
            groups.setdefault(code, ThemeGroup(code, display)).items.append(item)
    order = {c.code: i for i, c in enumerate(ffb.themes()) if c.depth == 2}
    return sorted(
        groups.values(),
        key=lambda g: (g.theme_code is None, order.get(g.theme_code, len(order)), g.theme_display),
    )


def udredning_text(plan: dict) -> str:
    """The summary as plain text to paste into the udredning."""
    groups = udredning_summary(plan)
    with lb.in_plan_language(plan):
        resident = plan["resident"]
        lines = [
            _("Ønsker og drømme pr. FFB-tema"),
            _(
                "%(name)s, %(unit)s, %(date)s", name=resident["display_name"],
                unit=resident["unit"], date=lb.long_date(lb.plan_date(plan)),
            ),
        ]
        if not groups:
            lines += ["", _("Intet skrevet endnu.")]
        for group in groups:
            lines += ["", group.theme_display]
            lines += [INDENT + _item_line(item, group) for item in group.items]
    return "\n".join(lines) + "\n"


def _item_line(item: ThemeItem, group: ThemeGroup) -> str:
    line = f"{item.kind_label}: {' '.join(item.text.split())}"
    if item.subtheme and item.subtheme != group.theme_display:
        line += f" ({item.subtheme})"
    return line
