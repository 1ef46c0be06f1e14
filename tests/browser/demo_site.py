"""The demo data served live, for the browser tests that look at the whole app
(test_axe_all_pages.py, test_keyboard.py, test_read_aloud.py): `samtale.demo.seed` on the
live app's database, plus what the demo leaves out so every page has something to show:
a Håb og drømme conversation in the middle (every question type reachable), a follow-up
in progress and a staff member with two-factor login."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

import pyotp

from samtale import conversations, demo, followup, passwords, totp
from samtale.db import open_db
from samtale.views.conversation.bankset import bank_set
from tests.browser.conftest import LiveServer
from tests.conftest import create_app_for

HOD = "haab-og-droemme"
HOME = "Karin S."  # Mette's resident: the one the pages are shown for
CONTACT, LEADER, TWO_FACTOR = "demo.mette", "demo.leder", "demo.sofie"
# Answers that open every conditional question of Håb og drømme.
HOD_ANSWERS = {
    "trivsel_nu": "4", "godt_lige_nu": "Min kat og min altan.",
    "droem": "Jeg drømmer om at arbejde i et køkken.", "droem_lagt_vaek": "ja",
    "hjaelper_mod_droem": "ja", "tro_paa_droem": "2",
}


@dataclass
class DemoSite:
    url: str
    app: object
    db: object
    ids: dict
    passwords: dict
    conversation_id: int = 0  # Karin's Håb og drømme conversation, in progress

    def path(self, endpoint: str, **values) -> str:
        with self.app.test_request_context():
            from flask import url_for

            return url_for(endpoint, **values)

    def question_types(self) -> dict[str, str]:
        """{question type: question id} of Håb og drømme, the first question of each."""
        bank = bank_set(None).get(HOD)
        found: dict[str, str] = {}
        for question in bank.questions:
            found.setdefault(question.type, question.id)
        return found


def _conversation(db, resident_id: int, staff_id: int) -> int:
    bank = bank_set(None).get(HOD)
    conversation_id = conversations.start(db, resident_id, bank, staff_id)
    for question_id, value in HOD_ANSWERS.items():
        conv = conversations.get(db, resident_id, conversation_id)
        conversations.save_answer(db, conv, question_id, value, written_by="resident",
                                  staff_id=staff_id)
    return conversation_id


def build(tmp: Path, *, extras: bool = True) -> tuple[LiveServer, DemoSite]:
    """Seed the demo on a fresh app in `tmp`; returns the (unstarted) server and the site.
    `extras`: also the conversation in the middle, the follow-up and two-factor login."""
    app = create_app_for(tmp)
    db = open_db(app.config["DATABASE"])
    ctx = demo.seed(db, passwords.Hasher(time_cost=1, memory_kib=8192), seed_value=7)
    ids = dict(ctx.ids)
    site = DemoSite("", app, db, ids, {login[0]: login[1] for login in ctx.logins})
    karin, mette = ids[HOME], ids[CONTACT]
    if extras:
        site.conversation_id = _conversation(db, karin, mette)
        if followup.open_for(db, karin) is None:
            followup.start(db, karin, mette)
        secret = pyotp.random_base32()
        totp.enable(db, ids[TWO_FACTOR], secret, pyotp.TOTP(secret).now())
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request is noise
    server = LiveServer(app)
    site.url = server.url
    return server, site


def login(page, site: DemoSite, username: str) -> None:
    """Log in through the form (typing, then Enter)."""
    page.goto(f"{site.url}/log-ind")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(site.passwords[username])
    page.get_by_label("Adgangskode").press("Enter")
    page.wait_for_url(lambda url: "/log-ind" not in url)


def dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1)
