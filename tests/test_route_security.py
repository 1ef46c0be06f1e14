"""Route-enumerating security tests beside test_access_routes.py and
test_security_routes.py, all read from app.url_map so a new route is covered the day it
is added:

- no page of any blueprint shows another unit's resident data, also through the query
  parameters the views read (a unit, a resident, a dream);
- a visitor who is not logged in gets the login page (or 400/401/404) from every route,
  and a POST with a valid CSRF token changes nothing;
- every response, errors and redirects included, carries the security headers, and every
  response that sets the session cookie sets it HttpOnly, SameSite=Lax, Path=/ (and
  Secure with the __Host- prefix over https);
- a fresh install has no account at all: `samtale init` creates none, and `samtale
  serve` prints a one-time setup link and no password.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3

import pytest
from click.testing import CliRunner

from samtale import resident_data
from samtale.cli import main
from tests.conftest import PASSWORD, create_app_for, csrf_from
from tests.samples import objects_for
from tests.test_security_routes import BASE_PARAMS

MARK = "Qzvx"  # put into every text of the other unit's data; must never be shown
PUBLIC = {"auth.login", "health.healthz", "setup.first_leader", "security.login_code",
          "handover.exit", "static"}
LOGIN_OR_REFUSED = {302, 303, 400, 401, 404}
CSP_PARTS = ("default-src 'self'", "object-src 'none'", "base-uri 'none'",
             "frame-ancestors 'none'", "form-action 'self'")


def routes(app, params: dict, method: str):
    """(rule, url) of every route answering `method`, built with `params`."""
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or method not in rule.methods:
            continue
        values = {**BASE_PARAMS, **params}
        missing = rule.arguments - set(values)
        assert not missing, f"{rule.rule}: add a sampler in tests/sample_areas.py ({missing})"
        yield rule, rule.build({k: values[k] for k in rule.arguments}, append_unknown=False)[1]


# --- another unit's data is never shown ----------------------------------------------


HOUSE_TABLES = ("trials", "effort_subgoals", "effort_activities", "effort_plans",
                "mentor_guides")


def _marked(value: str, mark: str) -> str | None:
    """The text with `mark` in front, or None for values that are not free text (codes,
    dates, ids, JSON structures)."""
    try:
        decoded = json.loads(value)
    except ValueError:
        decoded = None
    if isinstance(decoded, str):
        return json.dumps(f"{mark} {decoded}", ensure_ascii=False)
    if decoded is not None or re.fullmatch(r"[\w.:+\-]*", value) or re.match(r"\d{4}-", value):
        return None
    return f"{mark} {value}"


def rows_of(db, resident_id: int, unit_id: int) -> dict[str, set[int]]:
    """{table: rowids} of the resident's rows and of the unit's house rows."""
    rows = resident_data.owned_rows(db, resident_id)
    for table in HOUSE_TABLES:
        rows[table] = {r[0] for r in db.execute(
            f"SELECT rowid FROM {table} WHERE unit_id = ?", [unit_id])}
    return rows


def digest_rows(db, resident_id: int, unit_id: int) -> dict[str, str]:
    """A checksum of each table's rows of the resident and the unit."""
    return {
        table: hashlib.sha256(repr(db.execute(
            f'SELECT * FROM "{table}" WHERE rowid IN (SELECT value FROM json_each(?)) '
            "ORDER BY rowid", [json.dumps(sorted(ids))]).fetchall()).encode()).hexdigest()
        for table, ids in rows_of(db, resident_id, unit_id).items() if ids
    }


def mark_everything(db, resident_id: int, unit_id: int, mark: str = MARK) -> int:
    """Put `mark` into every free text of the resident's rows and of the unit's house
    rows, and into the resident's name. Returns how many values were marked."""
    marked = 0
    for table, rowids in rows_of(db, resident_id, unit_id).items():
        texts = [c for c, t in resident_data.column_types(db, table).items() if t == "TEXT"]
        for rowid in rowids:
            for column in texts:
                marked += _mark_one(db, table, column, rowid, mark)
    name = db.execute("SELECT display_name FROM residents WHERE id = ?", [resident_id])
    db.execute("UPDATE residents SET display_name = ? WHERE id = ?",
               [f"{name.fetchone()[0].split()[0]} {mark}", resident_id])
    return marked


