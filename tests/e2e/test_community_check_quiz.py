"""A participant checks in on a phone without JavaScript, answers the session's check quiz and
reads the result with the right answers explained; the officer's session screen shows the
aggregates once five have answered (screenshots at 360×740)."""

import shutil
from pathlib import Path

import pytest
from django.http import QueryDict
from playwright.sync_api import expect

from elearning.community import check_quiz, checkin, services
from tests.e2e.conftest import ARTIFACTS, PHONE, new_phone, sign_in
from tests.factories.community import held, officer_of
from tests.factories.geo import CommuneFactory, ProvinceFactory
from tests.factories.learning import make_course, make_quiz

SHOTS = Path("/tmp/i20d-shots")


@pytest.fixture
def session(transactional_db):
    from cms.core.demo.site import load as load_site

    home = load_site(out=lambda *args: None)
    course = make_course(home, title="Nhận diện mua bán người")
    make_quiz(course, title="Kiểm tra một")
    make_quiz(course, title="Kiểm tra hai")
    province = ProvinceFactory(code="37", name="Tỉnh Ninh Bình")
    commune = CommuneFactory(province=province, code="10001", name="Xã Gia Viễn")
    officer = officer_of(commune, username="canbo-xa")
    return held(officer=officer, commune=commune, course=course, place="Nhà văn hoá thôn 4")


def _shot(page, name):
    for folder in (ARTIFACTS, SHOTS):
        folder.mkdir(exist_ok=True)
        page.screenshot(path=str(folder / f"check_quiz_{name}.png"), full_page=True)


def _fits_the_phone(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_participant_answers_the_check_quiz_without_javascript(session, browser, live_server):
    context, phone = new_phone(browser, live_server, timeout=20_000, javascript=False)
    try:
        phone.goto(f"/check-in/{checkin.token_for(session.pk)}/")
        phone.get_by_label("18–60").check()
        phone.get_by_role("button", name="Điểm danh").click()
        expect(phone.get_by_text("Một vài câu hỏi (nếu bạn muốn)")).to_be_visible()
        _fits_the_phone(phone)
        _shot(phone, "1_questions")

        questions = check_quiz.questions_for(session)
        for number, question in enumerate(questions):
            # Right for all but the last question.
            if number < len(questions) - 1:
                chosen = sorted(question.correct)
            else:
                chosen = [next(o.id for o in question.options if o.id not in question.correct)]
            for option_id in chosen:
                phone.locator(f'input[name="{question.field_name}"][value="{option_id}"]').check()
        phone.get_by_role("button", name="Gửi câu trả lời").click()
        expect(phone.get_by_text(f"Bạn trả lời đúng 4/{len(questions)} câu")).to_be_visible()
        expect(phone.get_by_text("GIAI-THICH-1: Điều 150.").first).to_be_visible()
        _fits_the_phone(phone)
        _shot(phone, "2_result")
    finally:
        context.close()


def test_the_officer_sees_the_quiz_results_on_the_session_screen(session, browser, live_server):
    questions = check_quiz.questions_for(session)
    for phone_number in range(6):
        key = f"phone-{phone_number}"
        services.check_in(session_id=session.pk, visitor_key=key, learner_id=None, age_band="18-60")
        answers = QueryDict(mutable=True)
        for number, question in enumerate(questions):
            right = number <= phone_number % len(questions)
            ids = (
                sorted(question.correct)
                if right
                else [next(o.id for o in question.options if o.id not in question.correct)]
            )
            answers.setlist(question.field_name, ids)
        services.answer_check_quiz(session_id=session.pk, visitor_key=key, data=answers)
    context, page = new_phone(browser, live_server, timeout=20_000)
    try:
        sign_in(page, "canbo-xa", "/admin/")
        page.goto(f"/admin/community-sessions/inspect/{session.pk}/")
        summary = page.locator("[data-quiz-summary]")
        expect(summary).to_contain_text("Người đã trả lời: 6")
        expect(summary).to_contain_text("điểm trung bình")
        summary.scroll_into_view_if_needed()
        _shot(page, "3_officer")
    finally:
        context.close()


pytestmark = pytest.mark.skipif(not shutil.which("chromium"), reason="needs chromium")
