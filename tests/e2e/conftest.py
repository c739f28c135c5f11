"""Browser tests: Debian's chromium driven by Playwright for Python at a 360×740 phone
viewport, against pytest-django's live server."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 360, "height": 740}

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse ORM
# calls made by the test body next to it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        message = (
            f"Chromium not found at {CHROMIUM}: install Debian's chromium or set CHROMIUM_PATH"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def new_phone(browser, live_server, *, timeout=15_000, javascript=True):
    """A phone-sized browser context and its tab on the live server (another person's phone
    when a test needs two or more; without JavaScript for the pages that must work so)."""
    context = browser.new_context(
        viewport=PHONE,
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        base_url=live_server.url,
        locale="vi-VN",
        java_script_enabled=javascript,
    )
    page = context.new_page()
    page.set_default_timeout(timeout)
    return context, page


def sign_in(page, username, next_url):
    """Signs in with the test password on the sign-in page, then waits for `next_url`."""
    from tests.factories.accounts import PASSWORD

    page.goto(f"/accounts/login/?next={next_url}")
    page.locator('input[name="login"]').fill(username)
    page.locator('input[name="password"]').fill(PASSWORD)
    page.locator('main form button[type="submit"]').click()
    page.wait_for_url(f"**{next_url}")


@pytest.fixture
def phone(browser, live_server, request):
    """A fresh phone-sized browser tab on the live server; a screenshot is kept per test."""
    context, page = new_phone(browser, live_server)
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    finally:
        context.close()