def _mark_one(db, table: str, column: str, rowid: int, mark: str) -> int:
    value = db.execute(f'SELECT "{column}" FROM "{table}" WHERE rowid = ?', [rowid]).fetchone()[0]
    new = _marked(value, mark) if isinstance(value, str) else None
    if new is None:
        return 0
    try:
        db.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE rowid = ?', [new, rowid])
    except sqlite3.IntegrityError:  # a CHECK constraint: a code after all
        return 0
    return 1


@pytest.fixture
def two_units(app, helpers, db):
    house = helpers.house()
    helpers.staff("nordleder", "leder", [house["north"]])
    own = objects_for(db, house["karin"], house["mette"])
    other = objects_for(db, house["sara"], house["ali"])
    assert mark_everything(db, house["sara"], house["south"]) >= 5
    return house, own, other


def _query_variants(url: str, house: dict, other: dict) -> list[str]:
    """The URL, and the URL with the query parameters the views read set to the other
    unit's ids."""
    ids = {"afdeling": house["south"], "beboer": house["sara"], "droem": other.get("item_id")}
    return [url] + [f"{url}?{name}={value}" for name, value in ids.items() if value]


@pytest.mark.parametrize("username", ["mette", "nordleder"])
def test_no_page_shows_another_units_data(app, client, helpers, two_units, username):
    house, own, other = two_units
    helpers.login(client, username)
    shown = 0
    for _rule, url in routes(app, own, "GET"):
        for variant in _query_variants(url, house, other):
            response = client.get(variant)
            body = response.get_data(as_text=True) if response.mimetype.startswith("text") else ""
            assert MARK not in body, f"{username} sees the other unit's data on {variant}"
            assert response.status_code < 500, variant
            shown += response.status_code == 200
    assert shown >= 20


def test_the_marker_would_be_seen(app, client, helpers, two_units):
    """The check above can fail: Ali (Syd) sees the marked data on Sara's pages."""
    house, _own, other = two_units
    helpers.login(client, "ali")
    seen = [url for _r, url in routes(app, other, "GET")
            if MARK in client.get(url).get_data(as_text=True)]
    assert f"/beboere/{house['sara']}" in seen and len(seen) >= 5


# --- not logged in ---------------------------------------------------------------------


def _digest(db) -> dict[str, str]:
    """A checksum of every table a visitor's request may not change."""
    skip = {"sessions", "login_attempts", "audit_log"}
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {t: hashlib.sha256(repr(db.execute(f'SELECT * FROM "{t}" ORDER BY rowid')
                                   .fetchall()).encode()).hexdigest()
            for t in tables if t not in skip}


def test_a_visitor_reaches_nothing_and_changes_nothing(app, client, helpers, db):
    house = helpers.house()
    params = objects_for(db, house["karin"], house["mette"])
    token = helpers.token(client)  # a visitor's valid CSRF token, from the login page
    before = _digest(db)
    for rule, url in routes(app, params, "GET"):
        status = client.get(url).status_code
        expected = {200} | LOGIN_OR_REFUSED if rule.endpoint in PUBLIC else LOGIN_OR_REFUSED
        assert status in expected, f"GET {url}: {status}"
        if status == 302 and rule.endpoint not in PUBLIC:
            assert "/log-ind" in client.get(url).headers["Location"], url
    for rule, url in routes(app, params, "POST"):
        status = client.post(url, data={"csrf_token": token, "text": "x"}).status_code
        if rule.endpoint not in PUBLIC:
            assert status in LOGIN_OR_REFUSED, f"POST {url}: {status}"
    assert _digest(db) == before


# --- headers and cookie flags on every response ----------------------------------------


def assert_headers(response, where: str) -> None:
    headers = response.headers
    csp = headers.get("Content-Security-Policy", "")
    assert all(part in csp for part in CSP_PARTS) and "unsafe-inline" not in csp, where
    assert headers.get("X-Content-Type-Options") == "nosniff", where
    assert headers.get("Referrer-Policy") == "no-referrer", where
    assert headers.get("X-Frame-Options") == "DENY", where
    assert headers.get("Cache-Control") == "no-store", where
    assert "Access-Control-Allow-Origin" not in headers, where  # no CORS: same origin only


