"""The demo: confirmed sessions in the demo province's key communes, counted in its figures,
and one session open for QR check-in, opened again when a later `make run` finds it closed."""

from datetime import timedelta

from django.utils import timezone

from elearning.community import demo
from elearning.community.models import CommunitySession
from elearning.coverage.models import Rollup
from tests.factories.coverage import indicator, profile


def test_the_demo_loads_confirmed_sessions_and_one_open_session(
    communes, django_capture_on_commit_callbacks
):
    for commune in communes:
        profile(commune, population=800)
    with django_capture_on_commit_callbacks(execute=True):
        demo.load(out=lambda *args: None)
    demo.load(out=lambda *args: None)  # idempotent

    sessions = CommunitySession.objects.all()
    assert sessions.filter(status="confirmed").count() == len(demo.CONFIRMED)
    open_session = sessions.get(place=demo.OPEN_PLACE)
    assert open_session.status == "draft" and open_session.closes_at > timezone.now()
    held = Rollup.objects.filter(level="commune", indicator=indicator("sessions_held"))
    assert sum(held.values_list("numerator", flat=True)) == len(demo.CONFIRMED)

    # Days later the open session has closed: loading again opens it for today.
    CommunitySession.objects.filter(pk=open_session.pk).update(
        starts_at=open_session.starts_at - timedelta(days=3),
        ends_at=open_session.ends_at - timedelta(days=3),
    )
    demo.load(out=lambda *args: None)
    open_session.refresh_from_db()
    assert open_session.closes_at > timezone.now()
    assert sessions.count() == len(demo.CONFIRMED) + 1


def test_the_open_demo_session_has_a_check_quiz_from_the_demo_course(communes, home_page):
    from cms.learning.demo import load as load_courses
    from elearning.community import check_quiz

    load_courses(out=lambda *args: None)
    for commune in communes:
        profile(commune, population=800)
    demo.load(out=lambda *args: None)
    open_session = CommunitySession.objects.get(place=demo.OPEN_PLACE)
    assert open_session.course.slug == demo.DEMO_COURSE_SLUG
    assert len(check_quiz.questions_for(open_session)) == check_quiz.QUESTIONS_MAX
