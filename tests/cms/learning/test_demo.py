import pytest
from wagtail.models import Locale

from cms.learning import demo
from cms.learning.grading import answer_key
from cms.learning.models import CoursePage, LessonPage, QuizPage

pytestmark = pytest.mark.django_db


def test_demo_courses_load_twice_with_english_translations(home_page):
    demo.load(out=lambda *args: None)
    demo.load(out=lambda *args: None)
    vi = Locale.objects.get(language_code="vi")
    en = Locale.objects.get(language_code="en")
    assert CoursePage.objects.filter(locale=vi).count() == 2
    assert CoursePage.objects.filter(locale=en).count() == 2
    assert (
        LessonPage.objects.filter(locale=en).count()
        == LessonPage.objects.filter(locale=vi).count()
        == 4
    )
    for quiz in QuizPage.objects.filter(locale=vi):
        questions = answer_key(quiz.questions)
        assert len(questions) >= 8
        english = quiz.get_translation(en)
        # The same question and option ids in both languages.
        assert [q.id for q in answer_key(english.questions)] == [q.id for q in questions]
        assert english.live


def test_staff_course_is_flagged_for_review_and_gives_a_certificate(home_page):
    demo.load(out=lambda *args: None)
    staff = CoursePage.objects.get(slug=demo.STAFF["slug"])
    assert staff.audience == "staff" and staff.gives_certificate and staff.needs_review
    community = CoursePage.objects.get(slug=demo.COMMUNITY["slug"])
    assert community.audience == "community" and not community.needs_review


def test_demo_pages_render_in_both_languages(client, home_page):
    demo.load(out=lambda *args: None)
    assert "Pháp luật về phòng, chống mua bán người" in client.get("/khoa-hoc/").content.decode()
    english = client.get("/en/courses/")
    assert english.status_code == 200
    assert "The law on preventing human trafficking" in english.content.decode()
    lesson = LessonPage.objects.get(slug="tim-su-giup-do")
    html = client.get(lesson.url).content.decode()
    assert 'href="tel:111"' in html  # the hotline block reads the site setting
