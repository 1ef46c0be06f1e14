"""The drawings: an icon for each life area (32 x 32), a symbol for each kind of item
(20 x 20) and a small mark for each goal state (12 x 12, centred on 0, 0). Shapes differ
as well as colours, so the picture also reads in black-and-white print."""

from __future__ import annotations

from samtale.picture.svg import el, group

INK = "#1f1f1f"
WHITE = "#ffffff"
# A goal's state: (flag and mark colour, its dark edge).
STATE_COLOURS = {
    "green": ("#2e7d4f", "#1d5234"), "yellow": ("#e3b417", "#6e5600"),
    "red": ("#c0392b", "#7d2219"), "achieved": ("#2e7d4f", "#1d5234"),
    "new": (WHITE, "#4a4a4a"), "proposed": (WHITE, "#4a4a4a"),
}


def _stroke(d: str, colour: str, width: float = 2.2, fill: str = "none") -> str:
    return el("path", d=d, fill=fill, stroke=colour, stroke_width=width,
              stroke_linecap="round", stroke_linejoin="round")


def _house(ink: str) -> str:
    return (_stroke("M7 14.5 L16 6.5 L25 14.5 V27 H7 Z", ink, fill=WHITE)
            + _stroke("M4 16.5 L16 5.5 L28 16.5", ink, 2.6)
            + _stroke("M13.5 27 V20.5 H18.5 V27", ink))


def _cup(ink: str) -> str:
    return (_stroke("M7 13 H23 V19.5 A6.5 6.5 0 0 1 16.5 26 H13.5 A6.5 6.5 0 0 1 7 19.5 Z",
                    ink, fill=WHITE)
            + _stroke("M23 15 H24.5 A3 3 0 0 1 24.5 21 H22.5", ink)
            + _stroke("M12 3.5 Q10 6.5 12 9.5 M17.5 3.5 Q15.5 6.5 17.5 9.5", ink, 1.8)
            + _stroke("M5 29 H25", ink))


def _note(ink: str) -> str:
    return (_stroke("M13.5 23 V8.5 L26.5 5.5 V20", ink)
            + _stroke("M13.5 8.5 L26.5 5.5", ink, 3.6)
            + el("ellipse", cx=10, cy=23.5, rx=4, ry=3.2, fill=ink)
            + el("ellipse", cx=23, cy=20.5, rx=4, ry=3.2, fill=ink))


def _leaf(ink: str) -> str:
    return (_stroke("M6 26 C6 13 15 6 27 5 C27 17 19 26 6 26 Z", ink, fill=WHITE)
            + _stroke("M5 28 L19.5 13.5 M12 20 H17 M12 20 V15", ink, 1.8))


def _briefcase(ink: str) -> str:
    return (el("rect", x=4, y=11, width=24, height=16, rx=3, fill=WHITE, stroke=ink,
               stroke_width=2.2)
            + _stroke("M12 11 V8.5 A2 2 0 0 1 14 6.5 H18 A2 2 0 0 1 20 8.5 V11", ink)
            + _stroke("M4 18 H28", ink, 1.8)
            + el("rect", x=14, y=16, width=4, height=4.5, rx=1, fill=ink))


def _cloud(ink: str) -> str:
    return (_stroke("M9 21 H23 A5 5 0 0 0 23.5 11 A7 7 0 0 0 10.5 9.5 A5.8 5.8 0 0 0 9 21 Z",
                    ink, fill=WHITE)
            + el("circle", cx=9, cy=26, r=2.2, fill=WHITE, stroke=ink, stroke_width=1.8)
            + el("circle", cx=5, cy=29.5, r=1.4, fill=ink))


def _coins(ink: str) -> str:
    coin = ""
    for cx, cy in ((12, 19.5), (20.5, 12.5)):
        coin += el("circle", cx=cx, cy=cy, r=8, fill=WHITE, stroke=ink, stroke_width=2.2)
        coin += el("circle", cx=cx, cy=cy, r=4, fill="none", stroke=ink, stroke_width=1.6)
    return coin


