"""The page side of docs/performance.md, each fix pinned by a test that fails without it:
the number of SQL statements a page runs does not grow with the data it shows; the
start page lists a few other residents and /beboere pages through them with a name
search; templates get the environment's globals as a dict, read dict keys without an
exception and build each URL shape once; template gettext is Jinja's newstyle gettext;
a question's place takes one walk; the samtalekort is drawn once per plan content; the
autosave's clock text is Babel's."""

from __future__ import annotations

import re
import sys

import pytest
from babel.dates import format_datetime
from flask import render_template_string, request
from jinja2 import Environment
from werkzeug.routing import BuildError
from werkzeug.routing.map import MapAdapter

from samtale import clock, flow, goals, i18n
from samtale.banks import default_folders, load_banks
from samtale.goals import Action, GoalDraft, SubGoal
from samtale.picture import render as picture_render
from samtale.views.conversation.common import clock_text
from samtale.web import db as web_db
from samtale.web.i18n import template_gettext, template_ngettext
from samtale.web.templating import PageUrls, UrlShapes


@pytest.fixture
def house(helpers, client):
    ids = helpers.house()
    helpers.login(client, "mette")
    return ids


def statements(app, client, path: str) -> int:
    """How many SQL statements GET `path` runs (on this thread's connection), once the
    session holds its CSRF token (the first page that makes one stores it)."""
    client.get(path)
    web_db.release_thread_connection()
    seen: list[str] = []
    conn = web_db.thread_connection(str(app.config["DATABASE"])).conn
    conn.set_trace_callback(seen.append)
    try:
        response = client.get(path)
    finally:
        conn.set_trace_callback(None)
    assert response.status_code == 200, path
    return len(seen)


def _goals(db, resident_id: int, count: int) -> None:
    for n in range(count):
        goals.create(db, resident_id, GoalDraft(
            f"Jeg går en tur nummer {n}.", subgoals=[SubGoal("Jeg tager skoene på.")],
            actions=[Action("Gå ud", "me", None, "hver dag")]), staff_id=None, staff_name=None)


def test_min_plan_runs_as_many_statements_for_ten_goals_as_for_one(app, client, house, db):
    karin, bo = house["karin"], house["bo"]
    _goals(db, karin, 1)
    _goals(db, bo, 10)
    assert statements(app, client, f"/beboere/{bo}/plan") == \
        statements(app, client, f"/beboere/{karin}/plan")


def test_start_page_runs_as_many_statements_for_many_residents_as_for_few(
        app, client, house, helpers):
    few = statements(app, client, "/")
    for n in range(40):
        helpers.resident(f"Beboer {n:02d}", house["north"])
    assert statements(app, client, "/") == few


def test_start_page_lists_thirty_other_residents_and_links_to_all(client, house, helpers):
    for n in range(45):
        helpers.resident(f"Beboer {n:02d}", house["north"])
    page = client.get("/").get_data(as_text=True)
    assert "Beboer 29" in page and "Beboer 30" not in page and "Bo H." not in page
    assert "Se alle 47 beboere i mine afdelinger" in page
    assert 'href="/beboere/"' in page


def test_the_resident_list_pages_through_fifty_at_a_time(client, house, helpers):
    for n in range(60):
        helpers.resident(f"Beboer {n:02d}", house["north"])
    first = client.get("/beboere/").get_data(as_text=True)
    second = client.get("/beboere/?side=2").get_data(as_text=True)
    assert "Karin S." in first and "Beboer 48" in first and "Beboer 49" not in first
    assert "Beboer 49" in second and "Bo H." in second and "Karin S." not in second
    assert "Side 2 af 2 (62 beboere)" in second
    assert 'href="/beboere/?side=1"' in second and "?side=3" not in second


