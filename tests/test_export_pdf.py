"""The resident's PDF: Danish letters, page numbers and date, status words, and no fetching
of anything a plan's text could point at."""

import io
import json
import logging
from pathlib import Path

import pytest
from pypdf import PdfReader

from samtale.errors import SamtaleError
from samtale.export import to_pdf
from samtale.export.pdf import RefusingFetcher, css_string, render_html

DATA = Path(__file__).parent / "data"
PDF_LOGGER = "samtale.export.pdf"


def load(name: str) -> dict:
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def pages(pdf: bytes) -> list[str]:
    assert pdf.startswith(b"%PDF-")
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def full_pages() -> list[str]:
    return pages(to_pdf(load("plan_full"), facility_name="Botilbuddet Lunden"))


def test_pdf_holds_the_goal_texts_with_danish_letters(full_pages):
    text = " ".join(full_pages)
    plan = load("plan_full")
    for goal in plan["goals"]:
        assert goal["text"] in text
    assert "Jeg tager selv trappen til første sal hver dag, så mine ben holder sig stærke." in text
    assert "Jeg håber, at jeg kan se min søster Åse hver måned igen." in text
    assert all(letter in text for letter in "æøåÅ")


def test_pdf_has_the_plain_headings(full_pages):
    text = " ".join(full_pages)
    for heading in ("Min plan", "Mine håb og drømme", "Mine mål", "Mine ressourcer",
                    "Mit netværk og mine fællesskaber", "Næste opfølgning"):
        assert heading in text


def test_every_page_has_its_number_and_the_date(full_pages):
    assert len(full_pages) > 1
    for number, text in enumerate(full_pages, 1):
        assert f"Side {number} af {len(full_pages)}" in text
        assert "25. november 2026" in text
        assert "Min plan – Karin S." in text


def test_status_is_a_word_beside_the_colour(full_pages):
    text = " ".join(full_pages)
    for word in ("Status: Gul", "Status: Grøn", "Status: Rød"):
        assert word in text
    html = render_html(load("plan_full"), facility_name="")
    assert html.count('class="dot dot-') == html.count('class="status"')


def test_pdf_of_an_empty_plan_renders(caplog):
    caplog.set_level(logging.WARNING, logger=PDF_LOGGER)
    text = " ".join(pages(to_pdf(load("plan_empty"), facility_name="")))
    assert "Jonas Ø." in text and "Side 1 af 1" in text
    assert "Vi har ikke aftalt en dato endnu." in text
    assert not caplog.records


HOSTILE = [
    '<img src="file:///etc/passwd">',
    "http://127.0.0.1:1/x",
    '<link rel="stylesheet" href="http://127.0.0.1:1/x.css">',
    "<style>@import url(http://127.0.0.1:1/y.css);</style>",
]


def test_plan_text_cannot_make_the_pdf_fetch_anything(caplog):
    caplog.set_level(logging.WARNING, logger=PDF_LOGGER)
    plan = load("plan_full")
    plan["goals"][0]["text"] = HOSTILE[0]
    plan["dreams"][0]["text"] = HOSTILE[1]
    plan["resources"][0]["text"] = HOSTILE[2]
    plan["network"][0]["text"] = HOSTILE[3]
    plan["resident"]["display_name"] = 'K"); } @page { @top-left { content: url(file:///etc/x'
    text = " ".join(pages(to_pdf(plan, facility_name='<img src="http://127.0.0.1:1/z">')))
    assert not [r for r in caplog.records if r.name == PDF_LOGGER]
    for hostile in HOSTILE:
        assert hostile in text
    assert "url(file:///etc/x" in text


def test_the_fetcher_refuses_every_scheme_and_logs_no_url(tmp_path, caplog):
    caplog.set_level(logging.WARNING, logger=PDF_LOGGER)
    secret = tmp_path / "secret.txt"
    secret.write_text("hemmelig")
    fetcher = RefusingFetcher()
    urls = [secret.as_uri(), "http://127.0.0.1:1/x", "https://example.org/a.png",
            "data:text/plain,hej"]
    for url in urls:
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert fetcher.refused == ["file", "http", "https", "data"]
    assert all("127.0.0.1" not in r.getMessage() and "secret" not in r.getMessage()
               for r in caplog.records)


def test_a_picture_with_external_references_is_drawn_without_them(caplog):
    caplog.set_level(logging.WARNING, logger=PDF_LOGGER)
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="100">'
        '<image href="file:///etc/passwd" width="10" height="10"/>'
        '<image href="http://127.0.0.1:1/x.png" width="10" height="10"/>'
        '<text x="10" y="60" font-size="20">Mit samtalekort</text></svg>'
    )
    pdf = to_pdf(load("plan_full"), facility_name="", picture_svg=svg)
    refused = [r.getMessage() for r in caplog.records if r.name == PDF_LOGGER]
    assert len(refused) == 2
    assert any("scheme file" in m for m in refused) and any("scheme http" in m for m in refused)
    assert "Mit samtalekort" in " ".join(pages(pdf))


def test_a_picture_that_is_not_svg_is_refused():
    with pytest.raises(SamtaleError):
        to_pdf(load("plan_empty"), facility_name="", picture_svg="<script>alert(1)</script>")


def test_css_string_escapes_everything_but_letters_digits_and_spaces():
    quoted = css_string('Åse "</style><b>" \\ ;')
    assert quoted.startswith('"Åse ') and quoted.endswith('"')
    assert "<" not in quoted and '"' not in quoted[1:-1] and ";" not in quoted
