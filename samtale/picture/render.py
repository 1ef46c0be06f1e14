"""The whole samtalekort: the resident's name in a sun in the middle, the eight life areas
around it, and a legend below. Pure string assembly; every text escaped in samtale.picture.svg.
"""

from __future__ import annotations

import hashlib
import json
import math
import threading
from collections import OrderedDict

from samtale import i18n
from samtale.export import labels as lb
from samtale.i18n import gettext as _
from samtale.i18n import ngettext
from samtale.picture import icons
from samtale.picture.areas import life_areas
from samtale.picture.content import (
    KINDS,
    STATES,
    describe_lines,
    entries_by_area,
    kind_label,
    owner,
    owner_title,
)
from samtale.picture.metrics import shorten, text_width, wrap
from samtale.picture.svg import FONT_FAMILY, el, esc, group, text
from samtale.picture.tile import Box, draw_tile, pill, pill_width

WIDTH, HEIGHT = 1200, 880
MARGIN = 22
GAP = 16
LEGEND_H = 70
PAPER = "#fffaf1"
PAPER_EDGE = "#e8dcc4"
SUN = ("#ffe7a3", "#f0b429", "#4a3300")  # fill, rays and edge, text
LEGEND_SIZE = 15


def _boxes() -> tuple[list[Box], Box]:
    """The eight area boxes in reading order and the centre box."""
    w = (WIDTH - 2 * MARGIN - 2 * GAP) / 3
    h = (HEIGHT - 2 * MARGIN - LEGEND_H - GAP - 2 * GAP) / 3
    cells = [Box(MARGIN + col * (w + GAP), MARGIN + row * (h + GAP), w, h)
             for row in range(3) for col in range(3)]
    return cells[:4] + cells[5:], cells[4]


def _fitted(line: str, width: float, size: float, smallest: float,
            bold: bool = True) -> tuple[str, float, bool]:
    """A line at the largest size from `size` down to `smallest` at which it fits in
    `width`, shortened with '…' if it does not fit even then."""
    while size > smallest and text_width(line, size, bold) > width:
        size -= 1
    if text_width(line, size, bold) > width:
        line = shorten(line, width, size, bold)
    return line, size, bold


def _sun_lines(plan: dict, title: str | None, empty: bool) -> list[tuple[str, float, bool]]:
    """(text, size, bold) for each line in the sun."""
    name = owner(plan) if title is None else None
    if name:
        lines = [_fitted(name, 180, 34, 20), _fitted(_("samtalekort"), 170, 20, 15, False)]
    else:
        words, _cut = wrap(title or owner_title(plan), 180, 26, max_lines=3, bold=True)
        lines = [_fitted(word, 180, 26, 16) for word in words]
    if empty:
        invitation, _cut = wrap(_("Her kan dine drømme og mål komme til at stå"), 150, 15,
                                max_lines=4)
        return lines + [(line, 15, False) for line in invitation]
    made = lb.long_date(lb.plan_date(plan)) if plan.get("generated_at") else ""
    return lines + ([(made, 14, False)] if made else [])


def _sun(box: Box, lines: list[tuple[str, float, bool]]) -> str:
    fill, ray, ink = SUN
    cx, cy, r = box.x + box.w / 2, box.y + box.h / 2, 101
    rays = "".join(
        f"M{cx + (r + 8) * math.cos(a):.1f} {cy + (r + 8) * math.sin(a):.1f} "
        f"L{cx + (r + 19) * math.cos(a):.1f} {cy + (r + 19) * math.sin(a):.1f} "
        for a in (math.pi * k / 8 for k in range(16))
    )
    out = [el("path", d=rays.strip(), stroke=ray, stroke_width=4, stroke_linecap="round"),
           el("circle", cx=cx, cy=cy, r=r, fill=fill, stroke=ray, stroke_width=3)]
    heights = [size * 1.25 for _t, size, _b in lines]
    y = cy - sum(heights) / 2
    for (line, size, bold), height in zip(lines, heights, strict=True):
        y += height
        out.append(text(cx, y - height * 0.25, line, size=size, fill=ink, bold=bold,
                        anchor="middle"))
    return el("g", "".join(out), class_="sk-sun")


def _legend_row(items: list[tuple[str, float, str]], y: float) -> str:
    """Symbols and words side by side, centred: (symbol markup, symbol width, label)."""
    widths = [w + (8 if w and label else 0) + text_width(label, LEGEND_SIZE)
              for _s, w, label in items]
    x = (WIDTH - sum(widths) - 26 * (len(items) - 1)) / 2
    out = []
    for (symbol, _w, label), width in zip(items, widths, strict=True):
        if symbol:
            out.append(group(symbol, x=x, y=y - 15))
        if label:
            out.append(text(x + width - text_width(label, LEGEND_SIZE), y, label,
                            size=LEGEND_SIZE, fill=icons.INK))
        x += width + 26
    return "".join(out)


