"""The life areas of the samtalekort: eight parts of a life that a resident recognises,
each holding a group of FFB themes (KL's tilstande). See docs/samtalekort.md.

A theme belongs to the area its own code is listed under; otherwise to the area of its
top theme. Items without a theme, and codes this version of FFB does not know, go to
"Andet".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from samtale import ffb
from samtale.i18n import gettext as _

OTHER = "other"


@dataclass(frozen=True)
class LifeArea:
    key: str
    name_da: str
    name_en: str
    icon: str  # a key in samtale.picture.icons.AREA_ICONS
    fill: str  # the area's soft background
    edge: str  # its border
    ink: str  # its heading colour (AA contrast on fill)
    theme_codes: tuple[str, ...]  # every FFB theme code placed here

    def name(self, lang: str = "da") -> str:
        return self.name_en if lang == "en" else self.name_da


# key: (Danish, English, icon, fill, edge, ink) in reading order on the picture.
_AREAS = {
    "home": ("Hjem og hverdag", "Home and everyday life", "house",
             "#fdebd3", "#e2b27a", "#7a3f0a"),
    "family": ("Familie og venner", "Family and friends", "cup",
               "#fbe3e6", "#e3a4ad", "#84283a"),
    "leisure": ("Fællesskaber og fritid", "Communities and leisure", "note",
                "#dcecf7", "#94bddc", "#1b4a70"),
    "body": ("Krop og helbred", "Body and health", "leaf",
             "#e2f0dc", "#9cc68f", "#2a5624"),
    "work": ("Arbejde og læring", "Work and learning", "briefcase",
             "#fbf0c4", "#d9bd5c", "#5f4a00"),
    "mind": ("Tanker og følelser", "Thoughts and feelings", "cloud",
             "#ece5f6", "#b7a2da", "#4f3680"),
    "money": ("Penge og samfund", "Money and society", "coins",
              "#d9efec", "#8cc5bd", "#1c5650"),
    OTHER: ("Andet", "Other", "flower", "#efebe5", "#c4b9aa", "#4a433b"),
}

# Top themes: the whole top theme, sub-themes included, unless a sub-theme is listed
# in _SUB_THEMES.
_TOP_THEMES = {
    "da3f488f-1742-4d00-b247-a7d47500b36b": "home",  # Egenomsorg
    "eef71492-65f5-4297-aa95-3c3a6866ddef": "home",  # Praktiske opgaver
    "7445fb2b-0009-43d9-b49b-1b9782f2fcd9": "home",  # Omgivelser
    "3856b434-f72e-42a5-b9d1-0cc93f48434b": "family",  # Relationer
    "c2b186f9-9c10-478e-8345-2d2c37ab4c46": "family",  # Kommunikation
    "4fb78b88-d3af-4cfb-84d7-f06daf423317": "body",  # Sundhedsforhold
    "a134c31d-d316-46d4-935e-e500874dbbe1": "body",  # Fysiske funktioner
    "d1495b2c-1452-4e49-8dbe-8193af5d8823": "body",  # Mobilitet
    "25c5c614-305f-46cd-9891-55d564fc30cf": "mind",  # Mentale funktioner
    "e1836145-0c20-4e20-971e-d62dfe4ea1a0": "money",  # Sociale forhold
    "dfbe6ff6-223b-436a-b864-8ba29bda41e2": "money",  # Samfundsliv
}
_SUB_THEMES = {
    "35c56275-0093-4901-9fd8-d06fdb5cb8f3": "home",  # Boligsituation (Sociale forhold)
    "fd4b8dd3-5c4b-4257-8c13-ea045617d2f6": "home",  # Varetage bolig (Samfundsliv)
    "eff3385d-01fa-4c9c-9850-52e179243f21": "home",  # Færdes med transportmidler (Mobilitet)
    "7a8f247b-baf8-4552-95bb-acf8ef004b74": "family",  # Familiesituation (Sociale forhold)
    "df194a84-6e4b-4f14-a194-d8d9d9a1fcad": "family",  # Personer i netværk (Omgivelser)
    "22eef871-6650-426f-8b79-8d40a6c62808": "family",  # Holdninger i omgivelserne (Omgivelser)
    "58ef570c-1c1e-47be-8bfd-26ed99825762": "family",  # Udvise hjælp og omsorg for andre
    "dcc6bb77-45af-4625-9c4d-7d7878307220": "leisure",  # Deltage i sociale fællesskaber ...
    "52efa2e9-e0dc-41eb-8c01-9865e2fdebae": "leisure",  # Interesser (Sociale forhold)
    "3a748135-98a8-416a-808d-bff88a8e40ee": "leisure",  # Dyrke interesse (Egenomsorg)
    "4a58417e-9a75-43f2-9763-66505050159f": "body",  # Varetage egen sundhed (Egenomsorg)
    "28fbf17e-bca3-45e1-be35-553e3d91f1b7": "body",  # Varetage sin seksualitet (Egenomsorg)
    "d493a97d-6036-423d-87ff-c2a086e9d664": "mind",  # Traumatiske oplevelser (Sociale forhold)
    "f695cec7-2b39-4c7e-8731-da8558a4fb3f": "work",  # Uddannelse og job (Sociale forhold)
    "685e8517-2f5c-4ef8-a7c4-fa2d008fdd9d": "work",  # Varetage beskæftigelse (Samfundsliv)
    "8888edfa-642b-4329-9fe3-a9b180e6d3f4": "work",  # Varetage uddannelse (Samfundsliv)
}


def area_key(theme_code: str | None) -> str:
    """The key of the life area an FFB theme code belongs to ('other' for None or an
    unknown code)."""
    if not theme_code:
        return OTHER
    if theme_code in _SUB_THEMES:
        return _SUB_THEMES[theme_code]
    top = ffb.top_theme(theme_code)
    return _TOP_THEMES.get(top.code, OTHER) if top else OTHER


@lru_cache(maxsize=1)
def life_areas() -> tuple[LifeArea, ...]:
    """The eight life areas in the order the picture reads (left to right, top to bottom),
    each with the FFB theme codes it holds, in KL's order; "Andet" last, holding none."""
    codes: dict[str, list[str]] = {key: [] for key in _AREAS}
    for concept in ffb.themes():
        codes[area_key(concept.code)].append(concept.code)
    return tuple(
        LifeArea(key, *values, theme_codes=tuple(codes[key])) for key, values in _AREAS.items()
    )


def area(key: str) -> LifeArea:
    return next(a for a in life_areas() if a.key == key)


def prompt(key: str) -> str:
    """A question that invites words when an area is still empty."""
    return {
        "home": _("Hvad gør en dag god for dig?"),
        "family": _("Hvem betyder noget for dig?"),
        "leisure": _("Hvad kunne du tænke dig at lave?"),
        "body": _("Hvad giver dig energi?"),
        "work": _("Hvad vil du gerne lære eller arbejde med?"),
        "mind": _("Hvad gør dig glad?"),
        "money": _("Hvad vil du gerne klare selv?"),
        OTHER: _("Er der mere, du drømmer om?"),
    }[key]
