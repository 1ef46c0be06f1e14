"""Keyboard alone, in Chromium at tablet width, on the demo data: log in, start the Håb og
drømme conversation from the start page and answer every question (every question
type), accept two suggestions on the review page, finish, open Min plan, start a
follow-up and evaluate one goal.

Never the mouse: only page.keyboard (Tab, Shift+Tab, Space, Enter, arrow keys in radio
groups) and typing into the focused element. Before every key that does something, the
test asserts which element has focus, so it proves the tab order makes sense: the skip
link first, then the page's own order; on a question screen focus starts on the
question, and the next Tab is the answer."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import TABLET
from tests.browser.demo_site import CONTACT, HOME, build

pytestmark = pytest.mark.browser

FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return {tag: 'body', text: '', id: ''};
  const label = e.labels && e.labels.length ? e.labels[0].innerText : '';
  const words = s => (s || '').replace(/\\s+/g, ' ').trim();
  return {tag: e.tagName.toLowerCase(), id: e.id, name: e.getAttribute('name') || '',
          type: e.getAttribute('type') || '', value: e.value || '', checked: !!e.checked,
          label: words(label), text: words(e.getAttribute('aria-label') || e.innerText),
          // a date field's calendar button has focus: it draws its own ring
          outline: e.type === 'date' && !e.matches(':focus') ? 'calendar button'
                   : getComputedStyle(e).outlineStyle};
}"""
DREAM = "Jeg drømmer om at arbejde i et køkken."
FIRST_STEP = "Jeg spørger i køkkenet, om jeg må hjælpe."
EVALUATION = "Jeg har været i køkkenet to gange, og jeg var glad bagefter."
TEXTS = {  # the answer typed for each text question
    "godt_lige_nu": "Min kat og min altan.", "droem": DREAM,
    "gammel_droem": "Jeg ville gerne have haft en hund.", "god_til": "Jeg er god til at lave mad.",
    "vigtige_mennesker": "Min søster Lone.", "hvem_hjaelper": "Min kontaktperson.",
    "foerste_skridt": FIRST_STEP, "halve_aar": "Om et halvt år vil jeg lave frokost i huset.",
}
# the choice for each choice question: how many steps with the arrow key after Space
ARROWS = {"trivsel_nu": 3, "droem_lagt_vaek": 0, "hjaelper_mod_droem": 0,
          "tro_paa_droem": 1, "lettere": 1, "droemme_i_plan": 0}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    server, demo_site = build(tmp_path_factory.mktemp("keyboard"), extras=False)
    with server:
        yield demo_site
    demo_site.db.close()


def focused(page) -> dict:
    return page.evaluate(FOCUSED)


def key(page, name: str) -> dict:
    page.keyboard.press(name)
    return focused(page)


def tab_to(page, wanted, *, limit: int = 60, backwards: bool = False) -> list[dict]:
    """Press Tab until `wanted(focused)`; every element on the way is visible and has a
    visible outline. Returns the path (the last one is the wanted element)."""
    path = []
    for _ in range(limit):
        now = key(page, "Shift+Tab" if backwards else "Tab")
        assert now["tag"] != "body", f"focus fell out of the page after {path[-3:]}"
        assert now["outline"] != "none" or now["id"] == "indhold", f"no visible focus: {now}"
        path.append(now)
        if wanted(now):
            return path
    raise AssertionError(f"not reached in {limit} Tabs; went through {path}")


def named(text: str):
    return lambda f: f["text"] == text or f["text"].startswith(text)


def enter_and_wait(page, url_part: str | re.Pattern = "") -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")
    if url_part:
        page.wait_for_url(re.compile(url_part) if isinstance(url_part, str) else url_part)


def skip_to_content(page) -> None:
    """A new page: the first Tab is the skip link, Enter puts focus on the content."""
    assert focused(page)["tag"] == "body"
    link = key(page, "Tab")
    assert link["text"] == "Spring til indholdet", link
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "indhold"


# --- steps ------------------------------------------------------------------------------


def log_in(page, site) -> None:
    page.goto(f"{site.url}/log-ind")  # the only navigation that is not a key press
    path = tab_to(page, lambda f: f["id"] == "username")
    assert path[0]["text"] == "Spring til indholdet"
    page.keyboard.type(CONTACT)
    assert key(page, "Tab")["id"] == "password"
    page.keyboard.type(site.passwords[CONTACT])
    enter_and_wait(page, r"/$")


