"""What is wrong with a bank file, where, and what to do about it.

A Problem keeps its Danish message id and variables and is translated when it is shown
(`problem.text()`, `str(problem)`), so a list loaded once at start can be shown in
Danish or English later. Modules that create problems mark their message ids with
`_ = message_id`, which pybabel extracts like any `_()` call.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from samtale.i18n import gettext


def message_id(message: str) -> str:
    """Mark a Danish message id for extraction without translating it yet."""
    return message


_ = message_id


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one bank file.

    `message` says what is wrong and `fix` what to do (both Danish message ids with
    %(name)s variables from `params`); `suggestion` is a close correct spelling."""

    file: str
    message: str
    fix: str = ""
    line: int | None = None
    bank_id: str | None = None
    question_id: str | None = None
    params: dict[str, object] = field(default_factory=dict, hash=False)
    suggestion: str | None = None

    def _fill(self, message: str) -> str:
        text = gettext(message)
        try:
            return text % self.params if self.params else text
        except (KeyError, ValueError, TypeError):
            return text

    def text(self) -> str:
        """What is wrong and what to do, in the current locale."""
        parts = [self._fill(self.message)]
        if self.suggestion:
            parts.append(gettext("Mente du '%(suggestion)s'?", suggestion=self.suggestion))
        if self.fix:
            parts.append(self._fill(self.fix))
        return " ".join(parts)

    def where(self) -> str:
        """The file, line and question, in the current locale."""
        parts = [self.file]
        if self.line:
            parts.append(gettext("linje %(line)s", line=self.line))
        if self.question_id:
            parts.append(gettext("spørgsmål '%(id)s'", id=self.question_id))
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.where()}: {self.text()}"


def closest(word: object, candidates: Iterable[str]) -> str | None:
    """The candidate closest to `word` when one is close enough (a "did you mean")."""
    if not isinstance(word, str):
        return None
    lowered = {c.lower(): c for c in candidates}
    if word.lower() in lowered:
        return lowered[word.lower()]
    found = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[found[0]] if found else None


_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\s\"']+?)\s*\]\]?\s*(#.*)?$")


class SourceMap:
    """Finds line numbers in a bank's source text: table headers such as
    [[section.question]] and the key lines inside each block. Lines are 1-based."""

    def __init__(self, text: str):
        self.lines = text.splitlines()
        self.headers: list[tuple[int, str]] = []
        for number, line in enumerate(self.lines, start=1):
            match = _HEADER.match(line)
            if match:
                self.headers.append((number, re.sub(r"\s+", "", match.group(1))))

    def block(self, name: str, index: int) -> int | None:
        """The header line of the index-th [[name]] block, if the file has it."""
        found = [number for number, header in self.headers if header == name]
        return found[index] if 0 <= index < len(found) else None

    def _block_end(self, start: int) -> int:
        later = [number for number, _header in self.headers if number > start]
        return later[0] if later else len(self.lines) + 1

    def key(self, start: int | None, key: str) -> int | None:
        """The line of `key` (or `key.xx`; for "text.en" that line, else the "text" line)
        in the block whose header is on line `start` (None: the top of the file, before
        the first header), or of a [[key]] header."""
        begin = start or 0
        end = self._block_end(begin)
        for candidate in dict.fromkeys((key, key.split(".")[0])):
            pattern = re.compile(rf"^\s*{re.escape(candidate)}\s*[.=]")
            for number in range(begin + 1, end):
                if pattern.match(self.lines[number - 1]):
                    return number
        return next((number for number, header in self.headers if header == key), None)

    def value(self, text: str, after: int | None = None) -> int | None:
        """The first line (after line `after`) that holds the quoted text `text`."""
        needles = (f'"{text}"', f"'{text}'")
        for number in range((after or 0) + 1, len(self.lines) + 1):
            if any(needle in self.lines[number - 1] for needle in needles):
                return number
        return None
