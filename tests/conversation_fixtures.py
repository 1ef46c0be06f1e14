"""A small facility bank with every question type and a condition, for the tests of
the conversation screens (view tests and browser tests)."""

from __future__ import annotations

from pathlib import Path

BANK_ID = "skaerm-proeve"

BANK = '''
id = "skaerm-proeve"
version = 1
purpose = "andet"
languages = ["da"]
title.da = "Skærmprøve"
description.da = "En lille samtale med alle slags spørgsmål."

[[section]]
id = "start"
title.da = "Om dig"
intro.da = "Vi starter med dig."

[[section.question]]
id = "navn"
type = "short_text"
text.da = "Hvad vil du kaldes?"
help.da = """
**Hvorfor vi spørger:** Navnet er beboerens eget valg.
"""

[[section.question]]
id = "bolig"
type = "yes_no"
text.da = "Bor du her?"

[[section.question]]
id = "droem"
type = "long_text"
text.da = "Hvad drømmer du om?"
show_if = "bolig == 'ja'"
max_length = 300

[[section]]
id = "mere"
title.da = "Mere om dig"

[[section.question]]
id = "steder"
type = "multi_choice"
text.da = "Hvor vil du hen?"
choices = [
  { id = "bibliotek", da = "Biblioteket" },
  { id = "klub", da = "En klub" },
  { id = "svoemmehal", da = "Svømmehallen" },
]

[[section.question]]
id = "hvem"
type = "single_choice"
text.da = "Med hvem?"
choices = [
  { id = "alene", da = "Alene" },
  { id = "ven", da = "Med en ven" },
]

[[section.question]]
id = "trivsel"
type = "scale"
text.da = "Hvordan har du det?"
scale = [
  { da = "Skidt" },
  { da = "Både og" },
  { da = "Godt" },
  { da = "Rigtig godt" },
]

[[section.question]]
id = "omraader"
type = "life_area"
areas = ["mennesker", "arbejde"]
text.da = "Hvad vil du arbejde med?"
'''

FAMILY = "7a8f247b-baf8-4552-95bb-acf8ef004b74"
WORK = "685e8517-2f5c-4ef8-a7c4-fa2d008fdd9d"


def install_bank(app, text: str = BANK, name: str = "skaerm-proeve.toml") -> Path:
    """Write the bank into the app's facility folder (SAMTALE_BANKS_DIR)."""
    folder = Path(app.config["BANKS_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