def start_conversation(page) -> None:
    skip_to_content(page)
    tab_to(page, named(f"Ny samtale med {HOME}"))
    enter_and_wait(page, "/samtaler/ny")
    skip_to_content(page)
    tab_to(page, named("Start samtalen Håb og drømme"))
    enter_and_wait(page, "/spoergsmaal/")


def wait_for_heading_focus(page) -> dict:
    """The question screen puts focus on the question (autofocus: done when the page
    is first drawn, which may be just after the load event)."""
    expect(page.locator("#question-h")).to_be_focused(timeout=3000)
    return focused(page)


def question_id(page) -> str:
    return page.url.split("/spoergsmaal/")[1].split("?")[0]


def answer_choice(page, qid: str, first: dict) -> list[str]:
    assert first["name"] == "answer", first
    if first["type"] == "radio":
        now = key(page, "Space")
        assert now["checked"], now
        for _ in range(ARROWS[qid]):
            now = key(page, "ArrowRight")
        assert now["checked"] and now["name"] == "answer", now
        return [now["value"]]
    checked = []
    for _ in range(2):  # two checkboxes: Space, Tab, Space
        now = focused(page)
        assert now["type"] == "checkbox", now
        checked.append(key(page, "Space")["value"])
        key(page, "Tab")
    key(page, "Shift+Tab")
    return checked


def answer_question(page) -> tuple[str, object]:
    """Focus is on the question; answer it and press Næste. Returns (id, answer)."""
    qid = question_id(page)
    heading = wait_for_heading_focus(page)
    assert heading["id"] == "question-h", f"{qid}: focus is not on the question: {heading}"
    assert heading["text"] == page.locator("h1").inner_text().strip()
    first = key(page, "Tab")  # the answer comes right after the question
    if first["tag"] in ("textarea", "input") and first["type"] in ("", "text"):
        assert first["id"] == "answer", first
        page.keyboard.type(TEXTS[qid])
        given = TEXTS[qid]
    else:
        given = answer_choice(page, qid, first)
    rest = tab_to(page, named("Næste"))
    kinds = [(f["name"], f["type"]) for f in rest[:-1]]
    assert set(kinds) <= {("answer", "checkbox"), ("written_by", "radio")}, kinds
    assert ("written_by", "radio") in kinds, f"{qid}: the writer was not between: {kinds}"
    enter_and_wait(page)
    return qid, given


def accept_two_suggestions(page) -> list[str]:
    accepted = []
    for _ in range(2):
        skip_to_content(page)
        path = tab_to(page, lambda f: f["name"] == "text" and f["tag"] == "textarea", limit=80)
        assert all(f["text"].startswith("Ret svaret") for f in path[:-1]), path[:3]
        text = path[-1]["value"]
        assert text, "an empty suggestion"
        after = tab_to(page, named("Tag med i planen"))
        assert [f["name"] for f in after[-3:-1]] == ["target", "ffb_theme"] or \
            [f["name"] for f in after[-4:-1]] == ["target", "ffb_theme", "dream_id"], after
        enter_and_wait(page, "/gennemse")
        accepted.append(text)
    return accepted


def finish_and_open_min_plan(page) -> None:
    skip_to_content(page)
    tab_to(page, named("Afslut samtalen"), limit=120)
    enter_and_wait(page)
    tab_to(page, named("Start"), backwards=False)
    enter_and_wait(page, r"/$")
    skip_to_content(page)
    tab_to(page, lambda f: f["text"].startswith("Min plan") and HOME in f["text"])
    enter_and_wait(page, "/plan$")


