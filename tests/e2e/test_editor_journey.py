"""An editor and a moderator on a 360×740 phone and on a 1366×768 PC take a campaign article
from draft to scheduled publication: the editor writes it (on the PC a new page, its address
made from the Vietnamese title in plain ASCII; on the phone an existing draft), schedules it
for 30/7 with Wagtail's date picker, submits it for review; the moderator approves it from the
dashboard's "Chờ bạn duyệt" (on the phone with its buttons there, on the PC from the edit
screen) and the page waits for its time, listed in "Lịch đăng bài".
Everything in Vietnamese, nothing wider than the screen."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import Revision

from cms.campaigns.models import CampaignPage
from tests.admin_screens import english_on_screen
from tests.e2e.conftest import ARTIFACTS, new_phone
from tests.e2e.test_campaign_workflow import newsroom  # noqa: F401 (fixture)
from tests.factories.accounts import PASSWORD
from tests.factories.campaigns import campaign_page

SHOTS = ARTIFACTS / "editor-journey"
TITLE = "Cảnh giác với lời mời việc nhẹ lương cao ở nước ngoài năm 2030"
ASCII_SLUG = "canh-giac-voi-loi-moi-viec-nhe-luong-cao-o-nuoc-ngoai-nam-2030"

# The same journey on the editor's phone and on the office PC.
DEVICES = {"phone": {"width": 360, "height": 740}, "pc": {"width": 1366, "height": 768}}


def sign_in_on(device, browser, live_server, username):
    if device == "phone":
        context, page = new_phone(browser, live_server, timeout=30_000)
    else:
        context = browser.new_context(
            viewport=DEVICES["pc"], base_url=live_server.url, locale="vi-VN"
        )
        page = context.new_page()
        page.set_default_timeout(30_000)
    page.goto("/accounts/login/?next=/admin/")
    page.locator('input[name="login"]').fill(username)
    page.locator('input[name="password"]').fill(PASSWORD)
    page.locator('main form button[type="submit"]').click()
    expect(page).to_have_url(f"{live_server.url}/admin/")
    return page


def shot(page, name):
    """Keep a picture of the screen, and fail on any English string of Wagtail's or allauth's
    catalogues in it as the browser shows it (after the admin's scripts ran)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))
    english = english_on_screen(page.content())
    assert not english, f"English on {name}: {sorted(english)}"


def fits_the_screen(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def open_actions(page):
    page.locator("footer .w-dropdown__toggle").first.click()


def write_a_new_article(editor, newsroom, device):  # noqa: F811
    """The add form: the address is written as the title is typed, in plain ASCII (Wagtail's
    JS has no Vietnamese table: the project's formatters map the letters first)."""
    editor.goto(f"/admin/pages/add/campaigns/campaignpage/{newsroom.pk}/")
    editor.locator("#id_title").fill(TITLE)
    editor.locator("#id_title").blur()
    expect(editor.locator("#id_slug")).to_have_value(ASCII_SLUG)
    editor.locator("#id_year").fill("2030")
    editor.locator("#id_theme").fill("Việc nhẹ lương cao là bẫy")
    editor.locator("#id_intro").fill("Đừng tin lời hứa việc nhẹ, lương cao ở nơi xa.")
    shot(editor, f"03-editor-new-article-{device}")


def edit_the_draft(editor, newsroom, device):  # noqa: F811
    article = campaign_page(
        index=newsroom, year=2030, title=TITLE, slug="canh-giac-2030", publish=False
    )
    # The page list: titles whole words, truncated rather than wrapped a syllable a line.
    editor.goto(f"/admin/pages/{newsroom.pk}/")
    title_link = editor.get_by_role("link", name=TITLE).first
    expect(title_link).to_be_visible()
    box = title_link.bounding_box()
    assert box["width"] > 150, box  # not squeezed into a syllable-wide column
    assert box["height"] < 60, box  # at most two lines
    fits_the_screen(editor)
    shot(editor, f"02-editor-page-list-{device}")

    editor.goto(f"/admin/pages/{article.pk}/edit/")
    editor.locator("#id_intro").fill("Đừng tin lời hứa việc nhẹ, lương cao ở nơi xa.")
    shot(editor, f"03-editor-edit-{device}")
    fits_the_screen(editor)


def schedule(editor, device):
    """Wagtail's status side panel opens the "set schedule" dialog. Its date picker opens
    over the dialog's save button on a 768 px high screen: Escape closes the picker alone,
    and a whole date typed closes it (cms/core/static/core/admin.js)."""
    editor.locator('[data-side-panel-toggle="status"]').click()
    editor.locator('[data-a11y-dialog-show="schedule-publishing-dialog"]').click()
    dialog = editor.locator("#schedule-publishing-dialog")
    expect(dialog).to_be_visible()
    go_live = dialog.locator('input[name="go_live_at"]')
    picker = editor.locator(".xdsoft_datetimepicker:visible")
    save = dialog.get_by_role("button", name="Lưu lịch đăng")
    go_live.click()
    expect(picker).to_have_count(1)
    shot(editor, f"04a-editor-schedule-picker-{device}")
    # The picker leaves the save button and its own month and year within reach.
    box, button = picker.bounding_box(), save.bounding_box()
    assert box["y"] >= 0, box
    assert box["y"] + box["height"] <= button["y"] or box["y"] >= button["y"] + button["height"], (
        box,
        button,
    )
    editor.keyboard.press("Escape")
    expect(picker).to_have_count(0)
    expect(dialog).to_be_visible()  # Escape closed the picker, not the dialog

    go_live.click()
    expect(picker).to_have_count(1)
    go_live.press_sequentially("2030-07-30 07:00")
    expect(picker).to_have_count(0)
    shot(editor, f"04b-editor-schedule-typed-{device}")
    save.click()
    expect(editor.locator(".messages")).to_contain_text(TITLE)
    shot(editor, f"04c-editor-schedule-saved-{device}")
    expect(editor.get_by_text("Khi được lên lịch:")).to_be_visible()
    # The status panel covers the phone's screen: close it to reach the actions.
    editor.locator('[data-side-panel-toggle="status"]').click()


@pytest.mark.parametrize("device", ["phone", "pc"])
def test_editor_schedules_and_moderator_approves(device, newsroom, browser, live_server):  # noqa: F811
    editor = sign_in_on(device, browser, live_server, "bientap")
    shot(editor, f"01-editor-dashboard-{device}")
    expect(editor.locator("#campaign-countdown-section")).to_contain_text("30/7")
    fits_the_screen(editor)

    if device == "pc":
        write_a_new_article(editor, newsroom, device)
    else:
        edit_the_draft(editor, newsroom, device)
    schedule(editor, device)

    open_actions(editor)
    submit = editor.locator('button[name="action-submit"]')
    expect(submit).to_be_visible()
    expect(editor.locator('button[name="action-publish"]')).to_have_count(0)
    submit.click()
    expect(editor.locator(".messages")).to_contain_text("gửi duyệt")
    shot(editor, f"05-editor-submitted-{device}")
    editor.context.close()
    article = CampaignPage.objects.get(title=TITLE)
    assert not article.live

    moderator = sign_in_on(device, browser, live_server, "kiemduyet")
    review = moderator.locator("#campaign-review-section")
    expect(review).to_contain_text(TITLE)
    fits_the_screen(moderator)
    shot(moderator, f"06-moderator-dashboard-{device}")
    if device == "phone":
        # Straight from "Chờ bạn duyệt", with Wagtail's own workflow action buttons.
        expect(review.get_by_role("button", name="Yêu cầu chỉnh sửa")).to_be_visible()
        approve = review.get_by_role("button", name="Duyệt", exact=True)
    else:
        review.get_by_role("link", name=TITLE).click()
        open_actions(moderator)
        approve = moderator.locator('button[data-workflow-action-name="approve"]').first
        expect(approve).to_be_visible()
        expect(moderator.get_by_text("Schedule to publish")).to_have_count(0)
        shot(moderator, f"07-moderator-actions-{device}")
    approve.click()
    if device == "phone":  # back on the dashboard: the article moved to "Lịch đăng bài"
        expect(moderator.locator("#campaign-scheduled-section")).to_contain_text(TITLE)
        expect(review).to_have_count(0)
    else:
        expect(moderator.locator(".messages")).to_contain_text(TITLE)
    shot(moderator, f"07b-moderator-approved-{device}")

    article.refresh_from_db()
    assert not article.live  # waits for 30/7/2030
    scheduled = Revision.objects.get(object_id=str(article.pk), approved_go_live_at__isnull=False)
    expected = timezone.make_aware(datetime.datetime(2030, 7, 30, 7, 0))
    assert scheduled.approved_go_live_at == expected
    url = CampaignPage.objects.get(pk=article.pk).url
    assert url.isascii(), url

    moderator.goto("/admin/")
    expect(moderator.locator("#campaign-scheduled-section")).to_contain_text(TITLE)
    expect(moderator.locator("#campaign-scheduled-section")).to_contain_text("30/07/2030 07:00")
    fits_the_screen(moderator)
    shot(moderator, f"08-moderator-scheduled-{device}")
    moderator.context.close()
