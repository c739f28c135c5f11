"""On a phone: a staff learner finishes a law course, gives the name to print, gets the
certificate; the course-complete page offers what next; "my learning" lists it."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from elearning.accounts.choices import Audience
from elearning.progress.choices import ContentAudience
from tests.e2e.conftest import ARTIFACTS


@pytest.fixture
def course(transactional_db):
    from cms.core.demo.site import load
    from tests.factories.learning import make_course, make_lesson, make_quiz

    home = load(out=lambda *args: None)
    course = make_course(
        home,
        title="Pháp luật cho cán bộ",
        audience=ContentAudience.STAFF,
        gives_certificate=True,
        pass_mark=50,
    )
    make_lesson(course, title="Điều 150")
    make_quiz(course, title="Kiểm tra", shuffle_options=False)
    make_course(home, title="Nhận biết thủ đoạn lừa đảo")
    return course


def sign_in(phone, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    phone.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def shot(phone, name):
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / f"journey-{name}.png"), full_page=True)


def test_staff_finish_a_course_and_get_a_certificate_with_their_name(course, phone, live_server):
    from tests.factories.accounts import LearnerFactory
    from tests.factories.learning import right_answers

    user = LearnerFactory(username="kiemsat.minh", profile__audience=Audience.PROCURACY)
    sign_in(phone, live_server, user)
    lesson = course.get_children().first()
    phone.goto(lesson.url)
    phone.get_by_role("button", name="Tôi đã học xong bài này").click()
    quiz = course.get_children().last().specific
    answers = right_answers(quiz)
    for name, values in answers.items():
        for value in values:
            phone.locator(f'input[name="{name}"][value="{value}"]').check()
    phone.get_by_role("button", name="Nộp bài").click()
    expect(phone.get_by_role("heading", name="Đạt!")).to_be_visible()
    shot(phone, "1-quiz-passed-asks-name")

    phone.get_by_role("link", name="Nhập thông tin của tôi").click()
    phone.get_by_label("Họ và tên của bạn, đúng như cần in").fill("Trần Văn 2 Minh")
    phone.get_by_label("Cơ quan").fill("Viện kiểm sát nhân dân tỉnh Ninh Bình")
    phone.get_by_role("button", name="Lưu").click()
    expect(phone.get_by_text("chỉ được gồm chữ cái").first).to_be_visible()
    shot(phone, "2-bad-name-refused")
    phone.get_by_label("Họ và tên của bạn, đúng như cần in").fill("Trần Văn Minh")
    phone.get_by_role("button", name="Lưu").click()
    expect(phone.get_by_role("link", name="Tải chứng nhận (PDF)").first).to_be_visible()

    phone.goto(f"/learning/course/{course.pk}/complete/")
    expect(phone.get_by_role("heading", name="Hoàn thành khóa học!")).to_be_visible()
    expect(phone.get_by_text("Nhận biết thủ đoạn lừa đảo")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    shot(phone, "3-course-complete")

    phone.get_by_role("link", name="Trang xác minh công khai").click()
    expect(phone.get_by_text("Trần Văn Minh")).to_be_visible()
    expect(phone.get_by_text("Viện kiểm sát nhân dân tỉnh Ninh Bình")).to_be_visible()
    shot(phone, "4-verification")

    phone.goto("/learning/mine/")
    expect(phone.get_by_role("heading", name="Việc học của tôi")).to_be_visible()
    expect(phone.get_by_text("Pháp luật cho cán bộ").first).to_be_visible()
    shot(phone, "5-my-learning")
