import re

import pytest

from cms.learning.models import QuizPage
from elearning.accounts.choices import Audience
from elearning.progress.choices import ContentAudience
from tests.factories.accounts import LearnerFactory
from tests.factories.learning import make_course, make_lesson, make_quiz


@pytest.fixture
def community_course(home_page):
    course = make_course(home_page, title="Nhận biết thủ đoạn")
    make_lesson(course, title="Dấu hiệu")
    make_lesson(course, title="Tìm giúp đỡ")
    make_quiz(course, title="Kiểm tra cộng đồng")
    return course


@pytest.fixture
def staff_course(home_page):
    course = make_course(
        home_page,
        title="Pháp luật",
        audience=ContentAudience.STAFF,
        gives_certificate=True,
        pass_mark=60,
    )
    make_lesson(course, title="Điều 150")
    make_quiz(course, title="Kiểm tra pháp luật")
    return course


@pytest.fixture
def community_quiz(community_course):
    return community_course.get_children().type(QuizPage).specific().get()


@pytest.fixture
def staff_quiz(staff_course):
    return staff_course.get_children().type(QuizPage).specific().get()


@pytest.fixture
def learner(client):
    user = LearnerFactory()
    client.force_login(user)
    return user


@pytest.fixture
def police(client):
    user = LearnerFactory(
        profile__audience=Audience.POLICE,
        profile__full_name="Trần Minh",
        profile__agency="Công an xã Tân Lập",
        first_name="Minh",
        last_name="Trần",
    )
    client.force_login(user)
    return user


def open_form(client, page) -> tuple[str, str]:
    """The quiz form's action and token, as a browser gets them from the page."""
    html = client.get(page.url).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', html)
    action = re.search(r'<form method="post" action="([^"]+)" class="quiz">', html)
    assert token and action, "the quiz form is not on the page"
    return action.group(1), token.group(1)


def form_token(client, page) -> str:
    return open_form(client, page)[1]


def submit(client, quiz, answers, *, token=None, follow=False):
    action, fresh = open_form(client, quiz) if token is None else (quiz_action(quiz), token)
    data = {"form_token": token or fresh, **answers}
    return client.post(action, data, follow=follow)


def quiz_action(quiz) -> str:
    from django.urls import reverse
    from django.utils import translation

    with translation.override(quiz.locale.language_code):
        return reverse("learning:submit_quiz", args=[quiz.pk])
