"""Finishing a course always offers a next step; "my learning" lists what a learner did."""

import pytest

from cms.learning.models import LessonPage
from elearning.progress.models import Certificate
from tests.cms.learning.conftest import submit
from tests.factories.learning import make_course, right_answers

pytestmark = pytest.mark.django_db


def finish_lessons(client, course):
    for lesson in course.get_children().type(LessonPage).specific():
        client.post(lesson.url)


def test_the_last_step_leads_to_the_course_complete_page_with_score_and_next_course(
    client, learner, community_course, community_quiz, home_page
):
    other = make_course(home_page, title="Đi làm ở nước ngoài an toàn")
    finish_lessons(client, community_course)
    response = submit(client, community_quiz, right_answers(community_quiz), follow=True)
    html = response.content.decode()
    complete_url = f"/learning/course/{community_course.pk}/complete/"
    assert f'href="{complete_url}"' in html  # "Continue" after the last quiz

    page = client.get(complete_url)
    html = page.content.decode()
    assert "Hoàn thành khóa học!" in html
    assert "Điểm của bạn: 100%" in html
    assert other.title in html and other.url in html
    assert "facebook.com/sharer" in html
    assert f"http://testserver{community_course.url}" in html  # the site's public address


def test_the_complete_page_leads_back_to_the_course_while_steps_remain(
    client, learner, community_course
):
    response = client.get(f"/learning/course/{community_course.pk}/complete/")
    assert response.status_code == 302
    assert response["Location"] == community_course.url


def test_finishing_the_last_lesson_goes_to_the_complete_page(client, learner, home_page):
    from tests.factories.learning import make_lesson

    course = make_course(home_page, title="Một bài")
    lesson = make_lesson(course, title="Bài duy nhất")
    response = client.post(lesson.url)
    assert response["Location"] == f"/learning/course/{course.pk}/complete/"
    assert "Hoàn thành khóa học!" in client.get(response["Location"]).content.decode()


def test_passing_the_certificate_quiz_shows_the_certificate_on_the_result(
    client, police, staff_quiz
):
    response = submit(client, staff_quiz, right_answers(staff_quiz), follow=True)
    code = Certificate.objects.get().verification_code
    html = response.content.decode()
    assert f"/certificates/{code}/pdf/" in html
    assert f"/certificates/{code}/" in html


def test_my_learning_lists_courses_certificates_and_documents(
    client, police, staff_quiz, community_course
):
    lesson = community_course.get_children().type(LessonPage).first()
    client.post(lesson.url)
    submit(client, staff_quiz, right_answers(staff_quiz))
    code = Certificate.objects.get().verification_code

    html = client.get("/learning/mine/").content.decode()
    in_progress, completed = html.split('id="completed"')
    assert community_course.title in in_progress and "Học tiếp" in in_progress
    assert staff_quiz.get_parent().title in completed
    assert f"/certificates/{code}/pdf/" in completed


def test_my_learning_for_a_visitor_says_how_to_start(client, home_page):
    html = client.get("/learning/mine/").content.decode()
    assert "/accounts/guest/" in html and "/accounts/login/" in html


def test_home_page_shows_staff_courses_first_to_staff_and_community_first_to_others(
    client, community_course, staff_course, police
):
    html = client.get("/").content.decode()
    assert html.index(staff_course.title) < html.index(community_course.title)
    client.logout()
    html = client.get("/").content.decode()
    assert html.index(community_course.title) < html.index(staff_course.title)
