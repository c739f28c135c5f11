"""Installable, as Chromium itself judges it (Lighthouse 12 has no PWA category any more):
the home page at a phone viewport has no installability errors and a manifest without
errors, and the manifest's start URL opens with no network after one visit."""

import json

from playwright.sync_api import expect

from tests.e2e.conftest import CHROMIUM, PHONE
from tests.e2e.test_offline import controlled, shot


def test_chromium_finds_the_site_installable_and_its_start_url_opens_offline(
    home_page, browser, live_server, tmp_path
):
    # A profile on disk: Chromium never offers to install from an incognito context, which
    # is what Playwright's ordinary contexts are.
    context = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=CHROMIUM,
        args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"],
        viewport=PHONE,
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        base_url=live_server.url,
        locale="vi-VN",
    )
    try:
        phone = context.pages[0] if context.pages else context.new_page()
        phone.goto("/")
        controlled(phone)
        home_title = phone.title()
        cdp = context.new_cdp_session(phone)
        manifest = {}
        for _ in range(50):  # the manifest is fetched after the page loads
            manifest = cdp.send("Page.getAppManifest")
            if manifest.get("data"):
                break
            phone.wait_for_timeout(100)
        assert manifest["url"] == f"{live_server.url}/manifest.webmanifest"
        assert manifest["errors"] == []
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []

        # The start URL, as the installed app opens it, with no network: from the worker.
        assert manifest["parsed"]["scope"] == f"{live_server.url}/"
        start_url = json.loads(manifest["data"])["start_url"]
        assert start_url == "/?source=pwa"  # the Vietnamese home
        phone.wait_for_function(  # the first page, opened before the worker, is kept too
            "caches.open('pages-anon').then(c => c.match('/')).then(r => !!r)", polling=200
        )
        context.set_offline(True)
        response = phone.goto(start_url)
        assert response is not None and response.ok and response.from_service_worker
        expect(phone).to_have_title(home_title)  # the home page kept, not the offline page
        expect(phone.get_by_role("heading", name="Không có mạng")).to_have_count(0)
        shot(phone, "12-start-url-offline")
    finally:
        context.close()