def test_the_resident_list_searches_by_name(client, house, helpers):
    helpers.resident("Søren Å.", house["north"])
    page = client.get("/beboere/?navn=karin").get_data(as_text=True)
    assert "Karin S." in page and "Bo H." not in page
    assert "Søren Å." in client.get("/beboere/?navn=Søren").get_data(as_text=True)
    none = client.get("/beboere/?navn=100%25_").get_data(as_text=True)  # LIKE's wildcards
    assert "Ingen beboere har et navn med «100%_»." in none
    assert "Sara L." not in client.get("/beboere/?navn=Sara").get_data(as_text=True)  # Syd


def test_templates_get_the_environments_globals_itself(app):
    template = app.jinja_env.get_template("base.html")
    assert template.globals is app.jinja_env.globals


def _sample_values(rule) -> list[dict]:
    parts = re.findall(r"<([^>]*)>", rule.rule)
    names = [part.split(":")[-1] for part in parts]
    if not all(part.startswith("int:") for part in parts):
        return [{part.split(":")[-1]: 5 if part.startswith("int:") else "a b/ø"
                 for part in parts}]
    return [{name: 7 for name in names}, {name: 1234 + n for n, name in enumerate(names)},
            dict(reversed([(name, 3 + n) for n, name in enumerate(names)])), {}]


@pytest.mark.parametrize("base", ["http://localhost/", "http://localhost/samtale/"])
def test_page_urls_are_the_urls_flask_builds_for_every_route(app, base):
    shapes = UrlShapes(app)
    with app.test_request_context("/", base_url=base):
        urls = PageUrls(app.url_for, request.script_root, shapes)
        for rule in app.url_map.iter_rules():
            for values in _sample_values(rule):
                try:
                    expected = app.url_for(rule.endpoint, **values)
                except BuildError:
                    continue
                assert urls(rule.endpoint, **values) == expected, (rule.endpoint, values)
        assert urls("plan.min_plan", resident_id=5, x=1) == f"{request.script_root}/beboere/" \
                                                          "5/plan?x=1"
        assert urls("plan.min_plan", resident_id=True) == app.url_for("plan.min_plan",
                                                                      resident_id=True)


def test_a_page_builds_each_url_shape_once(app, monkeypatch):
    builds = []
    real = MapAdapter.build
    monkeypatch.setattr(MapAdapter, "build", lambda *a, **k: builds.append(1) or real(*a, **k))
    source = ("{% for n in ids %}{{ url_for('plan.min_plan', resident_id=n) }} "
              "{{ url_for('conversation.show', resident_id=n, conversation_id=n + 1) }} "
              "{{ url_for('start.index') }} {{ url_for('static', filename='css/app.css') }} "
              "{% endfor %}")
    with app.test_request_context("/"):
        rendered = render_template_string(source, ids=[0, 7, 1234567]).split()
    assert rendered[4:8] == ["/beboere/7/plan", "/beboere/7/samtaler/8", "/",
                             "/static/css/app.css"]
    assert len(builds) == 4


@pytest.mark.parametrize("obj, attribute", [
    ({"name": "Karin"}, "name"), ({"items": 3}, "items"), ({"get": 1}, "get"), ({}, "name"),
    ({"a": None}, "a"), ([1, 2], "name"), ("tekst", "upper"), (None, "name"),
])
def test_reading_a_dict_key_as_an_attribute_is_jinjas_answer(app, obj, attribute):
    ours = app.jinja_env.getattr(obj, attribute)
    theirs = Environment.getattr(app.jinja_env, obj, attribute)
    assert type(ours) is type(theirs)
    assert ours == theirs or callable(ours) or type(ours).__name__.endswith("Undefined")


def test_reading_dict_keys_in_a_template_raises_nothing_underneath(app):
    template = app.jinja_env.from_string("{% for d in rows %}{{ d.name }}{{ d.id }}{% endfor %}")
    rows = [{"id": n, "name": f"Beboer {n}"} for n in range(50)]
    raised = []

    def watch(_frame, event, arg):
        if event == "c_exception":
            raised.append(arg)

    sys.setprofile(watch)
    try:
        output = template.render(rows=rows)
    finally:
        sys.setprofile(None)
    assert output.startswith("Beboer 00Beboer 11")
    assert not raised


