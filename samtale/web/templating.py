"""The app's Jinja environment, tuned for pages that render on every request: the same
output as Jinja and Flask give by default, with less work per page.

Globals. Jinja gives each template a ChainMap of its own globals over the environment's
(url_for, csrf_token, _ and some forty helpers). Rendering copies that ChainMap into a
dict, and importing a macro file (`{% from "_readaloud.html" import read_aloud %}`)
compares its keys with the importer's; for a ChainMap both walk every key in Python,
several hundred calls on each page (about 0.08 ms of a question page's 1.2 ms). A
template without globals of its own gets the environment's dict itself, which Python
copies and compares in C. Templates that are given their own globals still get the
ChainMap.

url_for. A list of residents builds three or four URLs per resident whose only variable
parts are ids (`/beboere/<int:resident_id>/plan`), about 6 µs each through werkzeug; a
page also builds a dozen URLs with no variable part (the menu, the style sheet). Pages
rendered with render_template get a url_for that builds each such URL shape once per
script root, with stand-in numbers, and then writes the ids into it: an id is written
as its digits, so the result is exactly what werkzeug builds. Every other URL is built
by Flask as before.
"""

from __future__ import annotations

import re

from flask import Flask, request

KEPT = 2048
STAND_IN = 7_350_000_000_000_001  # + the argument's position; never a real id
_PART = re.compile(r"<([^>]*)>")
_INT_PART = re.compile(r"int:(\w+)")


def int_arguments(app: Flask, endpoint: str) -> frozenset[str] | None:
    """The arguments of the endpoint's one rule when each is a plain <int:name>."""
    rules = list(app.url_map.iter_rules(endpoint)) if endpoint in app.view_functions else []
    if len(rules) != 1:
        return None
    names = []
    for part in _PART.findall(rules[0].rule):
        match = _INT_PART.fullmatch(part)
        if match is None:
            return None
        names.append(match.group(1))
    return frozenset(names)


class UrlShapes:
    """The app's URL shapes: (script root, endpoint, argument names) → the URL's literal
    parts around its ids and which argument goes where, or None (built by Flask)."""

    def __init__(self, app: Flask):
        self.app, self.shapes = app, {}

    def shape(self, root: str, endpoint: str, names: tuple[str, ...]):
        key = (root, endpoint, names)
        if key not in self.shapes:
            self.shapes[key] = self._measure(endpoint, names) if len(self.shapes) < KEPT \
                else None
        return self.shapes[key]

    def _measure(self, endpoint: str, names: tuple[str, ...]):
        """(literal parts, the position in `names` of each id in the URL's order)."""
        if endpoint.startswith(".") or self.app.url_default_functions:
            return None
        if int_arguments(self.app, endpoint) != frozenset(names):
            return None
        url = self.app.url_for(endpoint, **{n: STAND_IN + i for i, n in enumerate(names)})
        if not names:
            return (url,), ()
        pieces = re.split(f"({'|'.join(str(STAND_IN + i) for i in range(len(names)))})", url)
        parts, ids = tuple(pieces[0::2]), tuple(int(p) - STAND_IN for p in pieces[1::2])
        return (parts, ids) if sorted(ids) == list(range(len(names))) else None


class PageUrls:
    """url_for for one page: Flask's, but URLs with only ids (or nothing) to fill in are
    written into their kept shape."""

    __slots__ = ("build", "root", "shapes")

    def __init__(self, build, root: str, shapes: UrlShapes):
        self.build, self.root, self.shapes = build, root, shapes

    def __call__(self, endpoint: str, /, **values) -> str:
        if all(type(v) is int and v >= 0 for v in values.values()):
            shape = self.shapes.shape(self.root, endpoint, tuple(values))
            if shape is not None:
                parts, order = shape
                given = tuple(values.values())
                url = parts[0]
                for position, part in zip(order, parts[1:], strict=True):
                    url += str(given[position]) + part
                return url
        if endpoint == "static" and values.keys() == {"filename"}:
            return self._static(values["filename"])
        return self.build(endpoint, **values)

    def _static(self, filename: str) -> str:
        key = (self.root, "static", filename)
        url = self.shapes.shapes.get(key)
        if url is None:
            url = self.build("static", filename=filename)
            if len(self.shapes.shapes) < KEPT:
                self.shapes.shapes[key] = url
        return url


_DICT_ATTRIBUTES = frozenset(dir(dict))


def _quick_getattr(env):
    """`a.b` for a plain dict `a`: Jinja first asks getattr, which for a key that is not
    a dict method raises AttributeError, and then reads a["b"]. The plan, the overviews
    and the resident lists are dicts read this way hundreds of times a page; reading the
    key straight away gives the same value without the exception."""
    default = env.getattr

    def getattr_(obj, attribute):
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return default(obj, attribute)

    return getattr_


def init_app(app: Flask) -> None:
    env = app.jinja_env
    chained = env.make_globals

    def make_globals(d=None):
        return env.globals if not d else chained(d)

    env.make_globals = make_globals
    env.getattr = _quick_getattr(env)
    shapes = UrlShapes(app)

    @app.context_processor
    def _page_urls() -> dict:
        return {"url_for": PageUrls(app.url_for, request.script_root, shapes)}
