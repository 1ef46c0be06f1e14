"""Hostile and broken input (tests/data/hostile/): every POST route of app.url_map gets
the corpus in each of its own form fields (read from the forms on the app's pages), plus
broken bodies: invalid UTF-8, lists where text is expected, missing and extra fields,
JSON of the wrong shape, and ids of another unit's residents in hidden fields and select
values. Nothing answers 500; a refusal is 400/404/409/413/422 or the form shown again
(200) with a Danish message and what was typed, escaped; no script from the input ever
reaches a page; another unit's residents are never changed. The corpus also goes to the
bank loader, the jeg-form check and the Markdown renderer."""

from __future__ import annotations

import functools
import io
import json
import re

import pytest
from markupsafe import escape

from samtale import create_app, jegform, markdown, residents
from samtale.banks import load_file
from samtale.db import open_db
from tests.conftest import PASSWORD, Helpers, create_app_for, csrf_from
from tests.hostile_html import (
    CORPUS,
    ERRORS,
    INVALID_UTF8,
    assert_no_active_content,
    discover,
)
from tests.samples import objects_for
from tests.test_route_security import digest_rows, mark_everything, routes

REFUSED = {400, 404, 409, 413, 422}
ALLOWED = {200, 302, 303} | REFUSED
# Routes that end or lock the session they are sent with: a fresh login for every request.
SESSION_ENDING = {"auth.logout", "handover.start", "handover.exit", "security.login_code",
                  "auth.change_password", "settings.index"}
VISITORS = {"auth.login", "setup.first_leader"}  # forms for those who are not logged in


# --- the world: two units, a leader of one of them -------------------------------------


class World:
    def __init__(self, tmp_path):
        self.app = create_app_for(tmp_path)
        self.app.logger.addHandler(ERRORS)
        self.db = open_db(self.app.config["DATABASE"])
        self.helpers = Helpers(self.db)
        self.house = self.helpers.house()
        north = self.house["north"]
        self.leader = self.helpers.staff("hostleder", "leder", [north])
        self.victim = self.helpers.staff("offer", units=[north])
        self.other = objects_for(self.db, self.house["sara"], self.house["ali"])
        self.other_ids = sorted({v for v in self.other.values() if isinstance(v, int)}
                                | {self.house["south"], 999_999, -1, 0})

    def params_for_new_resident(self) -> dict:
        resident = residents.create(self.db, display_name="Karin H.", unit_id=self.house["north"],
                                    moved_in="2026-01-15", contact_ids=[self.leader])
        params = objects_for(self.db, resident, self.leader)
        return params | {"staff_id": self.victim, "unit_id": self.house["north"]}

    def client(self):
        client = self.app.test_client()
        self.db.execute("DELETE FROM login_attempts")  # the login route's attacks
        token = csrf_from(client.get("/log-ind").get_data(as_text=True))
        response = client.post("/log-ind", data={"csrf_token": token, "username": "hostleder",
                                                 "password": PASSWORD})
        assert response.status_code == 302
        client.token = csrf_from(client.get("/profil").get_data(as_text=True))
        return client

    def fresh(self, client, endpoint: str):
        """The client to send the next request with: a new login after a request that
        may have ended or locked the session, or required two-factor login of all."""
        if endpoint == "settings.index":
            self.db.execute("DELETE FROM settings WHERE key = 'require_totp'")
        if endpoint in VISITORS:
            return self.visitor()
        return self.client() if endpoint in SESSION_ENDING else client

    def visitor(self):
        """A visitor who is not logged in, with the login page's CSRF token."""
        self.db.execute("DELETE FROM login_attempts")
        visitor = self.app.test_client()
        visitor.token = csrf_from(visitor.get("/log-ind").get_data(as_text=True))
        return visitor

    def others_digest(self) -> dict:
        return digest_rows(self.db, self.house["sara"], self.house["south"])


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    world = World(tmp_path_factory.mktemp("hostile"))
    yield world
    world.app.logger.removeHandler(ERRORS)
    world.db.close()