def _legend(states: list[str]) -> str:
    top = HEIGHT - MARGIN - LEGEND_H
    kinds = [(icons.kind_symbol(k, "green" if k == "goal" else None), 20, kind_label(k))
             for k in KINDS]
    chips = [(pill(s, 0, 15), pill_width(s), "") for s in states]
    intro = _("Sådan går det med et mål:")
    row2 = [("", 0, intro)] + chips
    return el("g", el("rect", x=MARGIN, y=top, width=WIDTH - 2 * MARGIN, height=LEGEND_H,
                      rx=16, fill=icons.WHITE, stroke=PAPER_EDGE, stroke_width=1.5)
              + _legend_row(kinds, top + 28) + _legend_row(row2, top + 57), class_="sk-legend")


def _summary(groups: dict, title: str) -> str:
    """The aria-label: the title and how many of each kind ('4 drømme, 3 mål og ...')."""
    counts = {kind: sum(e.kind == kind for es in groups.values() for e in es) for kind in KINDS}
    counted = {
        "dream": lambda n: ngettext("%(num)d drøm", "%(num)d drømme", n),
        "goal": lambda n: ngettext("%(num)d mål", "%(num)d mål", n),
        "activity": lambda n: ngettext("%(num)d aktivitetsønske", "%(num)d aktivitetsønsker", n),
        "network": lambda n: ngettext("%(num)d person eller fællesskab",
                                      "%(num)d personer og fællesskaber", n),
        "resource": lambda n: ngettext("%(num)d styrke", "%(num)d styrker", n),
    }
    parts = [counted[kind](counts[kind]) for kind in KINDS if counts[kind]]
    if not parts:
        return _("%(title)s. Der står ikke noget endnu.", title=title)
    return f"{title}: {lb.names_text(parts)}."


_DRAWN: OrderedDict[tuple, str] = OrderedDict()
_DRAWN_LOCK = threading.Lock()
DRAWN_KEPT = 128


def _plan_key(plan: dict) -> str:
    """What a picture is drawn from: the whole plan but the moment it was built."""
    text = json.dumps({k: v for k, v in plan.items() if k != "generated_at"},
                      sort_keys=True, default=str)  # ASCII: any text, even a lone surrogate
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def render_svg(plan: dict, *, lang: str = "da", width: int = WIDTH,
               title: str | None = None) -> str:
    """The samtalekort of `plan` (a plan dict, docs/plan.schema.json) as an <svg> element:
    valid XML, no external references, no style attributes, `width` px wide at the
    picture's proportions. `title` replaces "Karins samtalekort".

    Drawing takes milliseconds and the same plan is shown again and again (Min plan, the
    printout, the PDF), so the last pictures drawn are kept by the plan's content."""
    key = (_plan_key(plan), lang, width, title)
    with _DRAWN_LOCK:
        if key in _DRAWN:
            _DRAWN.move_to_end(key)
            return _DRAWN[key]
    svg = _draw(plan, lang=lang, width=width, title=title)
    with _DRAWN_LOCK:
        _DRAWN[key] = svg
        while len(_DRAWN) > DRAWN_KEPT:
            _DRAWN.popitem(last=False)
    return svg


def _draw(plan: dict, *, lang: str, width: int, title: str | None) -> str:
    with i18n.locale(lang):
        groups = entries_by_area(plan)
        full_title = title or owner_title(plan)
        boxes, centre = _boxes()
        tiles = [draw_tile(area, groups[area.key], box, lang)
                 for area, box in zip(life_areas(), boxes, strict=True)]
        empty = not any(groups.values())
        present = {e.state for es in groups.values() for e in es if e.state}
        states = [s for s in STATES if s in ("green", "yellow", "red") or s in present]
        body = (
            f"<title>{esc(full_title)}</title>"
            f"<desc>{esc(chr(10).join(describe_lines(plan, full_title, groups)))}</desc>"
            + el("rect", x=1, y=1, width=WIDTH - 2, height=HEIGHT - 2, rx=26, fill=PAPER,
                 stroke=PAPER_EDGE, stroke_width=2)
            + _sun(centre, _sun_lines(plan, title, empty)) + "".join(tiles) + _legend(states)
        )
        return el("svg", body, xmlns="http://www.w3.org/2000/svg",
                  viewBox=f"0 0 {WIDTH} {HEIGHT}", width=width,
                  height=round(width * HEIGHT / WIDTH), role="img",
                  aria_label=_summary(groups, full_title), font_family=FONT_FAMILY,
                  class_="samtalekort-svg")
