import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import IntegrityError, connection, transaction

from elearning.accounts.choices import Audience
from elearning.accounts.learner_data import move_guest_rows
from elearning.progress import selectors, services
from elearning.progress.choices import ContentAudience, Grading
from elearning.progress.exceptions import AttemptLimitReached, InvalidSubmission, NotAllowed
from elearning.progress.models import Attempt, ContentProgress
from tests.factories.accounts import UserFactory
from tests.factories.coverage import people_counted
from tests.factories.geo import CommuneFactory
from tests.factories.progress import content_page, guest_context, learner_context_for

pytestmark = pytest.mark.django_db


def submit(context, content, *, key, score=8, max_score=10, passed=True, **kwargs):
    defaults = {
        "course_id": None,
        "content_audience": ContentAudience.COMMUNITY,
        "answers": {"q1": {"chosen": ["a"], "correct": True}},
        "grading": Grading.SERVER,
    }
    defaults.update(kwargs)
    return services.submit_attempt(
        context=context,
        content_id=content.pk,
        score=score,
        max_score=max_score,
        passed=passed,
        idempotency_key=key,
        **defaults,
    )


@pytest.fixture
def learner():
    return UserFactory()


@pytest.fixture
def commune():
    return CommuneFactory()


def test_an_attempt_updates_the_summary_with_a_snapshot(learner, commune):
    context = learner_context_for(learner, commune=commune, age_band="18-24")
    quiz = content_page()
    attempt = submit(context, quiz, key="k1", score=6, passed=False)

    progress = ContentProgress.objects.get(learner=learner, content=quiz)
    assert attempt.percent == 60
    assert progress.attempt_count == 1
    assert progress.best_score == pytest.approx(0.6)
    assert not progress.passed and progress.completed_at is None
    assert 0 < progress.progress < 1
    assert (progress.commune, progress.audience, progress.age_band) == (
        commune,
        Audience.COMMUNITY,
        "18-24",
    )

    submit(context, quiz, key="k2", score=9)
    progress.refresh_from_db()
    assert progress.passed and progress.progress == 1 and progress.completed_at
    assert progress.best_score == pytest.approx(0.9)
    assert progress.attempt_count == 2


def test_the_same_key_twice_stores_one_attempt(learner):
    context = learner_context_for(learner)
    quiz = content_page()
    first = submit(context, quiz, key="double-tap")
    again = submit(context, quiz, key="double-tap", score=1, passed=False)
    assert again.pk == first.pk
    assert Attempt.objects.count() == 1
    progress = ContentProgress.objects.get()
    assert progress.attempt_count == 1 and progress.best_score == pytest.approx(0.8)


def test_attempt_limit_refuses_and_changes_nothing(learner):
    context = learner_context_for(learner)
    quiz = content_page()
    submit(context, quiz, key="a", passed=False, score=1, attempt_limit=2)
    submit(context, quiz, key="b", passed=False, score=2, attempt_limit=2)
    with pytest.raises(AttemptLimitReached) as refused:
        submit(context, quiz, key="c", attempt_limit=2)
    assert "hết số lần làm bài" in str(refused.value.message)
    assert Attempt.objects.count() == 2
    assert not ContentProgress.objects.get().passed
    # A replay of an attempt made within the limit still finds it.
    assert submit(context, quiz, key="b", attempt_limit=2).score == 2


def test_staff_content_refuses_community_learners_and_guests(learner):
    quiz = content_page()
    for context in (learner_context_for(learner), guest_context()):
        with pytest.raises(NotAllowed) as refused:
            submit(context, quiz, key="x", content_audience=ContentAudience.STAFF)
        assert "cán bộ" in str(refused.value.message)
    assert not Attempt.objects.exists() and not ContentProgress.objects.exists()

    police = learner_context_for(learner, audience=Audience.POLICE)
    submit(police, quiz, key="x", content_audience=ContentAudience.STAFF)
    assert ContentProgress.objects.get().content_audience == ContentAudience.STAFF