def assert_cookie_flags(response, where: str, secure: bool = False) -> int:
    """Every Set-Cookie of the response: HttpOnly, SameSite=Lax, Path=/, no Domain;
    Secure and __Host- over https. Returns how many there were."""
    cookies = response.headers.getlist("Set-Cookie")
    for cookie in cookies:
        flags = {part.strip().split("=")[0].lower() for part in cookie.split(";")[1:]}
        assert {"httponly", "path"} <= flags and "domain" not in flags, (where, cookie)
        assert "SameSite=Lax" in cookie and "Path=/" in cookie, (where, cookie)
        assert cookie.startswith("__Host-samtale=" if secure else "samtale="), (where, cookie)
        assert ("secure" in flags) is secure, (where, cookie)
    return len(cookies)


def _every_response(app, client, params, token):
    for _rule, url in routes(app, params, "GET"):
        yield f"GET {url}", client.get(url)
    for _rule, url in routes(app, params, "POST"):
        if not url.endswith(("/log-ud", "/giv-skaermen", "/aktiv", "/adgangskode")):
            yield f"POST {url}", client.post(url, data={"csrf_token": token})
        yield f"POST {url} without token", client.post(url, data={})
    yield "404", client.get("/findes-ikke")
    yield "405", client.put("/log-ind")
    yield "413", client.post("/log-ind", data={"csrf_token": token, "x": "y" * (3 << 20)})


def test_headers_on_every_response_of_every_route(app, client, helpers, db):
    house = helpers.house()
    params = objects_for(db, house["karin"], house["mette"])
    for where, response in _every_response(app, client, params, helpers.token(client)):
        assert_headers(response, f"visitor {where}")
    helpers.login(client, "leder")
    token = csrf_from(client.get("/").get_data(as_text=True))
    checked = 0
    for where, response in _every_response(app, client, params, token):
        assert_headers(response, where)
        assert "Traceback" not in response.get_data(as_text=True)
        checked += 1
    assert checked >= 100


def _flow(client, helpers, base_url: str):
    """Every response of a visit: login page, login, pages, a form, logout."""
    page = client.get("/log-ind", base_url=base_url)
    yield "login page", page
    token = csrf_from(page.get_data(as_text=True))
    yield "login", client.post("/log-ind", base_url=base_url, data={
        "csrf_token": token, "username": "mette", "password": PASSWORD})
    home = client.get("/", base_url=base_url)
    yield "start page", home
    token = csrf_from(home.get_data(as_text=True))
    yield "profile", client.post("/profil", base_url=base_url,
                                 data={"csrf_token": token, "language": "da"})
    yield "logout", client.post("/log-ud", base_url=base_url, data={"csrf_token": token})
    page = client.get("/log-ind", base_url=base_url)
    client.post("/log-ind", base_url=base_url, data={
        "csrf_token": csrf_from(page.get_data(as_text=True)), "username": "mette",
        "password": PASSWORD})
    # Disabled behind the app's back (the session row is still there): the next request
    # ends the session and deletes the cookie.
    helpers.db.execute("UPDATE staff SET active = 0 WHERE username = 'mette'")
    yield "disabled: the cookie is deleted", client.get("/", base_url=base_url)


@pytest.mark.parametrize("https", [False, True])
def test_cookie_flags_on_every_response_that_sets_the_cookie(tmp_path, helpers, https):
    base_url = "https://samtale.example" if https else "http://localhost"
    app = create_app_for(tmp_path, BASE_URL=base_url if https else "")
    client = app.test_client()
    helpers.house()
    set_cookies = 0
    for where, response in _flow(client, helpers, base_url):
        assert response.status_code in (200, 302), (where, response.status_code)
        set_cookies += assert_cookie_flags(response, where, secure=https)
        if https:  # a year, subdomains too
            hsts = response.headers["Strict-Transport-Security"]
            assert hsts == "max-age=31536000; includeSubDomains", hsts
    assert set_cookies >= 4  # first visit, new token at login and logout, deleted


# --- a fresh install has no account ----------------------------------------------------


def test_init_on_an_empty_database_creates_no_account(tmp_path, monkeypatch):
    database = tmp_path / "ny" / "samtale.db"
    monkeypatch.setenv("SAMTALE_DATABASE", str(database))
    monkeypatch.setenv("SAMTALE_INSTANCE_DIR", str(tmp_path / "ny"))
    result = CliRunner().invoke(main, ["init"])
    assert result.exit_code == 0, result.output
    db = sqlite3.connect(database)
    assert db.execute("SELECT count(*) FROM staff").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM sessions").fetchone()[0] == 0
    db.close()