def _flower(ink: str) -> str:
    petals = "".join(
        el("circle", cx=cx, cy=cy, r=5, fill=WHITE, stroke=ink, stroke_width=2)
        for cx, cy in ((16, 8.5), (23.1, 13.7), (20.4, 22.1), (11.6, 22.1), (8.9, 13.7))
    )
    return petals + el("circle", cx=16, cy=16, r=4, fill=ink)


AREA_ICONS = {
    "house": _house, "cup": _cup, "note": _note, "leaf": _leaf, "briefcase": _briefcase,
    "cloud": _cloud, "coins": _coins, "flower": _flower,
}


def area_icon(icon: str, ink: str) -> str:
    return AREA_ICONS[icon](ink)


STAR = "M10 1.2 L12.5 7 L18.8 7.4 L14 11.5 L15.5 17.7 L10 14.4 L4.5 17.7 L6 11.5 L1.2 7.4 L7.5 7 Z"


def _star() -> str:
    return el("path", d=STAR, fill="#f4c542", stroke="#6b4d00", stroke_width=1.3,
              stroke_linejoin="round")


def _flag(state: str) -> str:
    colour, edge = STATE_COLOURS[state]
    dash = "2.5 2" if state == "proposed" else None
    return (_stroke("M4 1.5 V19", INK, 2)
            + el("path", d="M5 2.5 H17 L13.8 7.3 L17 12 H5 Z", fill=colour, stroke=edge,
                 stroke_width=1.4, stroke_linejoin="round", stroke_dasharray=dash))


def _heart() -> str:
    return el("path", d=("M10 17.5 C3 12.5 1.5 9 3 6 C4.5 3 8.5 3 10 6.5 C11.5 3 15.5 3 17 6 "
                         "C18.5 9 17 12.5 10 17.5 Z"),
              fill="#f08f8f", stroke="#7a1f2b", stroke_width=1.3, stroke_linejoin="round")


def _people() -> str:
    style = {"fill": "#8fb4de", "stroke": "#1e3f66", "stroke_width": 1.2}
    return (el("circle", cx=13.8, cy=5.2, r=3, **style)
            + el("path", d="M8.6 16.5 A5.2 5.2 0 0 1 19 16.5 Z", **style)
            + el("circle", cx=7.2, cy=7.6, r=3.3, **style)
            + el("path", d="M1.5 19 A5.7 5.7 0 0 1 12.9 19 Z", **style))


def _balloon() -> str:
    return (el("ellipse", cx=10, cy=7.8, rx=6, ry=6.8, fill="#93d3ac", stroke="#1f5a3a",
               stroke_width=1.3)
            + el("path", d="M8.8 15.6 H11.2 L10 14.3 Z", fill="#1f5a3a")
            + _stroke("M10 15.6 Q7.8 17.4 10 19.6", "#1f5a3a", 1.2))


def kind_symbol(kind: str, state: str | None = None) -> str:
    """The 20 x 20 symbol in front of an item."""
    if kind == "goal":
        return _flag(state or "new")
    return {"dream": _star, "resource": _heart, "network": _people,
            "activity": _balloon}[kind]()


def state_mark(state: str) -> str:
    """The 12 x 12 mark beside a goal's state word, centred on (0, 0)."""
    colour, edge = STATE_COLOURS[state]
    if state == "achieved":
        return group(_star(), x=-8, y=-8.4, scale=0.8)
    if state == "green":
        return (el("circle", r=6.5, fill=colour)
                + _stroke("M-3.2 0.2 L-1 2.6 L3.4 -2.4", WHITE, 1.8))
    if state == "yellow":
        return (el("circle", r=5.8, fill=WHITE, stroke=edge, stroke_width=1.4)
                + el("path", d="M0 -5.8 A5.8 5.8 0 0 0 0 5.8 Z", fill=colour, stroke=edge,
                        stroke_width=1.4))
    if state == "red":
        return el("circle", r=5, fill="none", stroke=colour, stroke_width=3)
    dash = "2 1.6" if state == "proposed" else None
    return el("circle", r=5.5, fill=WHITE, stroke=edge, stroke_width=1.6, stroke_dasharray=dash)
