"""The samtalekort picture: life areas over every FFB theme, valid and self-contained SVG,
every item's words in it (escaped), status as words, nothing outside its card, and the
picture in the PDF."""

import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from markupsafe import Markup
from pypdf import PdfReader

from samtale import ffb, migrations
from samtale.db import open_db
from samtale.export import export_plan, to_pdf
from samtale.picture import (
    HEIGHT,
    OTHER,
    WIDTH,
    area_key,
    describe,
    entries_by_area,
    icons,
    life_areas,
    render,
    render_svg,
    tile,
)
from samtale.picture.metrics import text_width, wrap

DATA = Path(__file__).parent / "data"
NS = "{http://www.w3.org/2000/svg}"
TRICKY = [
    "Kommunikationsudstyrsanvendelse",
    "æøå ÆØÅ 🌻🏡 Åse",
    "<script>alert('x')</script> & \"citat\"",
    "Jeg drømmer om at rejse til Færøerne og se lunder på klipperne sammen med min bror",
]


def load(name: str) -> dict:
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def theme(index: int | None) -> dict | None:
    if index is None:
        return None
    concept = ffb.themes()[index % len(ffb.themes())]
    return {"code": concept.code, "display": concept.display}


def stress_plan() -> dict:
    """30 dreams, 40 goals and ten of each other kind, with long words, æøå, emoji and
    markup, spread over every area (every fifth without a theme)."""
    plan = load("plan_full")
    goal = plan["goals"][0]

    def item(i: int, kind: str) -> dict:
        return {"id": i + 1, "text": f"{TRICKY[i % 4]} {kind} {i + 1}",
                "ffb_theme": theme(None if i % 5 == 0 else i * 7),
                "created_at": "2026-09-02T09:41:12.000000Z", "source": None}

    plan["resident"] = {**plan["resident"], "display_name": "Anne-Sofie <b>Ø</b> & co"}
    plan["dreams"] = [item(i, "drøm") for i in range(30)]
    plan["resources"] = [item(i, "styrke") for i in range(10)]
    plan["network"] = [item(i, "netværk") for i in range(10)]
    plan["activity_wishes"] = [{**item(i, "aktivitet"), "share_on_board": False}
                               for i in range(10)]
    plan["goals"] = [
        {**goal, "id": i + 1, "text": f"{TRICKY[i % 4]} mål {i + 1}", "dream_id": None,
         "ffb_theme": theme(None if i % 5 == 0 else i * 3),
         "status": ("green", "yellow", "red", None)[i % 4],
         "lifecycle": ("active", "active", "achieved", "proposed", "active")[i % 5]}
        for i in range(40)
    ]
    return plan


@pytest.fixture(scope="module")
def full_svg() -> str:
    return render_svg(load("plan_full"))


@pytest.fixture(scope="module")
def stress_svg() -> str:
    return render_svg(stress_plan())


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def texts(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(f"{NS}text"))


def visible_text(root: ET.Element) -> str:
    return " ".join("".join(t.itertext()) for t in texts(root))