def _jinja_reference(lang: str) -> Environment:
    env = Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
    catalog = i18n.catalog(lang)
    env.install_gettext_callables(catalog.ugettext, catalog.ungettext, newstyle=True)
    return env


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("source", [
    "{{ _('Ikke i dag') }}",
    "{{ _('Goddag, %(name)s', name='<b>Bo</b>') }}",
    "{{ _('100%% sikker') }}",
    "{{ _('Spørgsmål %(n)s af %(total)s', n=3, total='<7>') }}",
    "{{ ngettext('en beboer', '%(num)s beboere', 1) }} {{ ngettext('en beboer', "
    "'%(num)s beboere', 3) }}",
])
def test_template_gettext_is_jinjas_newstyle_gettext(lang, source):
    env = Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
    env.globals.update(_=template_gettext, gettext=template_gettext, ngettext=template_ngettext)
    with i18n.locale(lang):
        assert env.from_string(source).render() == \
            _jinja_reference(lang).from_string(source).render()


def test_a_place_is_what_progress_previous_and_next_say():
    bank = load_banks(default_folders(None)).get("haab-og-droemme")
    for answers in ({}, {"droem": "At bo ved havet", "droem_lagt_vaek": "ja",
                         "tro_paa_droem": 1, "hjaelper_mod_droem": "nej"}):
        visible = flow.visible_questions(bank, answers)
        for question in bank.questions:
            where = flow.place(bank, answers, question.id)
            assert list(where.visible) == visible
            assert where.shown == (question in visible)
            assert (where.number, where.total) == flow.progress(bank, answers, question.id)
            assert where.previous == flow.previous_question(bank, answers, question.id)
            assert where.following == flow.next_question(bank, answers, question.id)


def test_the_samtalekort_is_drawn_once_per_plan_content(monkeypatch):
    draws = []
    real = picture_render._draw
    monkeypatch.setattr(picture_render, "_draw", lambda *a, **k: draws.append(1) or real(*a, **k))
    picture_render._DRAWN.clear()
    plan = {"schema_version": "1.0", "generated_at": "2026-11-25T10:00:00.000000Z",
            "language": "da", "resident": {"id": 1, "display_name": "Karin S.", "unit": "Nord",
                                           "moved_in": None, "status": "bor_her",
                                           "contact_persons": []},
            "dreams": [{"id": 1, "text": "Jeg drømmer om havet.", "ffb_theme": None,
                        "created_at": "2026-11-25T10:00:00.000000Z", "source": None}],
            "resources": [], "network": [], "activity_wishes": [], "goals": [],
            "next_follow_up": None, "history": []}
    first = picture_render.render_svg(plan)
    later = {**plan, "generated_at": "2026-11-26T09:00:00.000000Z"}
    assert picture_render.render_svg(later) == first
    assert len(draws) == 1
    changed = {**plan, "dreams": [{**plan["dreams"][0], "text": "Jeg drømmer om bjerge."}]}
    assert "bjerge" in picture_render.render_svg(changed)
    picture_render.render_svg(plan, lang="en")
    assert len(draws) == 3
    picture_render._DRAWN.clear()


@pytest.mark.parametrize("stored", ["2026-11-25T13:05:09.000001Z", "2026-03-29T00:59:59.0Z",
                                    "2026-03-29T01:00:00.000000Z", "2026-10-25T00:30:00.5Z"])
@pytest.mark.parametrize("lang, pattern", [("da", "HH.mm"), ("en", "HH:mm")])
def test_the_autosaves_clock_text_is_what_babel_writes(app, stored, lang, pattern):
    with app.test_request_context("/"):
        from flask import session

        session["language"] = lang
        app.preprocess_request()  # sets the request's locale, as for every request
        moment = clock.parse_iso(stored.replace(".0Z", ".000000Z").replace(".5Z", ".500000Z"))
        expected = format_datetime(moment, pattern, tzinfo=clock.COPENHAGEN, locale=lang)
        assert clock_text(clock.to_iso(moment)) == expected
