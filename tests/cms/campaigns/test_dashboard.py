"""The editors' dashboard on the admin home: days to 30/7, what the year's campaign lacks,
what waits for review, what is scheduled, and the campaign's reach with small counts hidden.
Its queries do not grow with the content."""

import datetime
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.campaigns.dashboard_selectors import next_event_date, suppress
from cms.campaigns.models import CampaignPageView
from elearning.coverage.services import set_report_scope
from tests.factories.accounts import UserFactory
from tests.factories.campaigns import SloganFactory, campaign_page
from tests.factories.dissemination import ReadReceiptFactory
from tests.factories.geo import CommuneFactory, ProvinceFactory

pytestmark = pytest.mark.django_db


def this_campaign_year() -> int:
    return next_event_date(timezone.localdate()).year


def text(response) -> str:
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(body).split())


@pytest.mark.parametrize(
    "today, event",
    [
        (datetime.date(2027, 1, 1), datetime.date(2027, 7, 30)),
        (datetime.date(2027, 7, 30), datetime.date(2027, 7, 30)),
        (datetime.date(2027, 7, 31), datetime.date(2028, 7, 30)),
        (datetime.date(2027, 12, 31), datetime.date(2028, 7, 30)),
    ],
)
def test_the_next_30_7_is_this_years_until_it_has_passed(today, event):
    assert next_event_date(today) == event


def test_without_a_campaign_the_dashboard_says_so_and_links_to_create_it(client, editor, campaigns):
    client.force_login(editor)
    page = text(client.get("/admin/"))
    year = this_campaign_year()
    days = (next_event_date(timezone.localdate()) - timezone.localdate()).days
    assert f"{days} ngày đến 30/07/{year}" in page or "Hôm nay là 30/7" in page
    assert f"Trang chiến dịch năm {year}" in page
    page_html = client.get("/admin/").content.decode()
    assert f"/admin/pages/add/campaigns/campaignpage/{campaigns.pk}/" in page_html


def test_the_checklist_names_what_a_draft_campaign_lacks(client, editor, campaigns):
    campaign_page(index=campaigns, year=this_campaign_year(), publish=False)
    client.force_login(editor)
    page = text(client.get("/admin/"))
    assert "Chiến dịch còn thiếu 6 việc" in page
    for missing in [
        "Có ít nhất một khẩu hiệu đã đăng",
        "Có bài viết (một đoạn văn trong nội dung)",
        "Có thẻ “Chia sẻ khẩu hiệu này”",
        "Có bản tiếng Anh",
        "Đã đăng, hoặc đã lên lịch và được duyệt",
    ]:
        assert missing in page


def test_a_complete_published_campaign_lacks_nothing(client, editor, campaigns):
    slogan = SloganFactory(text="Chung tay phòng, chống mua bán người", year=2017)
    from wagtail.rich_text import RichText

    campaign = campaign_page(
        index=campaigns,
        year=this_campaign_year(),
        slogans=[slogan],
        body=[
            ("paragraph", RichText("<p>Bài viết.</p>")),
            ("share_slogan", {"slogan": slogan, "invitation": "Chia sẻ"}),
        ],
    )
    from wagtail.models import Locale

    english = campaign.copy_for_translation(
        Locale.objects.get(language_code="en"), copy_parents=True
    )
    english.save_revision().publish()
    client.force_login(editor)
    page = text(client.get("/admin/"))
    assert "Chiến dịch đã sẵn sàng" in page
    assert "còn thiếu" not in page


def test_review_panel_shows_the_editors_submission_and_the_moderators_task(
    client, editor, moderator, campaigns, workflow
):
    draft = campaign_page(index=campaigns, year=2031, slug="30-7-2031", publish=False)
    draft.save_revision(user=editor)
    workflow.start(draft, editor)

    client.force_login(editor)
    page = text(client.get("/admin/"))
    assert "Bạn đã gửi duyệt (1)" in page
    assert draft.title in page
    assert "data-workflow-action-url" not in client.get("/admin/").content.decode()
    client.force_login(moderator)
    response = client.get("/admin/")
    assert "Chờ bạn duyệt (1)" in text(response)
    assert f"/admin/pages/{draft.pk}/edit/" in response.content.decode()


def action_buttons(response) -> dict[str, tuple[str, bool]]:
    """The review panel's buttons: label -> (Wagtail's workflow action URL, opens a modal)."""
    panel = response.content.decode().split('id="campaign-review-section"')[1]
    return {
        html.unescape(label).strip(): (html.unescape(url), bool(modal))
        for url, modal, label in re.findall(
            r'data-workflow-action-url="([^"]+)"( data-launch-modal)?>([^<]+)</button>', panel
        )
    }