def _post_endpoints() -> list[str]:
    app = create_app({"DATABASE": ":memory:", "SECRET_KEY": "x", "INSTANCE_DIR": "/tmp",
                      "TESTING": True})
    return sorted({r.endpoint for r in app.url_map.iter_rules() if "POST" in r.methods})


# --- checking one answer ----------------------------------------------------------------


def _kept(value: str, body: str) -> bool:
    """What was typed is on the page, escaped (allowing the whitespace to be tidied)."""
    candidates = {value, value.strip(), " ".join(value.split())}
    return any(str(escape(c)) in body for c in candidates if c.strip())


def check(response, where: str, *, field=None, value=None, typed_shown=False) -> None:
    status = response.status_code
    textual = response.mimetype.startswith("text/") or response.mimetype.endswith("json")
    body = response.get_data(as_text=True) if textual else ""
    assert status in ALLOWED or (status == 429 and "auth.login" in where), \
        f"{where}: {status} {ERRORS.last if status == 500 else body[:300]}"
    assert "Traceback" not in body
    if response.mimetype == "application/json":
        data = response.get_json()
        assert status < 400 or (isinstance(data.get("error"), str) and data["error"]), where
        return
    if response.mimetype != "text/html":
        return
    assert_no_active_content(body, where)
    if status in REFUSED and status != 404:
        assert 'lang="da"' in body and re.search(r'role="alert"|class="(form-)?error', body), \
            f"{where}: {status} without a Danish message"
    form_shown = field and f'name="{field}"' in body
    if typed_shown and form_shown and status in (200, 400, 409, 422) and value.strip():
        assert _kept(value, body), f"{where}: the form came back without what was typed"


# --- every POST route, every field, every value -------------------------------------------

# Problems found in areas this test's owner may not change; each names its owner. The test
# fails when the behaviour changes (fixed, or worse): then update this list.
KNOWN_ELSEWHERE = {
    "plan.decide": (
        "400 without a Danish message",
        "goals and plan: posting a suggestion that is already decided (a second tab) with a "
        "bad value answers 400 with the suggestions page but no message, because the "
        "error belongs to a suggestion the page no longer shows (views/plan_goals.py "
        "decide, templates/plan/suggestions.html)",
    ),
}


TEXT_KINDS = {"text", "textarea", "search", "email", "url", "tel"}


# Every value goes into the first text field of a form; the other fields get the values
# most likely to break something, and fields that hold ids get the other unit's ids.
SHORT = {"blank", "nul", "bidi-override", "script", "attribute-break", "markdown-js-link",
         "emoji", "crlf", "huge-number", "long-line"}
CHOICE = {"empty", "script", "attribute-break", "huge-number", "impossible-date", "long-line"}


def _holds_ids(name: str, field: dict, values: dict) -> bool:
    shown = [*field["options"], values.get(name, "")]
    return name.endswith("id") or any(v.isdigit() for v in shown if v)


def attacks(fields: dict, values: dict, world: World) -> list[tuple[str, str, str]]:
    """(field, corpus name, value) for every field of a route (one of each row of a
    repeated group, like sub-0-text and sub-1-text)."""
    out, seen, first_text = [], set(), True
    for name, field in fields.items():
        family = re.sub(r"\d+", "N", name)
        if name == "csrf_token" or family in seen:
            continue
        seen.add(family)
        text = field["kind"] in TEXT_KINDS | {"password", "date", "number"}
        chosen = None if text and first_text else SHORT if text else CHOICE
        first_text = first_text and not text
        out += [(name, label, value) for label, value in CORPUS
                if chosen is None or label in chosen]
        if field["maxlength"]:
            out += [(name, "at-maxlength", "æ" * field["maxlength"]),
                    (name, "past-maxlength", "æ" * (field["maxlength"] + 1))]
        if _holds_ids(name, field, values):
            out += [(name, "other-unit-id", str(i)) for i in world.other_ids]
    return out


