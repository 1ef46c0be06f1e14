"""Regenerate the screenshots in the README from the demo data:

    .venv/bin/python scripts/screenshots.py [--out docs/images]

- question-screen.png: a question of Håb og drømme in the middle of a conversation, on a
  tablet (768 px wide): the large question, the progress line and the buttons.
- min-plan.png: the top of Karin's Min plan with her samtalekort (1280 px wide).

The demo is seeded in a temporary folder and served on 127.0.0.1 from a thread; the
pictures are taken with Playwright and Debian's Chromium (/usr/bin/chromium). Nothing
outside the output folder is written."""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from samtale import conversations, create_app, demo, migrations, passwords
from samtale.db import open_db
from samtale.views.conversation.bankset import bank_set

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parent.parent
RESIDENT, CONTACT = "Karin S.", "demo.mette"
# Karin's answers so far: the conversation stands at "Hvad giver dig energi?"
ANSWERS = {
    "trivsel_nu": "4", "godt_lige_nu": "Min kat og min altan.",
    "droem": "Jeg drømmer om at arbejde i et køkken igen.",
    "droem_omraade": ["685e8517-2f5c-4ef8-a7c4-fa2d008fdd9d"], "droem_lagt_vaek": "nej",
    "god_til": "Jeg er god til at lave mad og til at få andre til at grine.",
    "energi": ["musik", "naturen"],
}
NOW_AT = "energi"


def seed(folder: Path):
    """A migrated database with the demo and Karin's conversation in the middle."""
    config = {"DATABASE": str(folder / "samtale.db"), "INSTANCE_DIR": str(folder),
              "SECRET_KEY": "screenshots", "FACILITY_NAME": "Bostedet Solhøj",
              "ARGON2_TIME_COST": 1, "ARGON2_MEMORY_KIB": 8192}
    db = open_db(config["DATABASE"])
    migrations.apply(db)
    ctx = demo.seed(db, passwords.Hasher(time_cost=1, memory_kib=8192), seed_value=7)
    karin, mette = ctx.ids[RESIDENT], ctx.ids[CONTACT]
    bank = bank_set(None).get("haab-og-droemme")
    conversation_id = conversations.start(db, karin, bank, mette)
    for question_id, value in ANSWERS.items():
        conv = conversations.get(db, karin, conversation_id)
        conversations.save_answer(db, conv, question_id, value, written_by="resident",
                                  staff_id=mette)
    password = next(login[1] for login in ctx.logins if login[0] == CONTACT)
    db.close()
    return config, karin, conversation_id, password


def serve(config: dict):
    server = make_server("127.0.0.1", 0, create_app(config), threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


def log_in(page, url: str, password: str) -> None:
    page.goto(f"{url}/log-ind")
    page.get_by_label("Brugernavn").fill(CONTACT)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(lambda address: "/log-ind" not in address)


def shoot(url: str, password: str, karin: int, conversation_id: int, out: Path) -> list[Path]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                             args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 768, "height": 1024},
                                      locale="da-DK", timezone_id="Europe/Copenhagen")
        page = context.new_page()
        log_in(page, url, password)
        page.goto(f"{url}/beboere/{karin}/samtaler/{conversation_id}/spoergsmaal/{NOW_AT}")
        page.locator("#question-h").blur()  # the question has focus: no ring in the picture
        question = out / "question-screen.png"
        page.screenshot(path=question)
        page.set_viewport_size({"width": 1280, "height": 1060})
        page.goto(f"{url}/beboere/{karin}/plan")
        plan = out / "min-plan.png"
        page.screenshot(path=plan)
        browser.close()
    return [question, plan]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    args = parser.parse_args(argv)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        config, karin, conversation_id, password = seed(Path(folder))
        server, url = serve(config)
        try:
            made = shoot(url, password, karin, conversation_id, args.out)
        finally:
            server.shutdown()
    for path in made:
        print(f"{path} ({path.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
