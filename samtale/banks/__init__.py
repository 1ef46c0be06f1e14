"""Question banks: one TOML file per bank, loaded and validated without Flask.

The format is explained for tovholdere in docs/question-banks.md. In short:

    id = "haab-og-droemme"          # bank id: a-z, 0-9 and -
    version = 1                     # raise it when the wording changes
    purpose = "haab_og_droemme"     # see PURPOSES
    languages = ["da", "en"]
    title.da = "Håb og drømme"
    title.en = "Hopes and dreams"

    [[choice_list]]                 # a list of answers defined once, used by name
    id = "hvem"
    choices = [
      { id = "alene", da = "Alene", en = "On my own" },
      { id = "venner", da = "Med venner", en = "With friends" },
    ]

    [[section]]
    id = "droemme"
    title.da = "Mine drømme"

    [[section.question]]
    id = "droem"
    type = "long_text"              # see QUESTION_TYPES
    text.da = "Hvad drømmer du om?"
    help.da = "Markdown for the contact person"
    show_if = "bolig == 'ja'"       # optional, see samtale.banks.conditions
    template.da = "Jeg drømmer om {svar}"
    plan = "dreams"                 # see PLAN_TARGETS
    ffb = "52efa2e9-e0dc-41eb-8c01-9865e2fdebae"

Use `load_banks(default_folders(banks_dir))` to get a BankSet (the web layer keeps it
in memory and reloads it when a file changes: samtale.views.conversation.bankset); the
conversation logic over a Bank is in samtale.flow.
"""

from samtale.banks.loader import (
    BankSet,
    check_paths,
    default_folders,
    load_banks,
    load_file,
    load_paths,
)
from samtale.banks.model import (
    LANGUAGES,
    PLAN_TARGETS,
    PURPOSES,
    QUESTION_TYPES,
    YES_NO,
    Bank,
    Choice,
    Localized,
    Question,
    Section,
)
from samtale.banks.problems import Problem
from samtale.banks.snapshot import bank_from_snapshot, content_hash, snapshot

__all__ = [
    "LANGUAGES", "PLAN_TARGETS", "PURPOSES", "QUESTION_TYPES", "YES_NO",
    "Bank", "BankSet", "Choice", "Localized", "Problem", "Question", "Section",
    "bank_from_snapshot", "check_paths", "content_hash", "default_folders",
    "load_banks", "load_file", "load_paths", "snapshot",
]
