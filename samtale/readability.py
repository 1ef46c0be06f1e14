"""LIX, the Scandinavian readability index: words per sentence plus the share of long
words in percent. Below 30 reads as very easy (children's books), 30-40 as easy.

    LIX = words / sentences + 100 * long_words / words

How this module counts:

- A word is a run of letters and digits; a hyphen or apostrophe inside it keeps the
  run together ("beboer-mentor" is one word), and so does a point or comma between two
  digits ("1.5"). Other signs separate words.
- A long word has more than 6 letters (digits do not count as letters).
- A sentence ends at '.', '!', '?' or ':' (a run of them counts once) followed by a
  space, a line break or the end of the text; a line break after a line without such a
  sign also ends a sentence (list items, headings). Text without any end sign is one
  sentence. A point between digits ("1.5") ends nothing.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W_]+(?:(?:['’-]|(?<=\d)[.,](?=\d))[^\W_]+)*")
_END = re.compile(r"[.!?:]+(?=\s|$)")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def sentence_count(text: str) -> int:
    count = 0
    for line in text.splitlines():
        if not words(line):
            continue
        ends = len(_END.findall(line.strip()))
        stripped = line.rstrip()
        count += ends if stripped.endswith((".", "!", "?", ":")) else ends + 1
    return max(count, 1)


def long_word(word: str) -> bool:
    return sum(1 for char in word if char.isalpha()) > 6


def lix(text: str) -> float:
    """The LIX of `text` (0.0 for text without words)."""
    found = words(text)
    if not found:
        return 0.0
    long_words = sum(1 for word in found if long_word(word))
    return len(found) / sentence_count(text) + 100 * long_words / len(found)
