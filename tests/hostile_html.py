"""Helpers of the hostile-input tests: the corpus (tests/data/hostile/), a parser that
finds the POST forms on the app's pages with their fields, a parser that finds anything in
a page that could run or load something, and a log handler that names the exception
behind a 500."""

from __future__ import annotations

import json
import logging
import re
import traceback
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from tests.test_route_security import routes

HOSTILE = Path(__file__).parent / "data" / "hostile"


def corpus() -> list[tuple[str, str]]:
    items = json.loads((HOSTILE / "corpus.json").read_text(encoding="utf-8"))
    return [(i["name"], i["value"] if "value" in i else i["repeat"] * i["times"])
            for i in items]


CORPUS = corpus()
INVALID_UTF8 = (HOSTILE / "invalid-utf8.bin").read_bytes()


class Forms(HTMLParser):
    """Every <form method=post> on a page: its action and its fields as the browser would
    send them (`values`), with each field's kind, options and maxlength."""

    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url, self.forms = page_url, []
        self.form = self.select = self.textarea = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "get").lower() == "post":
            action = urlsplit(urljoin(self.page_url, a.get("action") or self.page_url)).path
            self.form = {"action": action, "fields": {}, "values": {}}
            self.forms.append(self.form)
        elif self.form is None or "name" not in a and tag != "option":
            return
        elif tag == "input":
            self._input(a)
        elif tag == "textarea":
            self.textarea = a["name"]
            self._field(a["name"], "textarea", a.get("maxlength"))
            self.form["values"][a["name"]] = ""
        elif tag == "select":
            self.select = a["name"]
            self._field(a["name"], "select", None)
        elif tag == "option" and self.select:
            field = self.form["fields"][self.select]
            field["options"].append(a.get("value", ""))
            if "selected" in a or self.select not in self.form["values"]:
                self.form["values"][self.select] = a.get("value", "")

    def _input(self, a):
        kind = a.get("type", "text").lower()
        if kind in ("submit", "button", "image", "reset", "file"):
            return
        self._field(a["name"], kind, a.get("maxlength"))
        if kind in ("radio", "checkbox"):
            self.form["fields"][a["name"]]["options"].append(a.get("value", "on"))
            if "checked" in a:
                self.form["values"].setdefault(a["name"], a.get("value", "on"))
        else:
            self.form["values"][a["name"]] = a.get("value", "")

    def _field(self, name, kind, maxlength):
        self.form["fields"].setdefault(name, {"kind": kind, "options": [],
                                              "maxlength": int(maxlength or 0)})

    def handle_data(self, data):
        if self.textarea and self.form:
            self.form["values"][self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def discover(app, client, params) -> dict[str, dict]:
    """{action path: {"fields", "values"}} of every POST form on every GET page, seen by
    the logged-in client and by a visitor (the login form)."""
    found: dict[str, dict] = {}
    visitor = app.test_client()
    pages = [(client, url) for _rule, url in routes(app, params, "GET")]
    for user, url in [*pages, *((visitor, url) for _c, url in pages)]:
        response = user.get(url)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        parser = Forms(url)
        parser.feed(response.get_data(as_text=True))
        for form in parser.forms:
            merged = found.setdefault(form["action"], {"fields": {}, "values": {}})
            for name, field in form["fields"].items():
                merged["fields"].setdefault(name, field)
            for name, value in form["values"].items():
                merged["values"].setdefault(name, value)
    return found


class LastError(logging.Handler):
    """Keeps where the last unexpected error came from, to name it when a 500 is seen."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.last = ""

    def emit(self, record):
        if record.exc_info:
            kind, error, trace = record.exc_info
            ours = [f for f in traceback.extract_tb(trace) if "/samtale/" in f.filename]
            place = f"{ours[-1].filename.split('/samtale/')[-1]}:{ours[-1].lineno}" if ours else ""
            self.last = f"{kind.__name__}: {error} at {place}"


ERRORS = LastError()


class ActiveContent(HTMLParser):
    """What in a page could run or load something: event-handler attributes, javascript:
    and data: URLs, inline scripts, frames, style elements and attributes."""

    URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            url = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
            if name.startswith("on") or name == "style":
                self.found.append(f"<{tag} {name}=...>")
            elif name in self.URL_ATTRIBUTES and url.startswith(("javascript:", "data:text")):
                self.found.append(f"<{tag} {name}={value}>")
        if tag in ("iframe", "style", "object", "embed", "base"):
            self.found.append(f"<{tag}>")
        self.in_script = tag == "script" and not dict(attrs).get("src")

    def handle_data(self, data):
        if self.in_script:
            self.found.append(f"inline script {data[:40]!r}")

    def handle_endtag(self, tag):
        self.in_script = False


def assert_no_active_content(body: str, where: str) -> None:
    parser = ActiveContent()
    parser.feed(body)
    assert not parser.found, f"{where}: {parser.found[:3]}"
