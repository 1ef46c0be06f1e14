"""The resident's own copy of the plan as a PDF (WeasyPrint), from
templates/export/plan_pdf.html.

Security: every text from the plan is autoescaped by Jinja, and WeasyPrint gets a URL
fetcher that refuses every fetch (http, https, file, data, ...): the PDF needs no external
resource, so nothing a resident or staff member typed can make the server read a file or
call an address. The optional samtalekort picture is inline SVG and gets the same fetcher.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from samtale import ffb
from samtale.errors import SamtaleError
from samtale.export import labels as lb
from samtale.i18n import gettext as _
from samtale.paths import resource_dir

LOGGER = logging.getLogger(__name__)
TEMPLATE = "export/plan_pdf.html"


class RefusingFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that fetches nothing: each attempt is logged (the scheme
    only, never the URL, which could hold a resident's words) and refused."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=())
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        scheme = url.split(":", 1)[0].lower() if ":" in url else "?"
        self.refused.append(scheme)
        LOGGER.warning("PDF export refused to fetch a resource (scheme %s)", scheme)
        raise ValueError("the plan PDF fetches no external resources")


def css_string(value: object) -> Markup:
    """`value` as a quoted CSS string in which every character that is not a letter, a
    digit or a space is a hex escape: safe inside <style> whatever the text holds."""
    out = []
    for char in str(value):
        out.append(char if char.isalnum() or char == " " else f"\\{ord(char):x} ")
    return Markup('"' + "".join(out) + '"')


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(resource_dir("templates"))),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css_string"] = css_string
    env.globals.update(_=_, lb=lb, ffb=ffb)
    return env


def _check_svg(picture_svg: str | None) -> Markup | None:
    if picture_svg is None:
        return None
    start = picture_svg.lstrip()[:200].lower()
    if not (start.startswith("<svg") or (start.startswith("<?xml") and "<svg" in picture_svg)):
        raise SamtaleError(_("Samtalekortet kunne ikke sættes ind i PDF'en."))
    return Markup(picture_svg)


def render_html(plan: dict, *, facility_name: str, picture_svg: str | None = None) -> str:
    """The HTML that becomes the PDF (also handy to look at in tests)."""
    with lb.in_plan_language(plan):
        dreams = {dream["id"]: dream["text"] for dream in plan["dreams"]}
        return _environment().get_template(TEMPLATE).render(
            plan=plan,
            resident=plan["resident"],
            dreams=dreams,
            facility_name=facility_name,
            picture=_check_svg(picture_svg),
            made_on=lb.long_date(lb.plan_date(plan)),
        )


def to_pdf(plan: dict, *, facility_name: str, picture_svg: str | None = None) -> bytes:
    """The plan (assumed valid) as PDF bytes."""
    html = render_html(plan, facility_name=facility_name, picture_svg=picture_svg)
    return HTML(string=html, url_fetcher=RefusingFetcher()).write_pdf()