def test_serve_on_a_fresh_install_prints_a_setup_link_and_no_password(tmp_path):
    """The real `samtale serve` process: its console output holds one setup link that
    works, no password, and starting it creates no account."""
    import urllib.request

    from tests.server.harness import Server, cli, environment

    env = environment(tmp_path / "ny", tmp_path / "ny" / "samtale.db")
    assert cli(env, "init").returncode == 0
    server = Server(env, tmp_path / "serve.log")
    try:
        server.start()
        output = server.log.read_text()
        links = re.findall(r"http://127\.0\.0\.1:\d+/opsaetning/[\w\-]{20,}", output)
        assert links, output  # (one per start; a start on a taken port is retried)
        with urllib.request.urlopen(links[-1], timeout=5) as page:
            assert page.status == 200 and "leder" in page.read().decode("utf-8")
    finally:
        server.kill()
    assert not re.search(r"(?i)(password|adgangskode|kodeord)\s*[:=]", output), output
    db = sqlite3.connect(tmp_path / "ny" / "samtale.db")
    assert db.execute("SELECT count(*) FROM staff").fetchone()[0] == 0
    db.close()


# --- refusals are logged -----------------------------------------------------------------


KINDS = "?slags=droem&format=json"  # what the item and export pages need to go on


def test_every_refused_resident_route_is_in_the_audit_log(app, client, helpers, db):
    """A staff member who tries another unit's resident gets 404 (403 on the leader's
    pages), and the audit log says who tried which resident, on every route that names a
    resident."""
    house = helpers.house()
    other = objects_for(db, house["sara"], house["ali"])
    helpers.login(client, "mette")
    checked = 0
    for rule, url in routes(app, other, "GET"):
        if "resident_id" not in rule.arguments:
            continue
        before = db.execute("SELECT max(id) FROM audit_log").fetchone()[0]
        status = client.get(url + KINDS).status_code
        assert status in (403, 404), url
        logged = db.execute(
            "SELECT actor_name, action, resident_id, outcome FROM audit_log WHERE id > ?",
            [before]).fetchall()
        outcome = "not_leader" if status == 403 else "not_found_or_other_unit"
        assert ("mette", "refused", house["sara"], outcome) in logged, url
        checked += 1
    assert checked >= 15


# --- passwords and the audit log -----------------------------------------------------------


def test_changing_the_password_needs_the_current_one(client, helpers, db):
    house = helpers.house()
    helpers.login(client, "mette")
    before = db.execute("SELECT password_hash FROM staff WHERE id = ?", [house["mette"]])
    response = helpers.post(client, "/profil/adgangskode",
                            {"current": "ikke den rigtige kode", "new": "et helt nyt kodeord"},
                            token_from="/profil")
    assert response.status_code == 400
    assert "Den nuværende adgangskode er forkert." in response.get_data(as_text=True)
    after = db.execute("SELECT password_hash FROM staff WHERE id = ?", [house["mette"]])
    assert after.fetchone() == before.fetchone()


def test_the_audit_log_never_holds_what_a_resident_said(client, helpers, db):
    """Every access to the resident's answers, goals and plan is logged with ids only."""
    house = helpers.house()
    params = objects_for(db, house["karin"], house["mette"])
    words = "Jeg drømmer om en hemmelig have bag muren"
    helpers.login(client, "mette")
    path = (f"/beboere/{house['karin']}/samtaler/{params['conversation_id']}/spoergsmaal/"
            f"{params['question_id']}")
    token = helpers.token(client, path)
    saved = client.post(path + "/gem", json={"value": words, "written_by": "resident",
                                             "revision": 10**13}, headers={"X-CSRFToken": token})
    assert saved.status_code == 200
    goal = helpers.post(client, f"/beboere/{house['karin']}/plan/maal/ny",
                        {"text": words + " og planter roser.", "goal_type": "develop",
                         "lifecycle": "active"}, token_from="/")
    assert goal.status_code == 302
    for _rule, url in routes(app=client.application, params=params, method="GET"):
        client.get(url)
    rows = db.execute("SELECT * FROM audit_log").fetchall()
    assert len(rows) > 30
    assert not [row for row in rows if "hemmelig" in repr(row) or "Karin" in repr(row)]
