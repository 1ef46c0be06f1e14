"""Browser tests: the app served on 127.0.0.1 from a thread, driven by Debian's
Chromium through Playwright. Nothing here skips: a browser that cannot start fails."""

from __future__ import annotations

import threading

import pytest
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from tests.conftest import create_app_for

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TABLET = {"width": 768, "height": 1024}
LAPTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class LiveServer:
    def __init__(self, app):
        self.app = app
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.thread.join(timeout=5)


@pytest.fixture
def live(tmp_path):
    app = create_app_for(tmp_path)
    with LiveServer(app) as server:
        yield server


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport=LAPTOP, locale="da-DK", timezone_id="Europe/Copenhagen")
    ctx.set_default_timeout(10_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.js_errors = errors
    yield page
    assert not errors, f"JavaScript errors: {errors}"


def assert_accessible(page, label: str = "") -> None:
    """axe-core (from axe-playwright-python) finds no WCAG violations on the page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={
            "runOnly": {
                "type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
            }
        },
    )
    assert results.violations_count == 0, f"{label} {page.url}\n{results.generate_report()}"


def login(page, live, username: str, password: str, expect_ok: bool = True) -> None:
    page.goto(f"{live.url}/log-ind")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    if expect_ok:
        page.wait_for_url(lambda url: "/log-ind" not in url)
    else:
        page.wait_for_load_state()
