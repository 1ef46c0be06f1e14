"""One life area on the picture: a rounded card with its icon and name, and up to four of
the resident's items, each with its symbol and its text on a few short lines. What does
not fit is counted ("+3 mere") and kept whole in a tooltip, so nothing overlaps."""

from __future__ import annotations

from dataclasses import dataclass

from samtale.i18n import gettext as _
from samtale.picture import icons
from samtale.picture.areas import LifeArea, prompt
from samtale.picture.content import KINDS, Entry, kind_label, state_word
from samtale.picture.metrics import text_width, wrap
from samtale.picture.svg import el, group, text, title

TEXT_SIZE = 16
LINE_H = 20.5
ITEM_GAP = 9
PAD = 18
HEAD_H = 56
SYMBOL_W = 29
MAX_VISIBLE = 4
PILL_H = 24
PILL_SIZE = 14
MORE_SIZE = 15
MORE_H = 22
TEXT_INK = icons.INK


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Block:
    entry: Entry
    lines: list[str]
    pill_inline: bool
    height: float


def pill_width(state: str) -> float:
    return 9 + 13 + 6 + text_width(state_word(state), PILL_SIZE, bold=True) + 11


def layout_entry(entry: Entry, width: float, max_lines: int) -> Block:
    """How an entry's text wraps in `width` and how tall it is."""
    lines, _cut = wrap(entry.text, width, TEXT_SIZE, max_lines=max_lines)
    height = len(lines) * LINE_H
    inline = True
    if entry.state:
        room = width - text_width(lines[-1], TEXT_SIZE) - 10
        inline = pill_width(entry.state) <= room
        height += 0 if inline else PILL_H + 4
    return Block(entry, lines, inline, height)


def by_turns(entries: list[Entry]) -> list[Entry]:
    """`entries` taking turns by kind (a dream, a goal, an activity wish, ..., then the
    next dream), so that a full area still shows some of each kind."""
    queues = [[e for e in entries if e.kind == kind] for kind in KINDS]
    turns = []
    for round_ in range(max(map(len, queues), default=0)):
        turns.extend(queue[round_] for queue in queues if round_ < len(queue))
    return turns


def fit(entries: list[Entry], width: float, room: float) -> tuple[list[Block], list[Entry]]:
    """The blocks that fit in `room` px of height (at most MAX_VISIBLE, leaving space for
    the "+N mere" line when some are left over), in kind order, and the entries left
    over."""
    max_lines = 3 if len(entries) <= 2 else 2
    turns = by_turns(entries)
    shown: list[Block] = []
    used = 0.0
    for index, entry in enumerate(turns):
        block = layout_entry(entry, width, max_lines)
        more = MORE_H if index + 1 < len(turns) else 0
        if len(shown) == MAX_VISIBLE or used + block.height + more > room:
            break
        shown.append(block)
        used += block.height + ITEM_GAP
    rank = {id(entry): index for index, entry in enumerate(entries)}
    shown.sort(key=lambda block: rank[id(block.entry)])
    hidden = sorted(turns[len(shown):], key=lambda entry: rank[id(entry)])
    return shown, hidden


def pill(state: str, x: float, mid: float) -> str:
    colour, edge = icons.STATE_COLOURS[state]
    border = edge if colour == icons.WHITE else colour
    return (
        el("rect", x=x, y=mid - PILL_H / 2, width=pill_width(state), height=PILL_H,
           rx=PILL_H / 2, fill=icons.WHITE, stroke=border, stroke_width=1.8)
        + group(icons.state_mark(state), x=x + 15.5, y=mid)
        + text(x + 28, mid + 5, state_word(state), size=PILL_SIZE, fill=TEXT_INK, bold=True)
    )


