"""Read aloud (static/js/readaloud.js): "Læs op" speaks the question and its choices, and
Min plan with its dreams, goals and the samtalekort in words, in Danish (utterance.lang
"da-DK", a voice whose lang starts with "da"); "Stop" stops. The browser's speech
synthesis is replaced by a recorder (an init script), so the test hears what would be
said. Without speech synthesis the buttons are not shown."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from samtale import plan
from samtale.picture import describe
from tests.browser.conftest import LAPTOP
from tests.browser.demo_site import CONTACT, HOME, build, login

pytestmark = pytest.mark.browser

RECORDER = """
window.__spoken = [];
window.__cancelled = 0;
const voices = [
  {name: 'English', lang: 'en-GB', localService: true, default: true, voiceURI: 'en'},
  {name: 'Dansk', lang: 'da-DK', localService: true, default: false, voiceURI: 'da'},
];
window.SpeechSynthesisUtterance = function (text) {
  this.text = text; this.lang = ''; this.voice = null; this.onend = null; this.onerror = null;
};
Object.defineProperty(window, 'speechSynthesis', {configurable: true, value: {
  speaking: false, pending: false, paused: false,
  getVoices: () => voices,
  speak: u => window.__spoken.push({text: u.text, lang: u.lang, voice: u.voice && u.voice.name}),
  cancel: () => { window.__cancelled += 1; },
  pause() {}, resume() {}, addEventListener() {}, removeEventListener() {},
}});
"""
NO_SPEECH = ("Object.defineProperty(window, 'speechSynthesis', "
             "{configurable: true, value: undefined});")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    server, demo_site = build(tmp_path_factory.mktemp("read-aloud"))
    with server:
        yield demo_site
    demo_site.db.close()


def spoken(page) -> list[dict]:
    return page.evaluate("window.__spoken")


def new_page(browser, site, init_script: str):
    context = browser.new_context(viewport=LAPTOP, locale="da-DK")
    context.add_init_script(script=init_script)
    page = context.new_page()
    login(page, site, CONTACT)
    return context, page


def test_the_question_and_its_choices_are_read_in_danish(browser, site):
    context, page = new_page(browser, site, RECORDER)
    karin = site.ids[HOME]
    page.goto(site.url + site.path("conversation.question", resident_id=karin,
                                   conversation_id=site.conversation_id,
                                   question_id="trivsel_nu"))
    read = page.get_by_role("button", name="Læs op: spørgsmålet")
    stop = page.get_by_role("button", name=re.compile("^Stop"))
    assert stop.is_hidden()
    read.click()
    said = spoken(page)
    assert [part["text"] for part in said] == [
        "Hvordan har du det for tiden?", "Meget skidt", "Skidt", "Både og", "Godt",
        "Rigtig godt"]
    assert {(part["lang"], part["voice"]) for part in said} == {("da-DK", "Dansk")}
    expect(stop).to_be_visible()
    stop.click()
    assert page.evaluate("window.__cancelled") >= 2  # once before speaking, once to stop
    expect(stop.is_hidden() and read).to_be_visible()
    assert page.evaluate("document.activeElement.hasAttribute('data-read-start')")
    context.close()


def test_min_plan_is_read_with_its_dreams_goals_and_picture(browser, site):
    context, page = new_page(browser, site, RECORDER)
    karin = site.ids[HOME]
    page.goto(site.url + site.path("plan.min_plan", resident_id=karin))
    page.get_by_role("button", name="Læs op: hele min plan").click()
    said = [part["text"] for part in spoken(page)]
    assert {part["lang"] for part in spoken(page)} == {"da-DK"}
    data = plan.build(site.db, karin)
    dreams = [dream["text"] for dream in data["dreams"]]
    goals = [goal["text"] for goal in data["goals"] if goal["lifecycle"] != "abandoned"]
    assert dreams and goals
    for text in ["Min plan", "Mine håb og drømme", *dreams, "Mine mål", *goals]:
        assert text in said, (text, said)
    assert said.index("Mine håb og drømme") < said.index(dreams[0]) < said.index("Mine mål")
    picture = [line for line in describe(data, "da").splitlines() if line.strip()]
    assert said[-len(picture):] == picture  # the samtalekort in words comes last
    assert not any("Læs op" in text or "Gem mit valg" in text for text in said)

    page.evaluate("window.__spoken = []")
    page.get_by_role("button", name="Læs op: Mine mål").click()
    said = [part["text"] for part in spoken(page)]
    assert said[0] == "Mine mål" and goals[0] in said and dreams[0] not in said[:2]
    context.close()


def test_without_speech_synthesis_there_are_no_buttons(browser, site):
    context, page = new_page(browser, site, NO_SPEECH)
    page.goto(site.url + site.path("plan.min_plan", resident_id=site.ids[HOME]))
    expect(page.get_by_role("heading", name="Mine mål")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Læs op"))).to_have_count(0)
    assert page.locator("[data-read-for]").first.is_hidden()
    context.close()


def test_in_the_english_ui_the_plan_is_read_in_english(browser, site):
    from samtale import staff

    staff.set_language(site.db, site.ids["demo.jonas"], "en")
    context = browser.new_context(viewport=LAPTOP, locale="en-GB")
    context.add_init_script(script=RECORDER)
    page = context.new_page()
    login(page, site, "demo.jonas")
    page.goto(site.url + site.path("plan.min_plan", resident_id=site.ids[HOME]))
    page.get_by_role("button", name="Read aloud: my whole plan").click()
    said = spoken(page)
    assert said[0]["text"] == "My plan"
    assert {(part["lang"], part["voice"]) for part in said} == {("en", "English")}
    context.close()