def test_a_moderator_approves_or_asks_for_changes_from_the_dashboard(
    client, editor, moderator, campaigns, workflow
):
    draft = campaign_page(index=campaigns, year=2031, slug="30-7-2031", publish=False)
    draft.save_revision(user=editor)
    state = workflow.start(draft, editor)
    client.force_login(moderator)
    buttons = action_buttons(client.get("/admin/"))
    task_state = state.current_task_state.pk
    assert buttons == {
        "Yêu cầu chỉnh sửa": (
            f"/admin/pages/workflow/action/{draft.pk}/reject/{task_state}/",
            True,
        ),
        "Duyệt": (f"/admin/pages/workflow/action/{draft.pk}/approve/{task_state}/", False),
        "Duyệt kèm nhận xét": (
            f"/admin/pages/workflow/action/{draft.pk}/approve/{task_state}/",
            True,
        ),
    }
    # What Wagtail's dashboard script posts for "Duyệt": the page goes live, the item leaves.
    url, _modal = buttons["Duyệt"]
    response = client.post(url, {"next": "/admin/"}, follow=True)
    assert response.redirect_chain[-1][0] == "/admin/"
    draft.refresh_from_db()
    assert draft.live
    assert "Chờ bạn duyệt" not in text(response)


def test_the_review_panels_actions_are_only_the_moderators(client, editor, campaigns, workflow):
    """An editor who may edit the page but not review it gets no action there, and Wagtail's
    action view refuses the URL typed by hand."""
    draft = campaign_page(index=campaigns, year=2031, slug="30-7-2031", publish=False)
    draft.save_revision(user=editor)
    state = workflow.start(draft, editor)
    client.force_login(editor)
    assert not action_buttons(client.get("/admin/"))
    url = f"/admin/pages/workflow/action/{draft.pk}/approve/{state.current_task_state.pk}/"
    response = client.post(url, {"next": "/admin/"})
    assert response.status_code in (302, 403)
    draft.refresh_from_db()
    assert not draft.live


def test_scheduled_panel_lists_approved_future_publications(client, editor, campaigns):
    later = campaign_page(index=campaigns, year=2032, slug="30-7-2032", publish=False)
    go_live = timezone.make_aware(datetime.datetime(2032, 7, 30, 7, 0))
    later.go_live_at = go_live
    later.save_revision(approved_go_live_at=go_live)
    client.force_login(editor)
    page = text(client.get("/admin/"))
    assert "Lịch đăng bài" in page
    assert later.title in page
    assert "30/07/2032 07:00" in page


def test_reach_counts_views_and_hides_small_counts(client, editor, campaigns):
    campaign = campaign_page(index=campaigns, year=this_campaign_year())
    for _ in range(6):  # the page (from the anonymous page cache after the first), its counter
        page = client.get(campaign.url).content.decode()
        counter = re.search(r'<img class="view-count" src="([^"]+)"', page).group(1)
        assert client.get(counter)["Content-Type"] == "image/gif"
    assert CampaignPageView.objects.get(page=campaign).views == 6
    # Not a live campaign page: nothing counted, and nothing broken on the page.
    assert client.get(f"/campaign-views/{campaigns.pk}.gif").status_code == 200
    assert CampaignPageView.objects.count() == 1

    big, small = ProvinceFactory(name="Tỉnh Ninh Bình"), ProvinceFactory(name="Tỉnh Nhỏ")
    for number in range(7):
        ReadReceiptFactory(
            page=campaign, commune=CommuneFactory(province=big), visitor_key=f"big-{number}"
        )
    for number in range(2):
        ReadReceiptFactory(
            page=campaign, commune=CommuneFactory(province=small), visitor_key=f"small-{number}"
        )
    client.force_login(editor)
    page = text(client.get("/admin/"))
    assert "Tiếng Việt 6" in page
    # Two provinces, one under 5: both hidden, or the total would give the small one away.
    assert "Tỉnh Ninh Bình <5" in page and "Tỉnh Nhỏ <5" in page
    assert "Tổng 9" in page
    assert "Tỉnh Nhỏ 2" not in page and "Tỉnh Ninh Bình 7" not in page


def test_suppression_hides_a_second_count_when_one_is_hidden():
    shown, total = suppress([("A", 40), ("B", 12), ("C", 3)])
    assert shown == [("A", 40), ("B", "<5"), ("C", "<5")]
    assert total == 55
    shown, total = suppress([("A", 40), ("B", 3), ("C", 2)])
    assert shown == [("A", 40), ("B", "<5"), ("C", "<5")]
    assert suppress([("A", 3)]) == ([("A", "<5")], "<5")


def test_report_readers_see_no_campaign_panels(client, campaigns, workflow):
    reader = UserFactory(username="baocao")
    set_report_scope(user=reader, unit=None)
    client.force_login(reader)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 200
    assert "campaign-countdown" not in response.content.decode()
    assert "Lịch đăng bài" not in text(response)


def admin_home_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/admin/").status_code == 200
    return len(queries)


def test_the_dashboards_queries_do_not_grow_with_the_content(
    client, editor, moderator, campaigns, workflow
):
    def add_waiting(year):
        draft = campaign_page(index=campaigns, year=year, slug=f"30-7-{year}", publish=False)
        go_live = timezone.make_aware(datetime.datetime(year, 7, 30, 7, 0))
        draft.go_live_at = go_live
        draft.save_revision(user=editor, approved_go_live_at=go_live)
        workflow.start(draft, editor)

    for year in range(2040, 2047):  # more than a panel lists: the totals are counted
        add_waiting(year)
    client.force_login(moderator)
    admin_home_queries(client)  # warm Wagtail's per-process caches
    few = admin_home_queries(client)
    for year in range(2047, 2054):
        add_waiting(year)
    many = admin_home_queries(client)
    assert many == few, (few, many)
    assert "Chờ bạn duyệt (14)" in text(client.get("/admin/"))
