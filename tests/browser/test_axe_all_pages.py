"""axe-core on EVERY page of the app, with the demo data (WCAG 2.0/2.1 A and AA, and
best practice), at 1280 and 768 px, with large text and high contrast on and off, as a
leader, as a contact person, without logging in, and with the screen handed over.

The pages come from app.url_map: a new GET route is visited the day it is added. Its URL
is built from the demo's ids (PARAMS: candidates per URL parameter, tried until the page
answers 200 without redirecting); a route nobody can reach fails the last test with what
to add. Downloads are not pages: their content type is checked instead (DOWNLOADS).
On every page at 768 px nothing may overflow sideways."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from samtale.export import FORMATS
from tests.browser.conftest import LAPTOP, TABLET
from tests.browser.demo_site import CONTACT, HOME, LEADER, TWO_FACTOR, build, login

pytestmark = pytest.mark.browser

NOT_PAGES = {"static", "health.healthz"}
# endpoint → expected content type (prefix) of what it sends
DOWNLOADS = {
    "plan.export": None,  # per format, from samtale.export.FORMATS
    "audit.resident_report_csv": "text/csv",
    "plan.picture_svg": "image/svg+xml",
}
# endpoint → the query strings its pages need (each one is a page of its own)
QUERIES = {
    "plan.new_item": [{"slags": kind} for kind in ("droem", "ressource", "netvaerk", "aktivitet")],
    "plan.export": [{"format": fmt} for fmt in FORMATS],
}
# routes that only send the visitor on to another page (checked: they do, to a page)
REDIRECTS = {"admin.index"}
# pages only a visitor who is not logged in, or the handed-over screen, can see
ANONYMOUS = {"auth.login", "security.login_code", "setup.first_leader"}
HANDOVER_ONLY = {"handover.exit"}
AXE_OPTIONS = {
    "runOnly": {"type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations"],
}
AXE_SCRIPT = Axe().axe_script
SETTINGS_JS = """on => { document.body.classList.toggle('large-text', on);
                         document.body.classList.toggle('high-contrast', on); }"""
OVERFLOW_JS = """() => { const d = document.documentElement;
  if (d.scrollWidth <= window.innerWidth) return null;
  const wide = [...document.querySelectorAll('body *')].filter(e =>
      e.getBoundingClientRect().right > window.innerWidth + 1).slice(-3);
  return {scrollWidth: d.scrollWidth, innerWidth: window.innerWidth,
          elements: wide.map(e => e.tagName.toLowerCase() + '.' + e.className)}; }"""


# --- the demo's ids, per URL parameter -------------------------------------------------


def _ids(db, sql: str, *args) -> list:
    return [row[0] for row in db.execute(sql, list(args))]


def _units(db, staff_id: int) -> list[int]:
    return _ids(db, "SELECT unit_id FROM staff_units WHERE staff_id = ?", staff_id)


def _in(values: list[int]) -> str:
    return "(" + ",".join(str(int(v)) for v in values or [0]) + ")"


PARAMS = {  # name → (db, staff_id, home resident, params so far) → candidates, best first
    "resident_id": lambda db, s, home, p: [home] + _ids(
        db, f"SELECT id FROM residents WHERE unit_id IN {_in(_units(db, s))} AND id != ?", home),
    "conversation_id": lambda db, s, home, p: _ids(
        db, "SELECT id FROM conversations WHERE resident_id = ? "
            "ORDER BY status = 'in_progress' DESC, id DESC", p["resident_id"]),
    "question_id": lambda db, s, home, p: _ids(
        db, "SELECT current_question_id FROM conversations WHERE id = ? "
            "AND current_question_id IS NOT NULL UNION ALL SELECT question_id FROM answers "
            "WHERE conversation_id = ?", p["conversation_id"], p["conversation_id"]),
    "followup_id": lambda db, s, home, p: _ids(
        db, "SELECT id FROM followups WHERE resident_id = ? "
            "ORDER BY status = 'in_progress' DESC, id DESC", p["resident_id"]),
    "goal_id": lambda db, s, home, p: _ids(
        db, "SELECT goal_id FROM followup_goals WHERE followup_id = ? ORDER BY position",
        p["followup_id"]) if "followup_id" in p else _ids(
        db, "SELECT id FROM goals WHERE resident_id = ? ORDER BY lifecycle = 'active' DESC, id",
        p["resident_id"]),
    "item_id": lambda db, s, home, p: _ids(
        db, "SELECT id FROM plan_items WHERE resident_id = ? ORDER BY id", p["resident_id"]),
    "wish_id": lambda db, s, home, p: _ids(
        db, "SELECT id FROM plan_items WHERE resident_id = ? AND kind = 'activity'",
        p["resident_id"]),
    "match_id": lambda db, s, home, p: _ids(
        db, "SELECT id FROM mentor_matches WHERE resident_id = ?1 OR mentor_id = ?1",
        p["resident_id"]),
    "trial_id": lambda db, s, home, p: _ids(
        db, f"SELECT id FROM trials WHERE unit_id IN {_in(_units(db, s))} ORDER BY id"),
    "subgoal_id": lambda db, s, home, p: _ids(
        db, f"SELECT id FROM effort_subgoals WHERE unit_id IN {_in(_units(db, s))}"),
    "activity_id": lambda db, s, home, p: _ids(
        db, "SELECT a.id FROM effort_activities a JOIN effort_subgoals g ON g.id = a.subgoal_id "
            f"WHERE g.unit_id IN {_in(_units(db, s))}"),
    "staff_id": lambda db, s, home, p: _ids(db, "SELECT id FROM staff ORDER BY id"),
    "bank_id": lambda db, s, home, p: ["haab-og-droemme", "indflytning"],
    "token": lambda db, s, home, p: ["ikke-en-rigtig-kode"],
}
ORDER = list(PARAMS)  # the order parameters are chosen in (later ones depend on earlier)
MAX_TRIES = 40


def _combinations(db, staff_id: int, home: int, names: list[str], params: dict):
    if not names:
        yield dict(params)
        return
    name, rest = names[0], names[1:]
    for value in PARAMS[name](db, staff_id, home, params)[:8]:
        yield from _combinations(db, staff_id, home, rest, {**params, name: value})


def find_url(site, context, staff_id: int, rule) -> tuple[str | None, int | None]:
    """The first URL of `rule` (demo ids) that answers 200 without a redirect, and the
    last status seen. (None, None) if the rule has no parameters we can fill."""
    unknown = rule.arguments - set(PARAMS)
    assert not unknown, (f"{rule.rule}: no way to build its URL: add candidates for "
                         f"{sorted(unknown)} to PARAMS in {Path(__file__).name}")
    names = sorted(rule.arguments, key=ORDER.index)
    query = (QUERIES.get(rule.endpoint) or [{}])[0]
    status = None
    home = site.ids[HOME]
    for params in itertools.islice(_combinations(site.db, staff_id, home, names, {}), MAX_TRIES):
        url = rule.build(params, append_unknown=False)[1]
        url += ("?" + "&".join(f"{k}={v}" for k, v in query.items())) if query else ""
        status = context.request.get(site.url + url, max_redirects=0).status
        if status == 200:
            return url, status
    return None, status


# --- checking one page ------------------------------------------------------------------


def axe(page) -> list[dict]:
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    return result["violations"]


def assert_axe_sees(page) -> None:
    """axe does find problems here: an image without text and text too faint to read."""
    page.evaluate("""() => { const p = document.createElement('p');
        p.innerHTML = '<img src="/static/favicon.svg"> <span class="probe">tekst</span>';
        p.querySelector('.probe').style.color = '#eee'; document.querySelector('main').append(p);
    }""")
    found = {violation["id"] for violation in axe(page)}
    assert {"image-alt", "color-contrast"} <= found, found
    page.reload()


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:4]:
            lines.append(f"    {node['target']}: {node['failureSummary'].splitlines()[-1]}")
    return "\n".join(lines)


class Checker:
    """Visits pages in one browser context and collects every problem (axe violations,
    sideways overflow at 768 px, JavaScript errors, unexpected status)."""

    def __init__(self, site, context, variants):
        self.site, self.context, self.variants = site, context, variants
        self.page = context.new_page()
        self.js_errors: list[str] = []
        self.page.on("pageerror", lambda error: self.js_errors.append(str(error)))
        self.problems: list[str] = []
        self.pages = 0

    def visit(self, path: str, label: str, expect_status=(200,)) -> None:
        response = self.page.goto(self.site.url + path)
        if response.status not in expect_status:
            self.problems.append(f"{label} {path}: status {response.status}")
            return
        if "text/html" not in response.headers.get("content-type", ""):
            self.problems.append(f"{label} {path}: not a page ({response.headers})")
            return
        self.check(label)

    def check(self, label: str) -> None:
        self.pages += 1
        for viewport, settings in self.variants:
            self.page.set_viewport_size(viewport)
            if settings is not None:  # None: as the server set them
                self.page.evaluate(SETTINGS_JS, settings)
            where = f"{label} {self.page.url} at {viewport['width']} px" + (
                " with large text and high contrast" if settings else "")
            violations = axe(self.page)
            if violations:
                self.problems.append(f"{where}:\n{describe(violations)}")
            if viewport == TABLET:
                overflow = self.page.evaluate(OVERFLOW_JS)
                if overflow:
                    self.problems.append(f"{where}: overflows sideways {json.dumps(overflow)}")
        if self.js_errors:
            self.problems.append(f"{label} {self.page.url}: JavaScript errors {self.js_errors}")
            self.js_errors.clear()

    def download(self, endpoint: str, path: str) -> None:
        response = self.context.request.get(self.site.url + path)
        expected = DOWNLOADS[endpoint]
        if endpoint == "plan.export":
            expected = FORMATS[path.rsplit("format=", 1)[1]][2].split(";")[0]
        kind = response.headers.get("content-type", "")
        if response.status != 200 or not kind.startswith(expected):
            self.problems.append(f"download {path}: {response.status} {kind}, want {expected}")

    def assert_clean(self) -> None:
        assert not self.problems, f"{len(self.problems)} problems:\n" + "\n".join(self.problems)


# --- the site and the visits --------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    server, demo_site = build(tmp_path_factory.mktemp("axe"))
    with server:
        yield demo_site
    demo_site.db.close()


@pytest.fixture(scope="module")
def visited():
    """endpoint → who saw it (filled by the role tests, checked by the last test)."""
    return {}


def new_context(browser):
    context = browser.new_context(viewport=LAPTOP, locale="da-DK",
                                  timezone_id="Europe/Copenhagen")
    context.set_default_timeout(10_000)
    context.add_init_script(script=AXE_SCRIPT)  # in every page before its own scripts
    return context


def get_rules(app):
    return [rule for rule in app.url_map.iter_rules()
            if "GET" in rule.methods and rule.endpoint not in NOT_PAGES]


def extra_pages(site, rule) -> list[tuple[str, str]]:
    """More pages of the same route: every question type of the conversation."""
    if rule.endpoint != "conversation.question":
        return []
    return [(f"question ({kind})", site.path(rule.endpoint, resident_id=site.ids[HOME],
                                              conversation_id=site.conversation_id,
                                              question_id=question_id))
            for kind, question_id in site.question_types().items()]


def visit_all(site, checker: Checker, staff_id: int, role: str, visited: dict) -> None:
    refused_seen = False
    for rule in get_rules(site.app):
        if rule.endpoint in ANONYMOUS | HANDOVER_ONLY:
            continue
        if rule.endpoint in REDIRECTS:
            check_redirect(site, checker, rule, role, visited)
            continue
        path, status = find_url(site, checker.context, staff_id, rule)
        if path is None:
            if status in (403, 404) and not refused_seen and not rule.arguments:
                refused_seen = True  # the refusal page, once
                checker.visit(rule.rule, f"{role} refused", expect_status=(status,))
            continue
        visited.setdefault(rule.endpoint, []).append(role)
        base = path.split("?", 1)[0]
        queries = QUERIES.get(rule.endpoint) or [{}]
        for query in queries:
            url = base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")
            if rule.endpoint in DOWNLOADS:
                checker.download(rule.endpoint, url)
            else:
                checker.visit(url, f"{role} {rule.endpoint}")
        for label, extra in extra_pages(site, rule):
            checker.visit(extra, f"{role} {label}")


def check_redirect(site, checker, rule, role, visited) -> None:
    response = checker.context.request.get(site.url + rule.rule, max_redirects=0)
    if response.status == 403:
        return
    target = response.headers.get("location", "")
    if response.status not in (301, 302, 303) or not target.startswith("/"):
        checker.problems.append(f"{rule.rule}: expected a redirect, got {response.status}")
        return
    adapter = site.app.url_map.bind("localhost")
    endpoint = adapter.match(target.split("?")[0])[0]
    assert endpoint not in REDIRECTS | NOT_PAGES, f"{rule.rule} → {target}"
    visited.setdefault(rule.endpoint, []).append(f"{role} (redirect to {endpoint})")


def test_every_page_as_leader(browser, site, visited):
    """Leader: 1280 px as set, 768 px with large text and high contrast."""
    context = new_context(browser)
    checker = Checker(site, context, [(LAPTOP, False), (TABLET, True)])
    login(checker.page, site, LEADER)
    visit_all(site, checker, site.ids[LEADER], "leader", visited)
    context.close()
    assert checker.pages >= 50
    checker.assert_clean()


def test_every_page_as_contact_person(browser, site, visited):
    """Contact person: 768 px as set, 1280 px with large text and high contrast."""
    context = new_context(browser)
    checker = Checker(site, context, [(TABLET, False), (LAPTOP, True)])
    login(checker.page, site, CONTACT)
    visit_all(site, checker, site.ids[CONTACT], "contact", visited)
    context.close()
    assert checker.pages >= 40
    checker.assert_clean()


def test_pages_before_login_and_with_the_screen_handed_over(browser, site, visited):
    both = [(TABLET, False), (LAPTOP, True)]
    context = new_context(browser)
    checker = Checker(site, context, both)
    checker.visit("/log-ind", "login")
    assert_axe_sees(checker.page)
    checker.visit("/findes-ikke", "not found", expect_status=(404,))
    checker.visit(site.path("setup.first_leader", token="ikke-en-rigtig-kode"),
                  "setup link not valid", expect_status=(200, 400, 403, 404, 410))
    page = checker.page  # the second step of a two-factor login
    page.goto(f"{site.url}/log-ind")
    page.get_by_label("Brugernavn").fill(TWO_FACTOR)
    page.get_by_label("Adgangskode").fill(site.passwords[TWO_FACTOR])
    page.get_by_label("Adgangskode").press("Enter")
    page.wait_for_url("**/log-ind/kode")
    checker.check("login code")
    visited.update({endpoint: ["anonymous"] for endpoint in ANONYMOUS})
    context.close()

    context = new_context(browser)
    checker.context, checker.page = context, context.new_page()
    checker.page.on("pageerror", lambda error: checker.js_errors.append(str(error)))
    hand_over(checker.page, site)
    checker.variants = [(TABLET, None), (LAPTOP, False)]  # large text: the resident's switch
    assert "large-text" in checker.page.evaluate("document.body.className")
    for rule in get_rules(site.app):
        view = site.app.view_functions[rule.endpoint]
        if getattr(view, "handover_allowed", False) and rule.endpoint not in DOWNLOADS:
            path, _status = find_url(site, context, site.ids[CONTACT], rule)
            if path is None:  # nothing of this kind for Karin (the staff tests saw it)
                continue
            checker.visit(path, f"handover {rule.endpoint}")  # one question type is enough
    checker.visit("/beboere/", "handover refused", expect_status=(403,))
    checker.visit(site.path("handover.exit"), "handover exit")
    visited["handover.exit"] = ["handover"]
    context.close()
    assert checker.pages >= 8
    checker.assert_clean()


FOCUS_JS = """() => { const e = document.activeElement, style = getComputedStyle(e);
  return {what: e.tagName.toLowerCase() + (e.type ? '[' + e.type + ']' : '') + ' ' +
                (e.innerText || e.name || e.id || '').trim().slice(0, 30),
          style: style.outlineStyle, width: parseFloat(style.outlineWidth)}; }"""


@pytest.mark.parametrize("settings", [False, True], ids=["as set", "high contrast"])
def test_focus_is_always_visible(browser, site, settings):
    """Tab through the profile page (links, buttons, a select, checkboxes, text fields):
    every element that gets focus has a solid outline of at least 2 px."""
    context = new_context(browser)
    page = context.new_page()
    login(page, site, CONTACT)
    page.goto(site.url + site.path("auth.profile"))
    page.evaluate(SETTINGS_JS, settings)
    seen = []
    for _ in range(40):  # to the end of the page, where focus leaves for the browser
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_JS)
        if focus["what"].startswith("body"):
            break
        seen.append(focus["what"])
        assert focus["style"] == "solid" and focus["width"] >= 2, (focus, seen)
    assert len(seen) >= 15, seen
    kinds = {what.split(" ")[0] for what in seen}
    assert {"a", "button[submit]", "select[select-one]", "input[checkbox]",
            "input[password]"} <= kinds, kinds
    context.close()


def hand_over(page, site) -> None:
    """Give the screen to Karin, who switches large text on in the header."""
    login(page, site, CONTACT)
    page.goto(site.url + site.path("residents.show", resident_id=site.ids[HOME]))
    page.get_by_role("button", name="Giv skærmen til beboeren").first.click()
    page.wait_for_url("**/skaerm")
    switch = page.get_by_role("button", name="Stor tekst")
    assert switch.get_attribute("aria-pressed") == "false"
    switch.click()
    page.wait_for_url("**/skaerm")
    assert page.get_by_role("button", name="Stor tekst").get_attribute("aria-pressed") == "true"


def test_every_get_route_was_visited(site, visited):
    """Runs last: every GET route was seen as a page (or checked as a download)."""
    missing = [f"{rule.rule} ({rule.endpoint})" for rule in get_rules(site.app)
               if rule.endpoint not in visited]
    assert not missing, (
        "No page was checked for these routes; make the demo (or demo_site.py) hold an "
        "object they can show, add candidates to PARAMS or a query to QUERIES:\n  "
        + "\n  ".join(missing))
