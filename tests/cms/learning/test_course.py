import pytest

from cms.learning.models import LessonPage
from elearning.progress.models import ContentProgress
from tests.cms.learning.conftest import submit
from tests.factories.learning import right_answers

pytestmark = pytest.mark.django_db


def lessons(course):
    return list(LessonPage.objects.child_of(course).order_by("path"))


def test_finishing_a_lesson_marks_it_and_moves_on(client, learner, community_course):
    first, second = lessons(community_course)
    page = client.get(first.url).content.decode()
    assert "Tôi đã học xong bài này" in page  # a plain form button

    response = client.post(first.url)
    assert response["Location"] == second.url
    progress = ContentProgress.objects.get(learner=learner, content=first)
    assert progress.is_complete and progress.course_id == community_course.pk
    assert "Bạn đã học xong bài này" in client.get(first.url).content.decode()

    client.post(first.url)  # again: nothing new
    assert ContentProgress.objects.count() == 1


def test_course_page_shows_progress_and_where_to_continue(client, learner, community_course):
    first, second = lessons(community_course)
    page = client.get(community_course.url).content.decode()
    assert "Bắt đầu khóa học" in page
    assert f'href="{first.url}"' in page

    client.post(first.url)
    page = client.get(community_course.url).content.decode()
    assert "Đã xong 1/3 phần (33%)" in page
    assert 'aria-valuenow="33"' in page
    assert "Học tiếp từ chỗ bạn dừng" in page
    assert f'<a class="button" href="{second.url}">' in page


def test_a_completed_course_shows_full_progress(client, learner, community_course, community_quiz):
    for lesson in lessons(community_course):
        client.post(lesson.url)
    submit(client, community_quiz, right_answers(community_quiz))
    page = client.get(community_course.url).content.decode()
    assert "Đã xong 3/3 phần (100%)" in page
    assert "Học tiếp từ chỗ bạn dừng" not in page


def test_a_community_learner_may_read_but_not_record_a_staff_lesson(client, learner, staff_course):
    lesson = lessons(staff_course)[0]
    page = client.get(lesson.url).content.decode()
    assert "Nội dung bài học." in page
    assert "Tôi đã học xong bài này" not in page
    response = client.post(lesson.url, follow=True)
    assert "Khóa học này dành cho cán bộ" in response.content.decode()
    assert not ContentProgress.objects.exists()


def test_home_page_lists_the_courses_with_progress(client, learner, community_course):
    first = lessons(community_course)[0]
    client.post(first.url)
    page = client.get("/").content.decode()
    assert "Khóa học" in page and community_course.title in page
    assert "Học tiếp" in page
    assert "css/learning.css" in page
