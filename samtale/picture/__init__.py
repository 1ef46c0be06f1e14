"""The samtalekort: a drawing of the resident's own story (docs/samtalekort.md).

    svg = render_svg(plan, lang="da")      # an <svg> element to put inline or in the PDF
    text = describe(plan, lang="da")       # the same content as plain text, one line each
    areas = life_areas()                   # the eight life areas and their FFB themes

Core: no Flask, standard library only (plus samtale's own i18n and labels).
"""

from samtale.picture.areas import OTHER, LifeArea, area_key, life_areas
from samtale.picture.content import Entry, describe, entries_by_area, owner_title
from samtale.picture.render import HEIGHT, WIDTH, render_svg

__all__ = [
    "HEIGHT", "OTHER", "WIDTH", "Entry", "LifeArea", "area_key", "describe",
    "entries_by_area", "life_areas", "owner_title", "render_svg",
]