def test_impossible_scores_are_refused(learner):
    context = learner_context_for(learner)
    with pytest.raises(InvalidSubmission):
        submit(context, content_page(), key="k", score=11, max_score=10)
    assert not Attempt.objects.exists()


def test_guests_keep_progress_under_their_visitor_key():
    guest = guest_context(visitor_key="visitor-abc")
    quiz = content_page()
    submit(guest, quiz, key="k")
    progress = ContentProgress.objects.get()
    assert progress.learner is None and progress.visitor_key == "visitor-abc"
    # Two guests may use the same form key without colliding.
    submit(guest_context(visitor_key="visitor-def"), quiz, key="k")
    assert Attempt.objects.count() == 2


def test_mark_completed_is_idempotent(learner):
    context = learner_context_for(learner)
    lesson = content_page()
    first = services.mark_completed(
        context=context,
        content_id=lesson.pk,
        course_id=None,
        content_audience=ContentAudience.COMMUNITY,
    )
    again = services.mark_completed(
        context=context,
        content_id=lesson.pk,
        course_id=None,
        content_audience=ContentAudience.COMMUNITY,
    )
    assert again.pk == first.pk and again.completed_at == first.completed_at
    assert first.progress == 1 and first.best_score is None


def test_snapshot_is_kept_from_completion(learner, commune):
    lesson = content_page()
    services.mark_completed(
        context=learner_context_for(learner, commune=commune),
        content_id=lesson.pk,
        course_id=None,
        content_audience=ContentAudience.COMMUNITY,
    )
    moved = learner_context_for(learner, commune=CommuneFactory())
    submit(moved, lesson, key="later")
    assert ContentProgress.objects.get().commune == commune


