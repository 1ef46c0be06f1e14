"""User-written Markdown (help texts, the mentor guide) to safe HTML.

Markdown is rendered with Python-Markdown and then cleaned with nh3: only a small set
of tags survives, links may only point to http, https or mailto, and every link gets
rel="noopener noreferrer". This is the only way Markdown reaches a page.
"""

from __future__ import annotations

from functools import lru_cache

import markdown as _markdown
import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "code",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}


def render(text: str | None) -> str:
    """Return sanitised HTML for the Markdown `text` (empty string for None)."""
    if not text:
        return ""
    return _render(text)


@lru_cache(maxsize=512)
def _render(text: str) -> str:
    """Pure, so kept: a question's help is the same Markdown on every page view."""
    html = _markdown.markdown(text, extensions=["sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
