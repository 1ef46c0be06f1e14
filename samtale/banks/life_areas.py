"""The life areas a `life_area` question offers: FFB themes grouped and named in plain
words. The stored answer is the list of chosen FFB codes; the plain label is only for
the screen. A question may narrow the list with `areas = ["mennesker", "fritid"]`.

A conversation keeps the list it showed in its snapshot, so changing this table later
never changes a past conversation.
"""

from __future__ import annotations

from samtale.banks.model import Choice, Localized

# (group key, Danish title, English title, ((FFB code, Danish label, English label), ...))
GROUPS: tuple[tuple[str, str, str, tuple[tuple[str, str, str], ...]], ...] = (
    ("mennesker", "Mennesker omkring mig", "People around me", (
        ("7a8f247b-baf8-4552-95bb-acf8ef004b74", "Familie", "Family"),
        ("4c082610-b122-4019-96f2-1061e287445e", "Venner og netværk", "Friends and network"),
        ("3f9da5ac-9686-4eeb-b517-b46e17fcb1d7", "At være sammen med andre", "Being with others"),
        ("58ef570c-1c1e-47be-8bfd-26ed99825762", "At hjælpe andre", "Helping others"),
    )),
    ("fritid", "Fritid og fællesskaber", "Free time and communities", (
        ("dcc6bb77-45af-4625-9c4d-7d7878307220", "Klubber, foreninger og fællesskaber",
         "Clubs, associations and communities"),
        ("3a748135-98a8-416a-808d-bff88a8e40ee", "Hobby og interesser", "Hobbies and interests"),
        ("0b650369-258a-4d01-a811-42b306c2f89d", "Motion og sport", "Exercise and sport"),
    )),
    ("arbejde", "Arbejde og læring", "Work and learning", (
        ("685e8517-2f5c-4ef8-a7c4-fa2d008fdd9d", "Arbejde", "Work"),
        ("8888edfa-642b-4329-9fe3-a9b180e6d3f4", "Skole og kurser", "School and courses"),
    )),
    ("hjem", "Mit hjem og min hverdag", "My home and everyday life", (
        ("b947f321-7cdb-4b33-9653-f3ff800572b0", "Lave mad", "Cooking"),
        ("01770afa-cd17-41fe-a966-b8895e4d55d8", "Købe ind", "Shopping"),
        ("8f32c948-41c4-49d7-8913-cdeede2e7fe1", "Gøre rent", "Cleaning"),
        ("fd4b8dd3-5c4b-4257-8c13-ea045617d2f6", "Min bolig", "My home"),
        ("e6f82424-da5a-41d1-bd1a-5796aa79d5f2", "Døgnrytme", "Daily rhythm"),
    )),
    ("krop", "Krop og helbred", "Body and health", (
        ("69dbfad7-859a-4596-8737-8054f6b4948f", "Mit helbred", "My health"),
        ("c67aed23-d4f3-4ae6-8886-156c99048e5b", "Mad og kost", "Food and diet"),
        ("83376fdb-f55d-4dd9-944e-b49631a9836f", "Søvn", "Sleep"),
        ("c8f4475a-8de3-4920-ad0c-eea78c49a68d", "Alkohol og stoffer", "Alcohol and drugs"),
        ("f5b8e809-7689-4952-838c-a069c99408b3", "Rygning", "Smoking"),
    )),
    ("sind", "Tanker og følelser", "Thoughts and feelings", (
        ("dccaa419-0bcd-4056-a11a-2e385e23edc6", "Følelser og humør", "Feelings and mood"),
        ("8028b034-cad2-42df-b51c-aaba9c0bba61", "Lyst og energi", "Drive and energy"),
        ("9c2173e6-6465-44d3-af16-7c44059193b2", "Overblik og planer", "Overview and plans"),
    )),
    ("praktisk", "Penge og praktiske ting", "Money and practical matters", (
        ("70443014-3faf-402d-abcf-396bfad32eb9", "Penge og økonomi", "Money"),
        ("8bef71de-55b5-47fe-b438-18ac769106b3", "Post og breve", "Mail and letters"),
        ("eff3385d-01fa-4c9c-9850-52e179243f21", "Bus, tog og transport",
         "Bus, train and transport"),
    )),
)

GROUP_KEYS = tuple(group[0] for group in GROUPS)


def choices(areas: tuple[str, ...] | None = None) -> tuple[Choice, ...]:
    """The life areas as choices (id = FFB code, group = the plain-word heading), for
    every group or only the groups named in `areas`, in this table's order."""
    result = []
    for key, title_da, title_en, items in GROUPS:
        if areas and key not in areas:
            continue
        group = Localized.of(title_da, title_en)
        result.extend(Choice(code, Localized.of(da, en), group) for code, da, en in items)
    return tuple(result)
