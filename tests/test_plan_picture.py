"""The samtalekort wired in: on Min plan (first, with its words), on a page of its own to
print, beside the conversation (closed, loaded only when opened), and on the first page of
every plan PDF: the web download, `samtale export` and the PDF in the GDPR ZIP."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile

import pytest
from pypdf import PdfReader

from samtale import conversations, plan, plan_items
from samtale.export import FORMATS, pdf_picture
from samtale.views.conversation.bankset import bank_set
from tests.conftest import csrf_from

DREAM = "Jeg drømmer om at sejle til Ærø."


@pytest.fixture
def house(helpers, client, db):
    ids = helpers.house()
    plan_items.add(db, ids["karin"], "dream", DREAM)
    helpers.login(client, "mette")
    return ids


def landscape(page) -> bool:
    return float(page.mediabox.width) > float(page.mediabox.height)


def first_page_is_the_picture(pdf: bytes) -> None:
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert landscape(pages[0]) and not landscape(pages[1])
    assert "Ærø" in pages[0].extract_text() and "samtalekort" in pages[0].extract_text()


def test_pdf_picture_is_drawn_for_the_pdf_only(db, helpers):
    karin = helpers.resident("Karin S.", helpers.unit())
    data = plan.build(db, karin)
    svg = pdf_picture(data, "pdf")
    assert svg.startswith("<svg") and "Karins samtalekort" in svg
    assert all(pdf_picture(data, fmt) is None for fmt in FORMATS if fmt != "pdf")


def test_min_plan_opens_with_the_picture_and_its_words(client, house):
    html = client.get(f"/beboere/{house['karin']}/plan").get_data(as_text=True)
    picture = html.index('class="samtalekort"')
    assert picture < html.index('id="dreams-sec"')  # first, before the sections
    assert re.search(r'<svg[^>]*role="img"', html)
    assert "<p>Drøm: Jeg drømmer om at sejle til Ærø.</p>" in html  # describe(), in words
    assert f'href="/beboere/{house["karin"]}/plan/samtalekort"' in html


def test_the_picture_has_a_page_to_print(client, house):
    response = client.get(f"/beboere/{house['karin']}/plan/samtalekort")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "<h1>Mit samtalekort</h1>" in html
    assert "Karins samtalekort" in html and "Drøm: " + DREAM in html
    assert "data-print" in html and "Tilbage til min plan" in html


def test_the_bare_picture_is_an_svg_image(client, house):
    response = client.get(f"/beboere/{house['karin']}/plan/samtalekort.svg")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert response.get_data(as_text=True).startswith("<svg") and "Ærø" in response.get_data(
        as_text=True)
    assert response.headers["Cache-Control"] == "no-store"


def test_the_question_screen_offers_the_picture_closed(client, house, db):
    bank = bank_set(None).get("haab-og-droemme")
    conv = conversations.start(db, house["karin"], bank, house["mette"])
    first = bank.questions[0].id
    html = client.get(f"/beboere/{house['karin']}/samtaler/{conv}/spoergsmaal/{first}"
                      ).get_data(as_text=True)
    peek = re.search(r'<details class="picture-peek">(.*?)</details>', html, re.S)
    assert peek, "no 'Vis mit samtalekort' on the question screen"
    assert "Vis mit samtalekort" in peek.group(1)
    assert re.search(r'<img src="/beboere/\d+/plan/samtalekort.svg" loading="lazy"',
                     peek.group(1))
    assert 'alt="Mit samtalekort' in peek.group(1)
    assert html.index('id="question-h"') < html.index("picture-peek")  # the question first


def test_the_resident_may_see_the_picture_while_holding_the_screen(client, house):
    karin = house["karin"]
    page = client.get(f"/beboere/{karin}").get_data(as_text=True)
    client.post(f"/beboere/{karin}/giv-skaermen", data={"csrf_token": csrf_from(page)})
    assert client.get(f"/beboere/{karin}/plan/samtalekort").status_code == 200
    assert client.get(f"/beboere/{karin}/plan/samtalekort.svg").status_code == 200
    assert client.get(f"/beboere/{house['bo']}/plan/samtalekort").status_code == 403


def test_the_downloaded_pdf_starts_with_the_picture(client, house):
    response = client.get(f"/beboere/{house['karin']}/plan/eksport?format=pdf")
    assert response.status_code == 200
    first_page_is_the_picture(response.data)


def test_the_pdf_in_the_gdpr_zip_starts_with_the_picture(app, helpers, house):
    client = app.test_client()
    helpers.login(client, "leder")
    page = client.get(f"/beboere/{house['karin']}").get_data(as_text=True)
    response = client.post(f"/beboere/{house['karin']}/indsigt.zip",
                           data={"csrf_token": csrf_from(page)})
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        first_page_is_the_picture(archive.read("min-plan.pdf"))


def test_the_cli_pdf_starts_with_the_picture(app, house, tmp_path):
    out = tmp_path / "plan.pdf"
    env = {**os.environ, "SAMTALE_DATABASE": app.config["DATABASE"],
           "SAMTALE_INSTANCE_DIR": str(tmp_path)}
    subprocess.run([sys.executable, "-m", "samtale.cli", "export", "--resident",
                    str(house["karin"]), "--format", "pdf", "--out", str(out)],
                   check=True, capture_output=True, env=env, timeout=120)
    first_page_is_the_picture(out.read_bytes())
