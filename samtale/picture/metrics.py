"""How wide a line of text is, so the picture can wrap and shorten the resident's words.

The advance widths are DejaVu Sans and DejaVu Sans Bold (read once from the font files with
fontTools and copied here, in thousandths of an em). The SVG asks for "DejaVu Sans,
system-ui, sans-serif"; the system fonts a browser falls back to are narrower, so a line
measured here never runs out of its box.
"""

from __future__ import annotations

import unicodedata

# U+0020 to U+007E, then U+00A0 to U+00FF.
_REGULAR = (
    "318 401 460 838 636 950 780 275 390 390 500 838 318 361 318 337 636 636 636 636 636 636 "
    "636 636 636 636 337 337 838 838 838 531 1000 684 686 698 770 632 575 775 752 295 295 656 "
    "557 863 748 787 603 787 695 635 611 732 684 989 685 611 685 390 337 390 838 500 500 613 "
    "635 550 635 615 352 635 634 278 278 579 278 974 634 612 635 635 411 521 392 634 592 818 "
    "592 592 525 636 337 636 838",
    "318 401 636 636 636 636 337 500 500 1000 471 612 838 361 1000 500 500 838 401 401 500 636 "
    "636 318 500 401 471 612 969 969 969 531 684 684 684 684 684 684 974 698 632 632 632 632 "
    "295 295 295 295 775 748 787 787 787 787 787 838 787 732 732 732 732 611 605 630 613 613 "
    "613 613 613 613 982 550 615 615 615 615 278 278 278 278 612 634 612 612 612 612 612 838 "
    "612 634 634 634 634 592 635 592",
)
_BOLD = (
    "348 456 521 838 696 1002 872 306 457 457 523 838 380 415 380 365 696 696 696 696 696 696 "
    "696 696 696 696 400 400 838 838 838 580 1000 774 762 734 830 683 683 821 837 372 372 775 "
    "637 995 837 850 733 850 770 720 682 812 774 1103 771 724 725 457 365 457 838 500 500 675 "
    "716 593 716 678 435 716 712 343 343 665 343 1042 712 687 716 716 493 595 478 712 652 924 "
    "645 652 582 712 365 712 838",
    "348 456 696 696 636 696 365 500 500 1000 564 646 838 415 1000 500 500 838 438 438 500 736 "
    "636 380 500 438 564 646 1035 1035 1035 580 774 774 774 774 774 774 1085 734 683 683 683 "
    "683 372 372 372 372 838 837 850 850 850 850 850 838 850 812 812 812 812 724 738 719 675 "
    "675 675 675 675 675 1048 593 678 678 678 678 343 343 343 343 687 712 687 687 687 687 687 "
    "838 687 712 712 712 712 652 716 652",
)
# (regular, bold) for the punctuation Danish texts use beyond Latin-1.
_EXTRA = {
    "…": (1000, 1000), "–": (500, 500), "—": (1000, 1000), "‘": (318, 380), "’": (318, 380),
    "“": (518, 657), "”": (518, 657), "•": (590, 639), "€": (636, 696),
}
ELLIPSIS = "…"


def _table(rows: tuple[str, str]) -> dict[str, int]:
    ascii_, latin1 = (list(map(int, row.split())) for row in rows)
    table = {chr(32 + i): width for i, width in enumerate(ascii_)}
    table.update({chr(160 + i): width for i, width in enumerate(latin1)})
    return table


_WIDTHS = (_table(_REGULAR), _table(_BOLD))


def char_width(char: str, bold: bool = False) -> int:
    """The advance of `char` in thousandths of an em."""
    known = _WIDTHS[bold].get(char)
    if known is not None:
        return known
    if char in _EXTRA:
        return _EXTRA[char][bold]
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1275 if ord(char) >= 0x1F000 else 1000  # colour emoji are wider than an em
    return 700 if bold else 640


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width in px of `text` at font size `size`."""
    return sum(char_width(char, bold) for char in text) * size / 1000


def _split_long(word: str, width: float, size: float, bold: bool) -> list[str]:
    """A word wider than the line, in pieces that fit (at least one character each)."""
    pieces, current = [], ""
    for char in word:
        if current and text_width(current + char, size, bold) > width:
            pieces.append(current)
            current = ""
        current += char
    return pieces + [current] if current else pieces


def _lines(words: list[str], width: float, size: float, bold: bool) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        pieces = _split_long(word, width, size, bold)
        lines.extend(pieces[:-1])
        current = pieces[-1]
    return lines + [current] if current else lines


def shorten(line: str, width: float, size: float, bold: bool = False) -> str:
    """`line` cut so that it and a closing '…' fit in `width`."""
    while line and text_width(line + ELLIPSIS, size, bold) > width:
        line = line[:-1]
    return line.rstrip(" ,.;:-–") + ELLIPSIS


def wrap(
    text: str, width: float, size: float, *, max_lines: int, bold: bool = False
) -> tuple[list[str], bool]:
    """`text` in at most `max_lines` lines no wider than `width`, and whether it had to be
    shortened (the last line then ends with '…')."""
    lines = _lines(text.split(), width, size, bold)
    if len(lines) <= max_lines:
        return lines, False
    kept = lines[:max_lines]
    kept[-1] = shorten(kept[-1], width, size, bold)
    return kept, True
