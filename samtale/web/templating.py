"""The app's Jinja environment, tuned for pages that render on every request: the same
output as Jinja and Flask give by default, with less work per page.

Globals. Jinja gives each template a ChainMap of its own globals over the environment's
(url_for, csrf_token, _ and some forty helpers). Rendering copies that ChainMap into a
dict, and importing a macro file (`{% from "_readaloud.html" import read_aloud %}`)
compares its keys with the importer's; for a ChainMap both walk every key in Python,
several hundred calls on each page. A template without globals of its own gets the
environment's dict itself, which Python copies and compares in C. Templates that are
given their own globals still get the ChainMap.

url_for. A page builds a dozen URLs that have no variable part (the menu, the style
sheet, the scripts); each costs werkzeug's whole URL building. Those are built once per
script root and kept; every other URL is built as before.
"""

from __future__ import annotations

from flask import Flask, has_request_context, request

KEPT_URLS = 512


def _fixed_url(endpoint: str, values: dict) -> bool:
    """Whether url_for(endpoint, **values) is the same URL on every request."""
    if endpoint.startswith("."):
        return False  # relative to the request's blueprint
    return not values or (endpoint == "static" and values.keys() == {"filename"})


def template_url_for(app: Flask):
    build = app.url_for
    built: dict[tuple, str] = {}

    def url_for(endpoint: str, /, **values) -> str:
        if not (_fixed_url(endpoint, values) and has_request_context()) \
                or app.url_default_functions:
            return build(endpoint, **values)
        key = (request.script_root, endpoint, values.get("filename"))
        url = built.get(key)
        if url is None:
            url = build(endpoint, **values)
            if len(built) < KEPT_URLS:
                built[key] = url
        return url

    return url_for


def init_app(app: Flask) -> None:
    env = app.jinja_env
    chained = env.make_globals

    def make_globals(d=None):
        return env.globals if not d else chained(d)

    env.make_globals = make_globals
    env.globals["url_for"] = template_url_for(app)
