"""What the demo marks for an editor's confirmation reaches the public only as a neutral
"Nội dung đang được cập nhật"; editors who may change the page see the internal note. The whole
demo site, crawled as a visitor, carries no internal wording."""

import re
from html import unescape

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page

from cms.campaigns.editorial import EDITORS
from cms.learning.models import CoursePage, LessonPage
from cms.legal.models import LegalDocumentPage
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db
NEUTRAL = "Nội dung đang được cập nhật."
NEUTRAL_BADGE = "đang cập nhật"
# Internal wording of the review notes, in both languages.
INTERNAL = re.compile(
    r"biên tập viên|đối chiếu|chờ .{0,20}xác nhận|cần xác nhận|\beditor\b|needs? review",
    re.IGNORECASE,
)


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.fixture
def demo(home_page):
    from cms.campaigns.demo import load as campaigns
    from cms.learning.demo import load as learning
    from cms.legal.demo import load as legal
    from elearning.geo.demo import load as geo

    quiet = lambda *args: None  # noqa: E731
    for load in (geo, campaigns, legal, learning):
        load(out=quiet)


def test_a_visitor_sees_no_internal_review_wording_anywhere_on_the_demo_site(client, demo):
    pages = Page.objects.live().filter(depth__gt=1).specific()
    checked = 0
    for page in pages:
        response = client.get(page.url)
        if response.status_code != 200:
            continue
        text = visible_text(response.content.decode())
        found = INTERNAL.search(text)
        assert not found, (
            f"{page.url}: {found.group(0)!r} in {text[max(0, found.start() - 80) : found.end() + 80]!r}"
        )
        checked += 1
    assert checked > 20
    flagged = LegalDocumentPage.objects.live().filter(needs_review=True, locale__language_code="vi")
    assert NEUTRAL in client.get(flagged.first().url).content.decode()
    staff_course = CoursePage.objects.get(needs_review=True, locale__language_code="vi")
    assert NEUTRAL in client.get(staff_course.url).content.decode()
    library = flagged.first().get_parent()
    assert NEUTRAL_BADGE in visible_text(client.get(library.url).content.decode())


def test_an_editor_sees_the_internal_note(client, demo):
    editor = UserFactory(username="bientap-ghichu")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    document = (
        LegalDocumentPage.objects.live()
        .filter(needs_review=True, locale__language_code="vi")
        .first()
    )
    text = visible_text(client.get(document.url).content.decode())
    assert "Chỉ biên tập viên thấy ghi chú này:" in text
    assert "chưa được đối chiếu" in text
    assert NEUTRAL not in text


def test_a_signed_in_learner_sees_the_neutral_note(client, demo):
    learner = UserFactory(username="hocvien-ghichu")
    client.force_login(learner)
    course = CoursePage.objects.get(needs_review=True, locale__language_code="vi")
    text = visible_text(client.get(course.url).content.decode())
    assert NEUTRAL in text
    assert not INTERNAL.search(text)


def test_the_staff_course_teaches_the_law_in_force_with_the_old_one_as_history(client, demo):
    course = CoursePage.objects.get(needs_review=True, locale__language_code="vi")
    lesson = LessonPage.objects.child_of(course).live().order_by("path").first()
    text = visible_text(client.get(lesson.url).content.decode())
    assert "Luật Phòng, chống mua bán người hiện hành là Luật số 53/2024/QH15" in text
    assert "có hiệu lực từ ngày 1/7/2025" in text
    assert text.index("53/2024/QH15") < text.index("Lịch sử")
    assert text.index("Lịch sử") < text.index("66/2011/QH12")


def test_course_pages_show_each_lessons_duration_and_the_total_adds_up(client, demo):
    for course in CoursePage.objects.live().filter(locale__language_code="vi"):
        children = [page.specific for page in course.get_children().live()]
        assert course.estimated_minutes == sum(child.estimated_minutes for child in children)
        text = visible_text(client.get(course.url).content.decode())
        for child in children:
            assert f"{child.title} " in text
            assert f"{child.estimated_minutes} phút" in text
        assert f"khoảng {course.estimated_minutes} phút" in text