def draw_block(block: Block, x: float, top: float) -> str:
    """An item: its symbol, its lines, a goal's state, and the whole text as tooltip."""
    entry = block.entry
    text_x = x + SYMBOL_W
    parts = [title(f"{kind_label(entry.kind)}: {entry.text}"),
             group(icons.kind_symbol(entry.kind, entry.state), x=x, y=top)]
    for number, line in enumerate(block.lines):
        parts.append(text(text_x, top + 16 + number * LINE_H, line, size=TEXT_SIZE,
                          fill=TEXT_INK))
    if entry.state:
        last = top + 16 + (len(block.lines) - 1) * LINE_H
        if block.pill_inline:
            parts.append(pill(entry.state, text_x + text_width(block.lines[-1], TEXT_SIZE)
                               + 10, last - 5))
        else:
            parts.append(pill(entry.state, text_x, last + 6 + PILL_H / 2))
    return el("g", "".join(parts), class_="sk-item", data_kind=entry.kind,
              data_state=entry.state)


def _more(hidden: list[Entry], x: float, top: float, ink: str) -> str:
    label = _("+%(num)s mere", num=len(hidden))
    whole = "\n".join(f"{kind_label(e.kind)}: {e.text}" for e in hidden)
    return el("g", title(whole) + text(x + SYMBOL_W, top + 16, label, size=MORE_SIZE,
                                        fill=ink, bold=True), class_="sk-more")


def _heading(area: LifeArea, box: Box, lang: str) -> str:
    name = area.name(lang)
    room = box.w - 2 * PAD - 42
    size = 21.0
    while size > 15 and text_width(name, size, bold=True) > room:
        size -= 1
    return (group(icons.area_icon(area.icon, area.ink), x=box.x + PAD, y=box.y + 12)
            + text(box.x + PAD + 42, box.y + 36, name, size=size, fill=area.ink, bold=True)
            + el("path", d=f"M{box.x + PAD} {box.y + HEAD_H - 8} H{box.x + box.w - PAD}",
                 stroke=area.edge, stroke_width=1.5, stroke_linecap="round"))


def _write_lines(area: LifeArea, box: Box, top: float, right: float) -> str:
    """Dotted lines from `top` down, to write more on by hand when printed."""
    out = []
    y = top + 30
    while y < box.y + box.h - PAD:
        out.append(el("path", d=f"M{box.x + PAD} {y} H{right}", stroke=area.edge,
                      stroke_width=1.5, stroke_dasharray="2 5", stroke_linecap="round"))
        y += 34
    return "".join(out)


def _invitation(area: LifeArea, box: Box) -> str:
    """An empty area: a question to talk about, lines to write on and the area's icon,
    faint."""
    lines, _cut = wrap(prompt(area.key), box.w - 2 * PAD, TEXT_SIZE, max_lines=3)
    top = box.y + HEAD_H + 4
    out = [text(box.x + PAD, top + 16 + n * LINE_H, line, size=TEXT_SIZE, fill=area.ink,
                italic=True) for n, line in enumerate(lines)]
    out.append(_write_lines(area, box, top + len(lines) * LINE_H, box.x + box.w - PAD - 84))
    out.append(group(icons.area_icon(area.icon, area.ink), x=box.x + box.w - PAD - 66,
                     y=box.y + box.h - PAD - 66, scale=2, opacity=0.16))
    return "".join(out)


def draw_tile(area: LifeArea, entries: list[Entry], box: Box, lang: str) -> str:
    """The area's card with what fits of `entries`."""
    parts = [el("rect", x=box.x, y=box.y + 4, width=box.w, height=box.h, rx=22,
                fill=area.edge, opacity=0.35),
             el("rect", x=box.x, y=box.y, width=box.w, height=box.h, rx=22, fill=area.fill,
                stroke=area.edge, stroke_width=2, class_="sk-card"),
             _heading(area, box, lang)]
    if not entries:
        parts.append(_invitation(area, box))
        return el("g", "".join(parts), class_="sk-area", data_area=area.key)
    x = box.x + PAD
    width = box.w - 2 * PAD - SYMBOL_W
    top = box.y + HEAD_H
    shown, hidden = fit(entries, width, box.y + box.h - 10 - top)
    for block in shown:
        parts.append(draw_block(block, x, top))
        top += block.height + ITEM_GAP
    if hidden:
        parts.append(_more(hidden, x, top, area.ink))
    else:
        parts.append(_write_lines(area, box, top - ITEM_GAP, box.x + box.w - PAD))
    return el("g", "".join(parts), class_="sk-area", data_area=area.key)
