"""The small condition language of `show_if`, parsed by hand (never eval).

    show_if = "bolig == 'ja'"
    show_if = "trivsel <= 2 and not (hjaelp == 'nej')"
    show_if = "fritid in ['sport', 'musik'] or venner"

Grammar (keywords in lower case):

    expr    := and ('or' and)*
    and     := unary ('and' unary)*
    unary   := 'not' unary | '(' expr ')' | test
    test    := NAME                              the question is answered
             | NAME ('=='|'!=') VALUE
             | NAME ('<'|'<='|'>'|'>=') NUMBER   scale questions only
             | NAME ['not'] 'in' '[' VALUE (',' VALUE)* ']'
    VALUE   := 'text' | "text" | NUMBER

An unanswered question makes every comparison on it false (`not` turns that around).
For questions with several answers (multi_choice, life_area) `==` means "is among the
chosen", `in` means "any of these is chosen".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from samtale.banks.problems import message_id

_ = message_id  # messages are translated when the problem is shown

MAX_LENGTH = 500
MAX_DEPTH = 20

_TOKEN = re.compile(
    r"\s*(?:(?P<string>'[^']*'|\"[^\"]*\")|(?P<number>-?\d+)(?![\w])|(?P<name>[^\W\d]\w*)"
    r"|(?P<op>==|!=|<=|>=|<|>|=|\(|\)|\[|\]|,))"
)
KEYWORDS = ("and", "or", "not", "in")
DANISH_KEYWORDS = {"og": "and", "eller": "or", "ikke": "not"}
NUMERIC_OPS = ("<", "<=", ">", ">=")


class ConditionError(Exception):
    """A condition that cannot be read. `message` is an untranslated Danish message id,
    `params` its variables and `fix` what to do (also a message id)."""

    def __init__(self, message: str, fix: str = "", **params: object):
        super().__init__(message)
        self.message, self.fix, self.params = message, fix, params


@dataclass(frozen=True)
class Answered:
    name: str


@dataclass(frozen=True)
class Compare:
    name: str
    op: str  # ==, !=, <, <=, >, >=, in, not in
    values: tuple[str | int, ...]


@dataclass(frozen=True)
class Not:
    item: Node


@dataclass(frozen=True)
class All:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class AnyOf:
    items: tuple[Node, ...]


Node = Answered | Compare | Not | All | AnyOf


def tokenize(text: str) -> list[tuple[str, str | int]]:
    tokens: list[tuple[str, str | int]] = []
    position, text = 0, text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            raise ConditionError(
                _("Betingelsen kan ikke læses ved '%(near)s'."),
                _("Skriv fx bolig == 'ja'. Tekst skal stå i 'enkelte' anførselstegn."),
                near=text[position:position + 12].strip(),
            )
        kind = match.lastgroup or "op"
        raw = match.group(kind)
        position = match.end()
        tokens.append(_token(kind, raw))
    return tokens


def _token(kind: str, raw: str) -> tuple[str, str | int]:
    if kind == "string":
        return ("value", raw[1:-1])
    if kind == "number":
        return ("value", int(raw))
    if kind == "name" and raw.lower() in KEYWORDS:
        return ("keyword", raw.lower())
    if kind == "name" and raw.lower() in DANISH_KEYWORDS:
        raise ConditionError(
            _("Betingelsen bruger ordet '%(word)s'."),
            _("Skriv '%(english)s' i stedet for '%(word)s'."),
            word=raw, english=DANISH_KEYWORDS[raw.lower()],
        )
    if kind == "op" and raw == "=":
        raise ConditionError(
            _("Betingelsen bruger ét lighedstegn (=)."),
            _("Skriv to lighedstegn: bolig == 'ja'."),
        )
    return (kind, raw)


class _Parser:
    def __init__(self, tokens: list[tuple[str, str | int]]):
        self.tokens, self.at, self.depth = tokens, 0, 0

    def peek(self) -> tuple[str, str | int] | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self, kind: str, value: object = None) -> str | int | None:
        token = self.peek()
        if token and token[0] == kind and (value is None or token[1] == value):
            self.at += 1
            return token[1]
        return None

    def expect(self, kind: str, value: object, message: str) -> str | int:
        found = self.take(kind, value)
        if found is None:
            raise ConditionError(message, _("Se eksemplerne på betingelser i vejledningen."))
        return found

    def expr(self) -> Node:
        items = [self.conjunction()]
        while self.take("keyword", "or"):
            items.append(self.conjunction())
        return items[0] if len(items) == 1 else AnyOf(tuple(items))

    def conjunction(self) -> Node:
        items = [self.unary()]
        while self.take("keyword", "and"):
            items.append(self.unary())
        return items[0] if len(items) == 1 else All(tuple(items))

    def unary(self) -> Node:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ConditionError(
                _("Betingelsen er for indviklet."), _("Del den op, eller gør den kortere.")
            )
        try:
            if self.take("keyword", "not"):
                return Not(self.unary())
            if self.take("op", "("):
                node = self.expr()
                self.expect("op", ")", _("Betingelsen mangler en slutparentes )."))
                return node
            return self.test()
        finally:
            self.depth -= 1

    def test(self) -> Node:
        name = self.take("name")
        if name is None:
            raise ConditionError(
                _("Betingelsen skal begynde med id'et på et spørgsmål."),
                _("Skriv fx bolig == 'ja', hvor bolig er id'et på et tidligere spørgsmål."),
            )
        token = self.peek()
        if token and token[0] == "op" and token[1] in ("==", "!=", *NUMERIC_OPS):
            self.at += 1
            return Compare(str(name), str(token[1]), (self._value(),))
        if self.take("keyword", "in"):
            return Compare(str(name), "in", self._list())
        if token == ("keyword", "not") and self.tokens[self.at + 1:self.at + 2] == [
            ("keyword", "in")
        ]:
            self.at += 2
            return Compare(str(name), "not in", self._list())
        return Answered(str(name))

    def _value(self) -> str | int:
        token = self.peek()
        if token is None or token[0] != "value":
            raise ConditionError(
                _("Der mangler et svar at sammenligne med."),
                _("Skriv svaret i 'enkelte' anførselstegn, fx bolig == 'ja'."),
            )
        self.at += 1
        return token[1]

    def _list(self) -> tuple[str | int, ...]:
        self.expect("op", "[", _("Efter in skal der stå en liste i [ ]."))
        values = [self._value()]
        while self.take("op", ","):
            values.append(self._value())
        self.expect("op", "]", _("Listen mangler en slutklamme ]."))
        return tuple(values)


def parse(text: str) -> Node:
    """Parse a `show_if` text; raises ConditionError when it cannot be read."""
    if not isinstance(text, str) or not text.strip():
        raise ConditionError(_("Betingelsen er tom."), _("Skriv en betingelse, eller slet linjen."))
    if len(text) > MAX_LENGTH:
        raise ConditionError(
            _("Betingelsen er for lang (over %(max)s tegn)."), _("Gør den kortere."),
            max=MAX_LENGTH,
        )
    parser = _Parser(tokenize(text))
    node = parser.expr()
    if parser.peek() is not None:
        raise ConditionError(
            _("Betingelsen fortsætter efter '%(near)s', hvor den burde slutte."),
            _("Bind dele sammen med and eller or, fx a == 'ja' and b == 'nej'."),
            near=str(parser.peek()[1]),
        )
    return node


def tests(node: Node) -> list[Answered | Compare]:
    """Every test in the condition, in the order written."""
    if isinstance(node, Answered | Compare):
        return [node]
    if isinstance(node, Not):
        return tests(node.item)
    return [test for item in node.items for test in tests(item)]


def names(node: Node) -> list[str]:
    """The question ids the condition looks at, in the order written."""
    return [test.name for test in tests(node)]


def _is_empty(value: object) -> bool:
    return value is None or value == "" or value == [] or value == ()


def _compare_one(value: object, op: str, wanted: str | int) -> bool:
    if op in NUMERIC_OPS:
        if isinstance(value, bool) or not isinstance(value, int) or isinstance(wanted, str):
            return False
        return {"<": value < wanted, "<=": value <= wanted,
                ">": value > wanted, ">=": value >= wanted}[op]
    return str(value) == str(wanted)


def _compare(test: Compare, value: object) -> bool:
    chosen = [str(v) for v in value] if isinstance(value, list | tuple) else None
    if test.op in ("in", "not in"):
        wanted = {str(v) for v in test.values}
        hit = bool(wanted & set(chosen)) if chosen is not None else str(value) in wanted
        return hit if test.op == "in" else not hit
    if chosen is not None:
        found = str(test.values[0]) in chosen
        return {"==": found, "!=": not found}.get(test.op, False)
    if test.op == "!=":
        return not _compare_one(value, "==", test.values[0])
    return _compare_one(value, test.op, test.values[0])


def evaluate(node: Node, answers: Mapping[str, object]) -> bool:
    """Whether the condition holds for these answers {question_id: stored value}."""
    if isinstance(node, Answered):
        return not _is_empty(answers.get(node.name))
    if isinstance(node, Compare):
        value = answers.get(node.name)
        return False if _is_empty(value) else _compare(node, value)
    if isinstance(node, Not):
        return not evaluate(node.item, answers)
    if isinstance(node, All):
        return all(evaluate(item, answers) for item in node.items)
    return any(evaluate(item, answers) for item in node.items)