def tooltips(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{NS}title")]


def plan_texts(plan: dict) -> list[str]:
    kinds = ("dreams", "resources", "network", "activity_wishes")
    found = [item["text"] for key in kinds for item in plan[key]]
    return found + [g["text"] for g in plan["goals"] if g["lifecycle"] != "abandoned"]


# ---- life areas ----------------------------------------------------------------------


def test_every_ffb_theme_is_in_exactly_one_life_area():
    areas = life_areas()
    for concept in ffb.themes():
        holders = [a.key for a in areas if concept.code in a.theme_codes]
        assert holders == [area_key(concept.code)], concept.display
        assert holders != [OTHER], concept.display
    assert sum(len(a.theme_codes) for a in areas) == len(ffb.themes())


def test_life_areas_have_distinct_danish_and_english_names():
    areas = life_areas()
    assert 6 <= len(areas) - 1 <= 8 and areas[-1].key == OTHER
    assert areas[-1].theme_codes == ()
    for lang in ("da", "en"):
        names = [a.name(lang) for a in areas]
        assert len(set(names)) == len(names) and all(names)
    assert areas[0].name("da") != areas[0].name("en")


@pytest.mark.parametrize("display, key", [
    ("Lave mad", "home"), ("Boligsituation", "home"), ("Egenomsorg", "home"),
    ("Personer i netværk", "family"), ("Varetage relationer til netværk", "family"),
    ("Familiesituation", "family"), ("Samtale", "family"),
    ("Deltage i sociale fællesskaber og fritidsaktiviteter", "leisure"),
    ("Interesser", "leisure"), ("Dyrke interesse", "leisure"),
    ("Motion", "body"), ("Sundhedsforhold", "body"), ("Varetage egen sundhed", "body"),
    ("Følelser og adfærd", "mind"), ("Mentale funktioner", "mind"),
    ("Varetage beskæftigelse", "work"), ("Uddannelse og job", "work"),
    ("Varetage økonomi", "money"), ("Økonomisk situation", "money"),
])
def test_themes_land_where_a_resident_would_look(display, key):
    code = next(c.code for c in ffb.themes() if c.display == display)
    assert area_key(code) == key


def test_no_theme_and_unknown_codes_go_to_andet():
    assert area_key(None) == OTHER
    assert area_key("00000000-0000-0000-0000-000000000000") == OTHER


def test_a_goal_without_a_theme_sits_with_its_dream():
    plan = load("plan_full")
    plan["goals"][0]["ffb_theme"] = None  # its dream (id 1) is about work
    groups = entries_by_area(plan)
    assert any(e.text == plan["goals"][0]["text"] for e in groups["work"])


def test_abandoned_goals_are_left_out():
    plan = load("plan_full")
    plan["goals"][2]["lifecycle"] = "abandoned"
    assert plan["goals"][2]["text"] not in render_svg(plan)
    assert plan["goals"][2]["text"] not in describe(plan)


# ---- the SVG -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["plan_full", "plan_empty", "stress"])
def test_svg_is_valid_xml_with_an_accessible_name(name):
    plan = stress_plan() if name == "stress" else load(name)
    root = parse(render_svg(plan))
    assert root.tag == f"{NS}svg" and root.get("role") == "img"
    assert root.get("viewBox") == f"0 0 {WIDTH} {HEIGHT}"
    first, second = list(root)[:2]
    assert first.tag == f"{NS}title" and second.tag == f"{NS}desc"
    assert first.text and root.get("aria-label", "").startswith(first.text)


@pytest.mark.parametrize("name", ["plan_full", "plan_empty", "stress"])
def test_no_style_no_script_and_no_external_reference(name):
    plan = stress_plan() if name == "stress" else load(name)
    root = parse(render_svg(plan))
    for element in root.iter():
        assert element.tag.split("}")[1] not in (
            "script", "style", "image", "foreignObject", "a", "use", "link")
        for attribute, value in element.attrib.items():
            assert attribute != "style"
            assert not attribute.endswith("href")
            assert "url(" not in value and "://" not in value


def test_every_item_of_the_full_plan_is_drawn_whole(full_svg):
    plan = load("plan_full")
    root = parse(full_svg)
    shown = " ".join(visible_text(root).split())
    for text in plan_texts(plan):
        assert text in shown  # wrapped over lines, but not shortened or hidden
        assert any(text in tip for tip in tooltips(root))
    assert "…" not in shown and "mere" not in shown
    assert root.get("aria-label") == (
        "Karins samtalekort: 4 drømme, 3 mål, 3 aktivitetsønsker, "
        "3 personer og fællesskaber og 3 styrker.")


def test_each_goal_shows_its_status_as_a_word(full_svg):
    expected = {"green": "går godt", "yellow": "på vej", "red": "svært lige nu"}
    root = parse(full_svg)
    goals = [g for g in root.iter(f"{NS}g") if g.get("data-kind") == "goal"]
    assert len(goals) == 3
    for goal in goals:
        words = [("".join(t.itertext())) for t in goal.iter(f"{NS}text")]
        assert expected[goal.get("data-state")] in words
    legend = next(g for g in root.iter(f"{NS}g") if g.get("class") == "sk-legend")
    assert set(expected.values()) <= {"".join(t.itertext()) for t in legend.iter(f"{NS}text")}


def test_the_empty_plan_invites_words():
    root = parse(render_svg(load("plan_empty")))
    shown = " ".join(visible_text(root).split())
    assert "Her kan dine drømme og mål komme til at stå" in shown
    assert "Jonas'" in shown and "samtalekort" in shown
    assert "Hvem betyder noget for dig?" in shown
    assert root.get("aria-label") == "Jonas' samtalekort. Der står ikke noget endnu."
    for area in life_areas():
        assert area.name("da") in shown


def test_markup_in_texts_is_escaped_and_kept(stress_svg):
    assert "<script>" not in stress_svg and "<b>" not in stress_svg
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;citat&quot;" \
        in stress_svg
    root = parse(stress_svg)
    assert any("<script>alert('x')</script> & \"citat\"" in tip for tip in tooltips(root))
    assert "Anne-Sofies" in visible_text(root)


def test_the_stress_plan_keeps_every_text_for_the_tooltip(stress_svg):
    root = parse(stress_svg)
    every_tip = "\n".join(tooltips(root))
    for text in plan_texts(stress_plan()):
        assert text in every_tip
    assert "Kommunikationsudstyrsanvendelse" in visible_text(root)
    assert "æøå ÆØÅ 🌻🏡 Åse" in every_tip


def test_a_full_area_shows_a_few_and_counts_the_rest(stress_svg):
    groups = entries_by_area(stress_plan())
    root = parse(stress_svg)
    for area in root.iter(f"{NS}g"):
        if area.get("class") != "sk-area":
            continue
        items = [g for g in area.iter(f"{NS}g") if g.get("class") == "sk-item"]
        total = len(groups[area.get("data-area")])
        assert 1 <= len(items) <= tile.MAX_VISIBLE or total == 0
        more = [g for g in area.iter(f"{NS}g") if g.get("class") == "sk-more"]
        if len(items) < total:
            label = "".join(next(more[0].iter(f"{NS}text")).itertext())
            assert label == f"+{total - len(items)} mere"
            assert len({g.get("data-kind") for g in items}) > 1  # kinds take turns
        else:
            assert not more


def _card(area: ET.Element) -> tuple[float, float, float, float]:
    rect = next(r for r in area.iter(f"{NS}rect") if r.get("class") == "sk-card")
    return tuple(float(rect.get(k)) for k in ("x", "y", "width", "height"))


@pytest.mark.parametrize("name", ["plan_full", "plan_empty", "stress"])
def test_every_text_stays_inside_its_card(name):
    plan = stress_plan() if name == "stress" else load(name)
    root = parse(render_svg(plan))
    areas = [g for g in root.iter(f"{NS}g") if g.get("class") == "sk-area"]
    assert len(areas) == len(life_areas())
    for area in areas:
        x, y, w, h = _card(area)
        for element in area.iter(f"{NS}text"):
            size = float(element.get("font-size"))
            left, base = float(element.get("x")), float(element.get("y"))
            right = left + text_width("".join(element.itertext()), size,
                                      element.get("font-weight") == "bold")
            assert x < left and right <= x + w - 8, "".join(element.itertext())
            assert y < base - size and base <= y + h - 6, "".join(element.itertext())


def test_text_is_large_enough_everywhere(stress_svg, full_svg):
    for svg in (stress_svg, full_svg):
        sizes = [float(t.get("font-size")) for t in texts(parse(svg))]
        assert sizes and min(sizes) >= 14


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_text_colours_have_aa_contrast_on_their_backgrounds(full_svg, stress_svg):
    pairs = [(icons.INK, icons.WHITE), (render.SUN[2], render.SUN[0])]
    for area in life_areas():
        pairs += [(area.ink, area.fill), (icons.INK, area.fill)]
    for ink, background in pairs:
        assert contrast(ink, background) >= 4.5, (ink, background)
    checked = {ink for ink, _bg in pairs}
    for svg in (full_svg, stress_svg, render_svg(load("plan_empty"))):
        assert {t.get("fill") for t in texts(parse(svg))} <= checked


def test_characters_xml_cannot_hold_are_dropped():
    plan = load("plan_empty")
    plan["dreams"] = [{**load("plan_full")["dreams"][0], "text": "Jeg\x01 vil\x0b \ud800hjem"}]
    svg = render_svg(plan)
    assert "Jeg vil hjem" in visible_text(parse(svg))


def test_title_width_and_language_can_be_chosen():
    plan = load("plan_full")
    root = parse(render_svg(plan, width=600, title="Vores kort"))
    assert (root.get("width"), root.get("height")) == ("600", str(round(600 * HEIGHT / WIDTH)))
    assert next(root.iter(f"{NS}title")).text == "Vores kort"
    english = visible_text(parse(render_svg(plan, lang="en")))
    assert "Family and friends" in english and "Karin's" in english


@pytest.mark.parametrize("display_name, expected", [
    ("Karin S.", "Karins samtalekort"), ("Jonas Ø.", "Jonas' samtalekort"),
    ("Max", "Max' samtalekort"), ("K.", "Mit samtalekort"), ("B2", "Mit samtalekort"),
])
def test_the_title_is_the_residents_own(display_name, expected):
    plan = load("plan_empty")
    plan["resident"]["display_name"] = display_name
    assert next(parse(render_svg(plan)).iter(f"{NS}title")).text == expected


def test_wrap_shortens_with_an_ellipsis_and_splits_long_words():
    lines, cut = wrap("Kommunikationsudstyrsanvendelse " * 3, 120, 16, max_lines=2)
    assert cut and lines[-1].endswith("…") and len(lines) == 2
    assert all(text_width(line, 16) <= 120 for line in lines)
    assert wrap("Jeg bager", 300, 16, max_lines=2) == (["Jeg bager"], False)


# ---- text alternative ----------------------------------------------------------------


def test_describe_lists_what_the_picture_shows():
    text = describe(load("plan_full")).splitlines()
    assert text[0] == "Karins samtalekort."
    assert "Krop og helbred:" in text
    assert ("Mål, svært lige nu: Jeg tager selv trappen til første sal hver dag, så mine ben "
            "holder sig stærke.") in text
    assert "Min styrke: Jeg er god til at bage, og jeg kan følge en opskrift." in text
    assert text[-1] == "Her står ikke noget endnu: Penge og samfund."
    assert "Family and friends:" in describe(load("plan_full"), "en")


def test_describe_an_empty_plan():
    assert describe(load("plan_empty")).splitlines() == [
        "Jonas' samtalekort.", "Her kan dine drømme og mål komme til at stå."]


# ---- the PDF and the page partial ----------------------------------------------------


def test_the_pdf_opens_with_the_picture_on_a_landscape_page(full_svg):
    plan = load("plan_full")
    without = PdfReader(io.BytesIO(to_pdf(plan, facility_name="Lunden"))).pages
    pages = PdfReader(io.BytesIO(to_pdf(plan, facility_name="Lunden",
                                        picture_svg=full_svg))).pages
    assert len(pages) == len(without) + 1
    first = pages[0]
    assert float(first.mediabox.width) > float(first.mediabox.height)
    text = " ".join(first.extract_text().split())
    for words in ("Karins", "Familie og venner", "svært lige nu",
                  "Min søster Åse, som bor i Køge."):
        assert words in text
    assert all(letter in text for letter in "æøåÅ")
    assert "Min plan" in " ".join(pages[1].extract_text().split())


def test_export_plan_takes_the_picture(full_svg):
    db = open_db(":memory:")
    migrations.apply(db)
    export = export_plan(db, load("plan_full"), "pdf", actor_id=None, picture_svg=full_svg)
    first = PdfReader(io.BytesIO(export.content)).pages[0]
    assert "går godt" in first.extract_text()


def test_the_partial_puts_the_picture_and_its_words_on_the_page(app, full_svg):
    partial = app.jinja_env.get_template("picture/_plan_picture.html")
    with app.test_request_context():
        html = partial.render(picture_svg=Markup(full_svg),
                              picture_text="Karins samtalekort.\nDrøm: <b>Ø</b>")
        nothing = partial.render()
    assert full_svg in html
    assert "<p>Drøm: &lt;b&gt;Ø&lt;/b&gt;</p>" in html
    assert re.search(r'class="samtalekort"', html) and not nothing.strip()