def evaluate_one_goal(page) -> str:
    skip_to_content(page)
    tab_to(page, named("Opfølgning"))
    enter_and_wait(page, "/opfoelgning$")
    skip_to_content(page)
    tab_to(page, named("Start opfølgning"))
    enter_and_wait(page, "/maal/")  # straight to the first goal, the goal in focus
    goal = wait_for_heading_focus(page)
    what = tab_to(page, lambda f: f["id"] == "fu-what")[-1]
    assert what["label"].startswith("Hvad er der sket"), what
    page.keyboard.type("Jeg har hjulpet til to gange.")
    status = tab_to(page, lambda f: f["name"] == "status")[-1]
    assert not status["checked"] and status["value"] == "green", status
    assert key(page, "Space")["checked"]
    text = tab_to(page, lambda f: f["id"] == "fu-text")[-1]
    assert text["label"].startswith("Evaluering"), text
    page.keyboard.type(EVALUATION)
    writer = tab_to(page, lambda f: f["name"] == "written_by")[-1]
    if writer["value"] != "resident":  # Tab lands on the chosen one; the arrow moves
        assert writer["checked"] and key(page, "ArrowLeft")["value"] == "resident"
    assert key(page, "Space")["value"] == "resident"
    agrees = key(page, "Tab")
    assert agrees["name"] == "resident_agrees" and writer["name"] == "written_by", agrees
    assert key(page, "Space")["value"] == "ja"
    tab_to(page, named("Gem og gå videre"))
    enter_and_wait(page)
    return goal["text"]


@pytest.mark.browser
def test_conversation_and_plan_with_the_keyboard_alone(browser, site):
    context = browser.new_context(viewport=TABLET, locale="da-DK",
                                  timezone_id="Europe/Copenhagen")
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    log_in(page, site)
    start_conversation(page)
    answered = {}
    while "/spoergsmaal/" in page.url:
        qid, given = answer_question(page)
        answered[qid] = given
        assert len(answered) <= 20
    types = {q.type for q in site_bank_questions(site) if q.id in answered}
    assert types == {"scale", "long_text", "life_area", "yes_no", "multi_choice",
                     "short_text", "single_choice"}, types
    stored = {qid: json.loads(value) for qid, value in site.db.execute(
        "SELECT question_id, value FROM answers WHERE conversation_id = "
        "(SELECT max(id) FROM conversations)")}
    for qid, given in answered.items():  # what the keys chose is what was saved
        value = stored[qid]
        assert (value if isinstance(given, str) else
                [str(v) for v in (value if isinstance(value, list) else [value])]) == given, qid
    assert stored["droem"] == DREAM and str(stored["tro_paa_droem"]) == "2"

    accepted = accept_two_suggestions(page)
    finish_and_open_min_plan(page)
    plan_text = page.locator("main").inner_text()
    for text in accepted:
        assert text in plan_text, text

    evaluate_one_goal(page)
    saved = site.db.execute("SELECT text, written_by, resident_agrees FROM evaluations "
                            "ORDER BY id DESC LIMIT 1").fetchone()
    assert saved == (EVALUATION, "resident", 1), saved
    assert not errors, errors
    context.close()


def site_bank_questions(site):
    from samtale.views.conversation.bankset import bank_set

    return bank_set(None).get("haab-og-droemme").questions


@pytest.mark.browser
def test_the_samtalekort_beside_the_question_opens_with_the_keyboard(browser, site):
    """Closed at first and not even loaded (the page stays under 100 KB); Enter on "Vis
    mit samtalekort" opens it."""
    context = browser.new_context(viewport=TABLET, locale="da-DK")
    page = context.new_page()
    log_in(page, site)
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    start_conversation(page)
    wait_for_heading_focus(page)
    summary = tab_to(page, named("Vis mit samtalekort"))[-1]
    assert summary["tag"] == "summary"
    assert not any("samtalekort.svg" in url for url in asked)  # loaded only when opened
    weight = page.evaluate("""() => performance.getEntriesByType('navigation')
        .concat(performance.getEntriesByType('resource'))
        .reduce((sum, entry) => sum + entry.decodedBodySize, 0)""")
    assert 10_000 < weight < 100_000, weight  # the page, its CSS and scripts: under 100 KB
    picture = page.locator(".picture-peek img")
    expect(picture).to_be_hidden()
    page.keyboard.press("Enter")
    picture.evaluate("img => img.decode()")  # loads and decodes it, or fails
    expect(picture).to_be_visible()
    assert any("samtalekort.svg" in url for url in asked)
    link = key(page, "Tab")
    assert link["text"] == "Samtalekortet i ord og til udskrift", link
    context.close()
