import re

import pytest
from django.db import transaction
from django.test import Client
from django.utils.module_loading import import_string

from cms.core.demo import LOADERS


def _first_answers(html: str) -> dict:
    """The first option of every question, as a learner who taps down the form would send."""
    answers = {}
    for name, value in re.findall(r'name="(q[^"]*)" value="([^"]+)"', html):
        answers.setdefault(name, value)
    return answers


def _learn_something(client, site) -> None:
    """A learner's real history, made the way they make it: a lesson finished in each course,
    a quiz submitted, a legal document confirmed as read."""
    for url in (site["lesson"], site["lesson_h5p"]):
        assert client.post(url).status_code == 302
    html = client.get(site["quiz"]).content.decode()
    action = re.search(r'<form method="post" action="([^"]+)" class="quiz">', html).group(1)
    token = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
    response = client.post(action, {"form_token": token, **_first_answers(html)})
    assert "?attempt=" in response["Location"]
    site["quiz_review"] = response["Location"]
    assert client.post(site["legal_document"]).status_code == 302


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The whole demo site as `make run` loads it (campaigns with a hero image and slogans,
    two courses with several lessons, one playing H5P, and quizzes, the legal library, each in
    Vietnamese and English), and a signed-in learner who has learned some of it: enough rows
    for a query per row to show. Loaded once for the module and rolled back after it."""
    from cms.campaigns.models import CampaignIndexPage, CampaignPage
    from cms.core.models import HomePage
    from cms.learning.h5p_demo import LESSON_SLUG
    from cms.learning.models import CourseIndexPage, CoursePage, LessonPage, QuizPage
    from cms.legal.models import LegalDocumentPage, LegalIndexPage
    from tests.factories.accounts import LearnerFactory

    with django_db_blocker.unblock(), transaction.atomic():
        for dotted in LOADERS:
            import_string(dotted)(out=lambda *args: None)

        def url(model, language="vi", **filters):
            return model.objects.live().filter(locale__language_code=language, **filters)[0].url

        h5p_lesson = LessonPage.objects.get(slug=LESSON_SLUG)
        site = {
            "home": url(HomePage),
            "campaign index": url(CampaignIndexPage),
            "campaign": url(CampaignPage, hero_image__isnull=False),
            "course index": url(CourseIndexPage),
            "course": h5p_lesson.get_parent().url,
            "lesson": url(LessonPage, translation_key__in=_without_h5p()),
            "lesson_h5p": h5p_lesson.url,
            "quiz": url(QuizPage, path__startswith=h5p_lesson.get_parent().path),
            "legal index": url(LegalIndexPage),
            "legal search": url(LegalIndexPage) + "?q=dieu",
            "legal_document": url(LegalDocumentPage, replaced_by__isnull=False),
            "my learning": "/learning/mine/",
            "home (en)": url(HomePage, "en"),
            "lesson_h5p (en)": h5p_lesson.get_translation(_locale("en")).url,
            "course (en)": url(CoursePage, "en"),
        }
        learner = LearnerFactory()
        client = Client()
        client.force_login(learner)
        _learn_something(client, site)
        site["learner"] = learner
        yield site
        transaction.set_rollback(True)


def _without_h5p():
    from cms.learning.models import LessonPage

    return [
        lesson.translation_key
        for lesson in LessonPage.objects.all()
        if not any(block.block_type == "h5p" for block in lesson.body)
    ]


def _locale(code):
    from wagtail.models import Locale

    return Locale.objects.get(language_code=code)
