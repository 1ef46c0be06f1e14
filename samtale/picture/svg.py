"""Small builders for SVG markup. Every text and attribute value passes through `esc`,
which also drops the characters XML 1.0 does not allow, so whatever a resident typed
the picture stays well-formed XML and shows the text as text."""

from __future__ import annotations

import html
import re

FONT_FAMILY = "DejaVu Sans, system-ui, sans-serif"
# Characters XML 1.0 forbids (C0 controls but tab/newline/return, lone surrogates,
# U+FFFE and U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: object) -> str:
    """`text` without the characters XML cannot hold."""
    return _NOT_XML.sub("", str(text))


def esc(text: object) -> str:
    """`text` escaped for XML content and attribute values (& < > \" ')."""
    return html.escape(clean(text), quote=True)


def num(value: float) -> str:
    """A coordinate with at most one decimal: 12, 12.5."""
    return f"{round(value, 1):g}"


def attrs(**values: object) -> str:
    """Keyword arguments as XML attributes: font_size="16" becomes font-size="16"; None is
    left out; numbers are rounded with `num`."""
    out = []
    for key, value in values.items():
        if value is None:
            continue
        if isinstance(value, float | int) and not isinstance(value, bool):
            value = num(value)
        out.append(f' {key.rstrip("_").replace("_", "-")}="{esc(value)}"')
    return "".join(out)


def el(tag: str, content: str = "", **values: object) -> str:
    """An element; `content` is markup that is already escaped (or empty)."""
    if content:
        return f"<{tag}{attrs(**values)}>{content}</{tag}>"
    return f"<{tag}{attrs(**values)}/>"


def title(text: str) -> str:
    """A <title> child: the tooltip that holds an item's whole text."""
    return f"<title>{esc(text)}</title>"


def text(
    x: float, y: float, content: str, *, size: float, fill: str, bold: bool = False,
    italic: bool = False, anchor: str | None = None,
) -> str:
    """One line of text; `content` is plain text and is escaped here."""
    return (
        f"<text{attrs(x=x, y=y, font_size=size, fill=fill)}"
        f"{attrs(font_weight='bold' if bold else None, font_style='italic' if italic else None)}"
        f"{attrs(text_anchor=anchor)}>{esc(content)}</text>"
    )


def group(content: str, *, x: float = 0, y: float = 0, scale: float = 1, **values: object) -> str:
    """A <g> moved to (x, y) and scaled; drawing in a small local box."""
    transform = f"translate({num(x)} {num(y)})"
    if scale != 1:
        transform += f" scale({scale:g})"
    return el("g", content, transform=transform, **values)