def test_an_attempt_reaches_the_commune_figures_after_commit(
    learner, commune, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        submit(learner_context_for(learner, commune=commune), content_page(), key="k")
    assert people_counted(commune) == 0  # nothing before the commit
    for callback in callbacks:
        callback()
    assert people_counted(commune) == 1


def test_progress_without_a_commune_is_announced_to_nobody(
    learner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        submit(learner_context_for(learner), content_page(), key="k")
    assert callbacks == []


def test_replay_dispatches_nothing(learner, django_capture_on_commit_callbacks):
    quiz = content_page()
    submit(learner_context_for(learner), quiz, key="k")
    with django_capture_on_commit_callbacks() as callbacks:
        submit(learner_context_for(learner), quiz, key="k")
    assert callbacks == []


def test_guest_progress_moves_to_the_new_account(learner):
    guest = guest_context(visitor_key="phone-1")
    read, quiz = content_page(), content_page()
    services.mark_completed(
        context=guest,
        content_id=read.pk,
        course_id=None,
        content_audience=ContentAudience.COMMUNITY,
    )
    submit(guest, quiz, key="g", score=9)
    # The account had already failed the same quiz on another device.
    submit(learner_context_for(learner), quiz, key="u", score=3, passed=False)

    move_guest_rows(visitor_key="phone-1", user=learner)

    rows = {row.content_id: row for row in ContentProgress.objects.all()}
    assert set(rows) == {read.pk, quiz.pk}
    assert all(row.learner == learner for row in rows.values())
    assert rows[quiz.pk].passed and rows[quiz.pk].best_score == pytest.approx(0.9)
    assert rows[quiz.pk].attempt_count == 2
    assert Attempt.objects.filter(learner=learner).count() == 2
    assert selectors.progress_by_content(
        context=learner_context_for(learner), content_ids=[read.pk]
    )[read.pk].is_complete


def test_certificates_rest_only_on_trusted_grading(learner):
    police = learner_context_for(learner, audience=Audience.POLICE)
    server_quiz, h5p_quiz = content_page(), content_page()
    submit(police, server_quiz, key="a", content_audience=ContentAudience.STAFF)
    submit(
        police,
        h5p_quiz,
        key="b",
        content_audience=ContentAudience.STAFF,
        grading=Grading.H5P_CLIENT_REPORTED,
    )
    passes = selectors.trusted_passes(user_id=learner.pk, content_ids=[server_quiz.pk, h5p_quiz.pk])
    assert passes == {server_quiz.pk: pytest.approx(0.8)}


def test_a_deleted_account_leaves_its_progress_anonymous(learner, commune):
    from elearning.accounts.services import delete_learner
    from elearning.progress.models import Certificate

    police = learner_context_for(learner, audience=Audience.POLICE, commune=commune)
    quiz = content_page()
    submit(police, quiz, key="k", content_audience=ContentAudience.STAFF)
    services.issue_certificate(
        user=learner, course=quiz, score_percent=80, learner_name="Trần Minh", context=police
    )

    delete_learner(user=learner)

    progress = ContentProgress.objects.get()
    assert progress.learner is None and progress.visitor_key.startswith("deleted-")
    assert (progress.commune, progress.audience, progress.passed) == (commune, "police", True)
    assert Attempt.objects.get().visitor_key == progress.visitor_key
    assert not Certificate.objects.exists()


def test_a_merge_recounts_both_communes_the_rows_left_and_joined(
    learner, django_capture_on_commit_callbacks
):
    home, away = CommuneFactory(), CommuneFactory()
    quiz = content_page()
    # The guest passed first, away from home; the account passed later, at home.
    with django_capture_on_commit_callbacks(execute=True):
        submit(guest_context(visitor_key="phone-2", commune=away), quiz, key="g")
        submit(learner_context_for(learner, commune=home), quiz, key="u")
    assert (people_counted(home), people_counted(away)) == (1, 1)

    with django_capture_on_commit_callbacks(execute=True):
        move_guest_rows(visitor_key="phone-2", user=learner)
    assert ContentProgress.objects.get().commune == away  # the earlier completion's snapshot
    # One person now, counted where they first completed; the home commune is recounted too.
    assert (people_counted(home), people_counted(away)) == (0, 1)


def _at_once(count, submission):
    """Run submission(n) for n in range(count) in threads released together, each on its
    own database connection. Returns what each returned, or the exception it raised."""
    gate = threading.Barrier(count)

    def run(n):
        gate.wait()
        try:
            return submission(n)
        except Exception as error:  # returned, for the assertions
            return error
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


@pytest.mark.django_db(transaction=True)
def test_taps_at_the_same_moment_store_one_attempt():
    context, quiz = learner_context_for(UserFactory()), content_page()
    results = _at_once(4, lambda n: submit(context, quiz, key="one-form"))
    assert len({attempt.pk for attempt in results}) == 1
    assert Attempt.objects.count() == 1
    assert ContentProgress.objects.get().attempt_count == 1


@pytest.mark.django_db(transaction=True)
def test_attempts_at_the_same_moment_never_pass_the_limit():
    context, quiz = learner_context_for(UserFactory()), content_page()
    results = _at_once(
        4, lambda n: submit(context, quiz, key=f"form-{n}", passed=False, attempt_limit=2)
    )
    assert sum(isinstance(result, Attempt) for result in results) == 2
    assert sum(isinstance(result, AttemptLimitReached) for result in results) == 2
    assert Attempt.objects.count() == 2
    assert ContentProgress.objects.get().attempt_count == 2


def test_no_attempt_is_taken_when_none_are_allowed(learner):
    with pytest.raises(AttemptLimitReached):
        submit(learner_context_for(learner), content_page(), key="k", attempt_limit=0)
    assert not Attempt.objects.exists() and not ContentProgress.objects.exists()


def test_the_snapshot_follows_the_learner_until_completion(learner, commune):
    quiz, moved_to = content_page(), CommuneFactory()
    submit(learner_context_for(learner, commune=commune), quiz, key="a", passed=False)
    submit(learner_context_for(learner, commune=moved_to, age_band="35-44"), quiz, key="b")
    progress = ContentProgress.objects.get()
    assert (progress.commune, progress.age_band) == (moved_to, "35-44")


def test_a_worse_attempt_after_passing_takes_nothing_away(learner):
    context, quiz = learner_context_for(learner), content_page()
    submit(context, quiz, key="pass", score=9)
    passed_at = ContentProgress.objects.get().completed_at
    submit(context, quiz, key="worse", score=2, passed=False)
    progress = ContentProgress.objects.get()
    assert progress.passed and progress.progress == 1 and progress.completed_at == passed_at
    assert progress.best_score == pytest.approx(0.9) and progress.attempt_count == 2


def test_the_attempt_returned_is_the_one_stored(learner):
    attempt = submit(learner_context_for(learner), content_page(), key="k", score=7)
    stored = Attempt.objects.get(pk=attempt.pk)
    for field in Attempt._meta.concrete_fields:
        assert getattr(attempt, field.attname) == getattr(stored, field.attname), field.name


def test_a_refused_attempt_inside_a_larger_transaction_leaves_it_going(
    learner, django_capture_on_commit_callbacks
):
    context, quiz = learner_context_for(learner, commune=CommuneFactory()), content_page()
    submit(context, quiz, key="a", attempt_limit=1, passed=False)
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        with pytest.raises(AttemptLimitReached):
            submit(context, quiz, key="b", attempt_limit=1)
        Attempt.objects.count()  # the transaction can still be used
    assert callbacks == []
    assert Attempt.objects.count() == 1 and ContentProgress.objects.get().attempt_count == 1


@pytest.mark.django_db(transaction=True)
def test_an_attempt_whose_summary_cannot_be_written_is_not_stored():
    """The attempt and the summary are written together or not at all (here the course no
    longer exists, which the database refuses)."""
    context, quiz = learner_context_for(UserFactory()), content_page()
    with pytest.raises(IntegrityError):
        submit(context, quiz, key="k", course_id=quiz.pk + 10_000)
    assert not Attempt.objects.exists() and not ContentProgress.objects.exists()
    submit(context, quiz, key="k")  # the learner's retry is stored and counted
    assert ContentProgress.objects.get().attempt_count == 1


def test_tasks_run_in_process_never_leave_a_change_uncounted(
    settings, django_capture_on_commit_callbacks
):
    """Without a broker the task runs at once: no call waits for later changes to read."""
    settings.COALESCED_TASK_DELAY = 5
    commune = CommuneFactory()
    for key in ("a", "b"):
        with django_capture_on_commit_callbacks(execute=True):
            submit(learner_context_for(UserFactory(), commune=commune), content_page(), key=key)
        assert people_counted(commune) == {"a": 1, "b": 2}[key]


def _staff_trained(commune) -> list:
    """The people the "staff trained" figure counts in the commune, with their first month."""
    from elearning.coverage.sources import MEASURES

    (measure,) = [m for m in MEASURES if m.indicator == "staff_trained"]
    return list(measure.queryset(commune_ids=[commune.pk]))


def test_a_reissued_certificate_still_counts_one_person_trained(learner, commune):
    context = learner_context_for(learner, commune=commune, audience=Audience.POLICE)
    course = content_page(title="Pháp luật")
    first = services.issue_certificate(
        user=learner, course=course, score_percent=90, learner_name="Trần Minh", context=context
    )
    counted = _staff_trained(commune)
    assert len(counted) == 1

    new = services.reissue_certificate(
        certificate=first, learner_name="Trần Văn Minh", agency="Công an xã"
    )

    assert _staff_trained(commune) == counted  # one person, from the first certificate's month
    assert (new.commune_id, new.audience, new.score) == (commune.pk, Audience.POLICE, 90)
    assert selectors.certificate_for(user_id=learner.pk, course_id=course.pk) == new
    # The same details again change nothing; the replaced one leads to its successor.
    assert (
        services.reissue_certificate(
            certificate=new, learner_name="Trần Văn Minh", agency="Công an xã"
        )
        == new
    )
    assert services.reissue_certificate(certificate=first, learner_name="Ai đó") == new
    with pytest.raises(IntegrityError), transaction.atomic():
        first.__class__.objects.filter(pk=first.pk).update(replaced_at=None)  # two current ones