def structural(fields: dict, values: dict, world: World) -> list[tuple[str, object]]:
    """Broken bodies for a route: (label, data or raw bytes)."""
    names = [n for n in fields if n != "csrf_token"] or ["text"]
    extra = {"resident_id": world.house["sara"], "unit_id": world.house["south"],
             "role": "leder", "is_admin": "1", "id": world.house["sara"], "staff_id": "1"}
    return [
        ("missing-fields", {}),
        ("lists", {n: ["første", "<script>alert(1)</script>", ""] for n in names}),
        ("extra-fields", {**values, **extra}),
        ("invalid-utf8", INVALID_UTF8),
        ("file-upload", {"__files__": {n: (io.BytesIO(b"<script>alert(1)</script>"), "x.html")
                                       for n in names}}),
        ("json-wrong-shape", {"__json__": {n: [{"a": [1, None]}] for n in names}
                              | {"value": {"x": 1}, "revision": "x", "text": 7}}),
    ]


def _send(client, url: str, data):
    headers = {"X-CSRFToken": client.token}
    if isinstance(data, bytes):
        body = b"csrf_token=" + client.token.encode() + b"&" + b"&".join(
            n.encode() + b"=" + data for n in ("text", "answer", "name", "value", "note"))
        return client.post(url, data=body, headers=headers,
                           content_type="application/x-www-form-urlencoded")
    if "__json__" in data:
        return client.post(url, json=data["__json__"], headers=headers)
    if "__files__" in data:
        return client.post(url, data={"csrf_token": client.token, **data["__files__"]},
                           headers=headers, content_type="multipart/form-data")
    return client.post(url, data={"csrf_token": client.token, **data}, headers=headers)


def _follow(client, response, where: str) -> None:
    """After a success, the page it leads to shows the input escaped (or not at all)."""
    location = response.headers.get("Location", "")
    redirected = response.status_code in (302, 303) and location.startswith("/")
    if redirected and "log-ind" not in location:
        shown = client.get(location)
        assert shown.status_code < 500, f"{where} -> {location}: {shown.status_code}"
        if shown.mimetype == "text/html":
            assert_no_active_content(shown.get_data(as_text=True), f"{where} -> {location}")


ENDPOINTS = _post_endpoints()


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_post_route_survives_the_corpus(world, endpoint):
    params = world.params_for_new_resident()
    client = world.fresh(world.client(), endpoint)
    [(rule, url)] = [(r, u) for r, u in routes(world.app, params, "POST") if r.endpoint == endpoint]
    form = discover_cached(world, params).get(url, {"fields": {}, "values": {}})
    # A route without form fields of its own (a button) gets a field it does not know.
    fields = form["fields"] if set(form["fields"]) - {"csrf_token"} else {
        "text": {"kind": "unknown", "options": [], "maxlength": 0}}
    values = form["values"]
    before = world.others_digest()
    problems: list[str] = []
    for name, label, value in attacks(fields, values, world):
        client = world.fresh(client, endpoint)
        data = {k: v for k, v in values.items() if k != "csrf_token"} | {name: value}
        where = f"{endpoint} {url} [{name}={label}]"
        _collect(problems, functools.partial(_attack, client, url, data, where, name, value,
                                             fields[name]["kind"] in TEXT_KINDS))
    for label, data in structural(fields, values, world):
        client = world.fresh(client, endpoint)
        where = f"{endpoint} {url} [{label}]"
        _collect(problems, functools.partial(_attack, client, url, data, where))
    if endpoint in KNOWN_ELSEWHERE:
        known = KNOWN_ELSEWHERE[endpoint]
        assert problems and all(known[0] in p for p in problems), \
            f"{endpoint} behaves differently now: update KNOWN_ELSEWHERE\n" + "\n".join(problems)
        problems = []
    assert not problems, "\n".join(problems[:40]) + f"\n({len(problems)} problems)"
    assert world.others_digest() == before, f"{endpoint} changed another unit's data"


def _attack(client, url, data, where, field=None, value=None, typed_shown=False) -> None:
    response = _send(client, url, data)
    check(response, where, field=field, value=value, typed_shown=typed_shown)
    _follow(client, response, where)


def _collect(problems: list[str], attack) -> None:
    try:
        attack()
    except AssertionError as failed:
        problems.append(str(failed).splitlines()[0][:300])


_FORMS: dict = {}


