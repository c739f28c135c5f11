"""A staff learner on a phone: signs in, takes the law quiz, fails, retries, passes and
downloads the certificate. And the quiz page's source never holds a correct answer."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from cms.learning.grading import answer_key
from cms.learning.models import QuizPage
from elearning.accounts.choices import Audience
from tests.e2e.conftest import ARTIFACTS
from tests.factories.accounts import PASSWORD, LearnerFactory


@pytest.fixture
def courses(transactional_db):
    from cms.core.demo.site import load as load_site
    from cms.learning.demo import STAFF_QUIZ
    from cms.learning.demo import load as load_courses

    load_site(out=lambda *args: None)
    load_courses(out=lambda *args: None)
    return QuizPage.objects.get(slug=STAFF_QUIZ["slug"], locale__language_code="vi")


@pytest.fixture
def police_officer(transactional_db):
    return LearnerFactory(
        username="canbo.minh",
        first_name="Minh",
        last_name="Trần Văn",
        profile__audience=Audience.POLICE,
        profile__full_name="Trần Văn Minh",  # given before the first certificate
    )


def answer(phone, quiz, *, right: bool):
    for question in answer_key(quiz.questions):
        if right:
            chosen = sorted(question.correct)
        else:
            chosen = [o.id for o in question.options if o.id not in question.correct][:1]
        for option_id in chosen:
            phone.locator(f'input[name="q-{question.id}"][value="{option_id}"]').check()
    phone.get_by_role("button", name="Nộp bài").click()


def test_staff_sign_in_fail_retry_pass_and_download_certificate(
    courses, police_officer, phone, tmp_path
):
    quiz = courses
    phone.goto("/accounts/login/?next=" + quiz.url)
    phone.locator('input[name="login"]').fill(police_officer.username)
    phone.locator('input[name="password"]').fill(PASSWORD)
    phone.locator('main form button[type="submit"]').click()

    expect(phone.get_by_role("heading", level=1)).to_have_text(quiz.title)
    answer(phone, quiz, right=False)
    expect(phone.get_by_role("heading", name="Chưa đạt")).to_be_visible()
    expect(phone.get_by_text("Đúng 0/10 câu (0%)")).to_be_visible()
    phone.screenshot(path=str(ARTIFACTS / "quiz_failed.png"), full_page=False)

    phone.get_by_role("link", name="Làm lại").click()
    answer(phone, quiz, right=True)
    expect(phone.get_by_role("heading", name="Đạt!")).to_be_visible()
    expect(phone.get_by_text("Đúng 10/10 câu (100%)")).to_be_visible()
    phone.screenshot(path=str(ARTIFACTS / "quiz_passed.png"), full_page=False)

    # The result itself offers the certificate.
    expect(
        phone.get_by_role("heading", name="Bạn đã được cấp chứng nhận của khóa học")
    ).to_be_visible()
    with phone.expect_download() as download_info:
        phone.get_by_role("link", name="Tải chứng nhận (PDF)").first.click()
    pdf = Path(download_info.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    (ARTIFACTS / "certificate.pdf").write_bytes(pdf)
    if shutil.which("pdftoppm"):  # a picture of the certificate to look at, where poppler is
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-singlefile",
                str(ARTIFACTS / "certificate.pdf"),
                str(ARTIFACTS / "certificate"),
            ],
            check=False,
        )

    code = re.search(r"/certificates/([A-Z0-9]+)/", phone.content()).group(1)
    phone.get_by_role("link", name="Học tiếp").click()
    phone.screenshot(path=str(ARTIFACTS / "course_passed.png"), full_page=True)
    phone.goto(f"/certificates/{code}/")
    expect(phone.get_by_role("heading", name="Chứng nhận này là thật")).to_be_visible()
    expect(phone.get_by_text("Trần Văn Minh")).to_be_visible()


def test_quiz_page_source_holds_no_correct_answer(courses, police_officer, phone):
    quiz = courses
    phone.goto("/accounts/login/?next=" + quiz.url)
    phone.locator('input[name="login"]').fill(police_officer.username)
    phone.locator('input[name="password"]').fill(PASSWORD)
    phone.locator('main form button[type="submit"]').click()
    expect(phone.get_by_role("button", name="Nộp bài")).to_be_visible()

    source = phone.request.get(quiz.url).text()  # the raw HTML, with the same session
    rendered = phone.content()
    for html in (source, rendered):
        assert 'name="form_token"' in html
        for question in answer_key(quiz.questions):
            assert question.explanation not in html
            for option in question.options:
                assert f'value="{option.id}"' in html
        assert not re.search(r"correct|data-answer", html, re.IGNORECASE)
    # Nor in any script the page loads.
    scripts = phone.evaluate("Array.from(document.scripts).map(s => s.src || s.textContent)")
    assert not any("correct" in script.lower() for script in scripts)
    # The page fits the phone.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