def discover_cached(world, params) -> dict:
    """The forms are found once, on the first resident's pages, and mapped to each new
    resident's URLs by replacing the ids."""
    if not _FORMS:
        _FORMS["params"] = params
        _FORMS["forms"] = discover(world.app, world.client(), params)
    first = _FORMS["params"]
    mapping = {f"/{first[k]}": f"/{params[k]}" for k in first
               if isinstance(first[k], int) and first[k] != params.get(k)}

    def moved(path: str) -> str:
        return re.sub(r"/\d+", lambda m: mapping.get(m.group(0), m.group(0)), path)

    return {moved(path): form for path, form in _FORMS["forms"].items()}


# --- the text is shown escaped everywhere -------------------------------------------------


PAYLOAD = "<script>window.__pwned=1</script><img src=x onerror=alert(1)> [x](javascript:alert(1))"
BROKEN = "Jeg\x00 \x1b[31m\x07 \u202eevah\u202c e\u0301 👩🏽\u200d🦱 \x85 \u2028 <b>fed</b>"


@pytest.mark.parametrize("payload", [PAYLOAD, BROKEN], ids=["markup", "control-characters"])
def test_hostile_text_in_every_field_is_shown_escaped_on_every_page(tmp_path, payload):
    app = create_app_for(tmp_path)
    world_db = open_db(app.config["DATABASE"])
    helpers = Helpers(world_db)
    house = helpers.house()
    params = objects_for(world_db, house["karin"], house["mette"])
    assert mark_everything(world_db, house["karin"], house["north"], payload) >= 10
    client = app.test_client()
    helpers.login(client, "leder")
    shown = 0
    for _rule, url in routes(app, params, "GET"):
        extra = ["?format=" + f for f in ("pdf", "md", "json", "fhir", "txt", "udredning")] \
            if url.endswith("/eksport") else [""]
        for suffix in extra:
            response = client.get(url + suffix)
            assert response.status_code < 500, f"{url}{suffix}: {response.status_code}"
            if response.mimetype == "text/html":
                body = response.get_data(as_text=True)
                assert_no_active_content(body, url)
                shown += str(escape(payload[-13:])) in body
    assert shown >= 8


# --- the bank loader, the jeg-form check and the Markdown renderer ------------------------


BANK = '''id = "fjendtlig"
version = 1
purpose = "haab_og_droemme"
languages = ["da"]
title.da = {value}

[[section]]
id = "s"
title.da = {value}
intro.da = {value}

[[section.question]]
id = "q"
type = "single_choice"
text.da = {value}
help.da = {value}
template.da = {template}
choices = [{{ id = "a", da = {value} }}, {{ id = "b", da = "B" }}]
'''


# Values a bank may not hold (an empty title, a text past the bank's limits, ...): the
# loader reports them as problems (braces in a template are placeholders); every other
# value loads.
REJECTED_IN_BANKS = {"empty", "blank", "long-line", "many-words", "style", "template", "json"}


def _toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False).replace("\\u007f", "\\u007F").replace(
        "\x7f", "\\u007F")


@pytest.mark.parametrize("label,value", CORPUS, ids=[label for label, _ in CORPUS])
def test_the_bank_loader_takes_the_corpus_without_raising(tmp_path, label, value):
    path = tmp_path / "fjendtlig.toml"
    path.write_text(BANK.format(value=_toml_string(value),
                                template=_toml_string(value + " {svar}")), encoding="utf-8")
    bank, problems = load_file(path)
    assert (bank is None) == bool(problems)
    assert bank is not None or label in REJECTED_IN_BANKS, problems
    assert all("intern fejl" not in p.message for p in problems), problems
    if bank is not None:
        html = markdown.render(bank.question("q").help_for("da"))
        assert_no_active_content(html, label)


@pytest.mark.parametrize("raw", [INVALID_UTF8, b"\x00" * 10, b"id = \"x\"\n" + b"\xff" * 50,
                                 ("x = " + "[" * 5000).encode()])
def test_the_bank_loader_reports_broken_files(tmp_path, raw):
    path = tmp_path / "broken.toml"
    path.write_bytes(raw)
    bank, problems = load_file(path)
    assert bank is None and problems and all("intern fejl" not in p.message for p in problems)


@pytest.mark.parametrize("label,value", CORPUS, ids=[label for label, _ in CORPUS])
def test_jegform_and_markdown_take_the_corpus(label, value):
    check = jegform.check(value, ["Karin S."])
    assert isinstance(check.flagged, bool)
    assert isinstance(jegform.rewrite(value, ["Karin S."]), str)
    html = markdown.render(value)
    assert_no_active_content(html, label)
    assert "<script" not in html.lower() and "<a href=\"javascript" not in html.lower()


# --- the fixes this corpus led to ---------------------------------------------------------


def test_a_json_body_is_refused_by_form_views_and_still_read_by_json_views(app, client, helpers):
    from samtale.web.security import JSON_ENDPOINTS

    assert JSON_ENDPOINTS <= set(app.view_functions)  # a renamed view would lose its JSON
    house = helpers.house()
    helpers.login(client, "leder")
    token = helpers.token(client, "/admin/afdelinger")
    refused = client.post("/admin/afdelinger", json={"name": {"a": [1]}},
                          headers={"X-CSRFToken": token})
    assert refused.status_code == 400 and refused.get_json()["error"]
    created = client.post("/admin/afdelinger", data={"csrf_token": token, "name": "Vest"})
    assert created.status_code == 302
    hint = client.post(f"/beboere/{house['karin']}/plan/jegform", json={"text": "Karin går ud."},
                       headers={"X-CSRFToken": token})
    assert hint.status_code == 200 and hint.get_json()["flagged"] is True


def test_a_file_upload_is_refused_everywhere(client, helpers, db):
    helpers.house()
    helpers.login(client, "leder")
    token = helpers.token(client, "/admin/afdelinger")
    response = client.post("/admin/afdelinger", content_type="multipart/form-data", data={
        "csrf_token": token, "name": (io.BytesIO(b"<script>alert(1)</script>"), "a.html")})
    assert response.status_code == 400 and 'lang="da"' in response.get_data(as_text=True)
    assert db.execute("SELECT count(*) FROM units").fetchone()[0] == 2


def test_a_number_too_large_for_the_database_is_a_danish_400(client, helpers, db):
    house = helpers.house()
    helpers.login(client, "mette")
    path = f"/beboere/{house['karin']}/plan/maal/ny"
    response = client.post(path, data={"csrf_token": helpers.token(client, path),
                                       "text": "Jeg går en tur.", "dream_id": "9" * 30})
    body = response.get_data(as_text=True)
    assert response.status_code == 400 and "Et tal eller en dato" in body
    assert db.execute("SELECT count(*) FROM goals").fetchone()[0] == 0


@pytest.mark.parametrize("typed", ["9999-12-31", "0001-01-01", "2041-01-01"])
def test_house_dates_more_than_ten_years_away_are_refused(client, helpers, typed):
    from samtale.errors import SamtaleError
    from samtale.house import dates

    with pytest.raises(SamtaleError, match="ti år"):
        dates.parse(typed)
    assert dates.parse("2026-03-01").year == 2026
    helpers.house()
    helpers.login(client, "leder")
    path = "/huset/indsatsplan/statusmoede"
    response = client.post(path, data={"csrf_token": helpers.token(client, path),
                                       "held_on": typed, "participants": "Mette"})
    assert response.status_code in (200, 400) and "ti år" in response.get_data(as_text=True)


def test_the_checks_see_markup_that_could_run_and_a_form_that_lost_the_text():
    """The page checks are not vacuous."""
    for page in ('<p><img src=x onerror="alert(1)"></p>', '<a href=" javascript:alert(1)">x</a>',
                 "<script>alert(1)</script>", '<svg/onload=alert(1)>'):
        with pytest.raises(AssertionError):
            assert_no_active_content(page, "test")
    assert_no_active_content('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'
                             '<input value="&#34; onfocus=&#34;alert(1)"><script src="/s.js">'
                             "</script>", "test")
    assert _kept("<b>Jeg  vil</b>", "<textarea>&lt;b&gt;Jeg vil&lt;/b&gt;</textarea>")
    assert not _kept("<b>Jeg vil</b>", "<textarea></textarea>")
