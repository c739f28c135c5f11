import re

import pytest

from cms.learning.grading import FIELD_PREFIX, answer_key
from elearning.progress.models import Attempt, ContentProgress
from tests.cms.learning.conftest import form_token, submit
from tests.factories.accounts import sign_in_as_guest
from tests.factories.geo import CommuneFactory
from tests.factories.learning import right_answers, wrong_answers

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def test_the_quiz_page_never_holds_the_correct_answers(client, learner, community_quiz):
    html = text(client.get(community_quiz.url))
    key = answer_key(community_quiz.questions)
    # Every option is there, by its id and text, and nothing says which is right.
    for question in key:
        assert f'name="{FIELD_PREFIX}{question.id}"' in html
        for option in question.options:
            assert f'value="{option.id}"' in html
        assert question.explanation not in html
    assert "GIAI-THICH" not in html
    assert not re.search(r"correct|is_correct|data-answer|data-correct", html, re.IGNORECASE)
    # The quiz form's inputs (the header's search box is not the quiz's).
    quiz_form = re.search(r'<form method="post" action="[^"]+" class="quiz">.*?</form>', html, re.S)
    inputs = re.findall(r"<input[^>]*>", quiz_form.group(0))
    assert inputs
    for tag in inputs:
        attributes = set(re.findall(r"\s([a-z-]+)=", tag))
        assert attributes <= {"type", "name", "value"}, tag


def test_passing_shows_the_result_with_explanations(client, learner, community_quiz):
    response = submit(client, community_quiz, right_answers(community_quiz))
    attempt = Attempt.objects.get(learner=learner)
    assert response.status_code == 302
    assert response["Location"] == f"{community_quiz.url}?attempt={attempt.pk}"
    result = text(client.get(response["Location"]))
    assert "Đạt!" in result
    assert "Đúng 3/3 câu (100%)" in result
    assert "GIAI-THICH-1" in result  # explanations come after answering
    progress = ContentProgress.objects.get(learner=learner)
    assert progress.passed and progress.completed_at and progress.best_score == 1


def test_failing_then_retrying_and_passing(client, learner, community_quiz):
    failed = submit(client, community_quiz, wrong_answers(community_quiz), follow=True)
    assert "Chưa đạt" in text(failed)
    assert not ContentProgress.objects.get(learner=learner).passed
    submit(client, community_quiz, right_answers(community_quiz))
    progress = ContentProgress.objects.get(learner=learner)
    assert progress.passed and progress.attempt_count == 2


def test_double_tap_and_replay_store_one_attempt(client, learner, community_quiz):
    token = form_token(client, community_quiz)
    answers = right_answers(community_quiz)
    first = submit(client, community_quiz, answers, token=token)
    second = submit(client, community_quiz, answers, token=token)
    # A replay with other answers changes nothing either.
    third = submit(client, community_quiz, wrong_answers(community_quiz), token=token)
    assert Attempt.objects.count() == 1
    assert first["Location"] == second["Location"] == third["Location"]
    assert ContentProgress.objects.get().attempt_count == 1


def assert_refused(response, message):
    assert response.status_code == 400
    assert message in text(response)
    assert not Attempt.objects.exists()
    assert not ContentProgress.objects.exists()


def test_an_answer_that_is_not_an_option_is_refused(client, learner, community_quiz):
    answers = right_answers(community_quiz)
    first_question = next(iter(answers))
    answers[first_question] = ["not-an-option"]
    assert_refused(
        submit(client, community_quiz, answers), "không phải là một lựa chọn của câu hỏi"
    )


def test_an_option_of_another_question_is_refused(client, learner, community_quiz):
    answers = right_answers(community_quiz)
    names = list(answers)
    answers[names[0]] = answers[names[1]][:1]
    assert_refused(
        submit(client, community_quiz, answers), "không phải là một lựa chọn của câu hỏi"
    )


def test_a_question_that_does_not_exist_is_refused(client, learner, community_quiz):
    answers = {**right_answers(community_quiz), f"{FIELD_PREFIX}made-up": ["x"]}
    assert_refused(submit(client, community_quiz, answers), "không khớp với các câu hỏi")


def test_two_answers_to_a_one_answer_question_are_refused(client, learner, community_quiz):
    answers = right_answers(community_quiz)
    single = answer_key(community_quiz.questions)[0]
    answers[FIELD_PREFIX + single.id] = [option.id for option in single.options[:2]]
    assert_refused(submit(client, community_quiz, answers), "Chỉ chọn một đáp án")


def test_an_unanswered_question_is_refused(client, learner, community_quiz):
    answers = right_answers(community_quiz)
    answers.pop(next(iter(answers)))
    assert_refused(submit(client, community_quiz, answers), "Hãy trả lời tất cả các câu hỏi")


def test_a_forged_form_token_is_refused(client, learner, community_quiz):
    response = submit(client, community_quiz, right_answers(community_quiz), token="forged:abc")
    assert_refused(response, "hết hạn hoặc đã bị thay đổi")


def test_after_the_attempt_limit_nothing_changes(client, learner, community_quiz):
    community_quiz.attempt_limit = 1
    community_quiz.save_revision().publish()
    token = form_token(client, community_quiz)  # a form opened before the last attempt
    submit(client, community_quiz, wrong_answers(community_quiz))
    page = text(client.get(community_quiz.url))
    assert "Bạn đã dùng hết số lần làm bài" in page
    assert 'name="form_token"' not in page

    response = submit(client, community_quiz, right_answers(community_quiz), token=token)
    assert response.status_code == 400
    assert "Bạn đã dùng hết số lần làm bài" in text(response)
    assert Attempt.objects.count() == 1
    assert not ContentProgress.objects.get().passed


def test_a_community_learner_cannot_take_a_staff_quiz(client, learner, staff_quiz):
    page = text(client.get(staff_quiz.url))
    assert "dành cho cán bộ" in page
    assert 'name="form_token"' not in page
    # Even a hand-made form is refused.
    from cms.learning.services import new_form_token

    response = submit(client, staff_quiz, right_answers(staff_quiz), token=new_form_token())
    assert_refused(response, "Khóa học này dành cho cán bộ các cơ quan tiến hành tố tụng")


def test_a_guest_takes_a_community_quiz_under_their_visitor_key(client, community_quiz):
    commune = CommuneFactory()
    visitor_key = sign_in_as_guest(client, commune=commune, age_band="16-17")
    submit(client, community_quiz, right_answers(community_quiz))
    progress = ContentProgress.objects.get()
    assert progress.learner is None and progress.visitor_key == visitor_key
    assert (progress.commune, progress.age_band, progress.audience) == (
        commune,
        "16-17",
        "community",
    )


def test_a_visitor_who_chose_nothing_is_asked_to_first(client, community_quiz):
    page = text(client.get(community_quiz.url))
    assert "chọn xã, phường và nhóm tuổi" in page
    from cms.learning.services import new_form_token

    response = submit(client, community_quiz, right_answers(community_quiz), token=new_form_token())
    assert_refused(response, "chọn xã, phường và nhóm tuổi")


def test_someone_elses_attempt_is_not_shown(client, learner, community_quiz):
    submit(client, community_quiz, right_answers(community_quiz))
    attempt = Attempt.objects.get()
    from tests.factories.accounts import LearnerFactory

    client.force_login(LearnerFactory())
    page = text(client.get(f"{community_quiz.url}?attempt={attempt.pk}"))
    assert "GIAI-THICH-1" not in page
    assert 'name="form_token"' in page


def test_progress_in_english_counts_for_the_vietnamese_page(client, learner, community_quiz):
    from wagtail.models import Locale

    english = community_quiz.copy_for_translation(
        Locale.objects.get(language_code="en"), copy_parents=True
    )
    english.save_revision().publish()
    response = submit(client, english, right_answers(english))
    assert response.status_code == 302
    assert ContentProgress.objects.get().content_id == community_quiz.pk
    assert "Passed!" in text(client.get(response["Location"]))


def test_the_page_url_also_takes_a_submission(client, learner, community_quiz):
    """Without the form's action (e.g. an old cached form), posting to the page works too."""
    data = {"form_token": form_token(client, community_quiz), **right_answers(community_quiz)}
    response = client.post(community_quiz.url, data)
    assert response.status_code == 302
    assert Attempt.objects.count() == 1


def test_unpublished_quizzes_take_no_submissions(client, learner, community_quiz):
    from tests.cms.learning.conftest import quiz_action

    token = form_token(client, community_quiz)
    community_quiz.unpublish()
    response = client.post(quiz_action(community_quiz), {"form_token": token})
    assert response.status_code == 404
    assert not Attempt.objects.exists()


def two_of_three_right(quiz) -> dict:
    right, wrong = right_answers(quiz), wrong_answers(quiz)
    first = next(iter(right))
    return {**right, first: wrong[first]}


def test_a_published_change_grades_the_next_submission(
    client, learner, community_quiz, django_capture_on_commit_callbacks
):
    """Submissions read the quiz from a cache; publishing a new revision empties it."""
    community_quiz.pass_mark = 60
    community_quiz.save_revision().publish()
    submit(client, community_quiz, two_of_three_right(community_quiz))
    assert Attempt.objects.get().passed  # 67 % >= 60 %

    community_quiz.pass_mark = 100
    with django_capture_on_commit_callbacks(execute=True):
        community_quiz.save_revision().publish()
    submit(client, community_quiz, two_of_three_right(community_quiz))
    assert list(Attempt.objects.order_by("pk").values_list("passed", flat=True)) == [True, False]


def test_a_quiz_unpublished_after_submissions_takes_no_more(
    client, learner, community_quiz, django_capture_on_commit_callbacks
):
    from tests.cms.learning.conftest import quiz_action

    submit(client, community_quiz, right_answers(community_quiz))
    token = form_token(client, community_quiz)
    with django_capture_on_commit_callbacks(execute=True):
        community_quiz.unpublish()
    response = client.post(quiz_action(community_quiz), {"form_token": token})
    assert response.status_code == 404
    assert Attempt.objects.count() == 1


def test_a_view_restriction_closes_a_quiz_at_once(
    client, learner, community_quiz, django_capture_on_commit_callbacks
):
    from wagtail.models import PageViewRestriction

    from tests.cms.learning.conftest import quiz_action

    submit(client, community_quiz, right_answers(community_quiz))
    token = form_token(client, community_quiz)
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=community_quiz, restriction_type=PageViewRestriction.LOGIN
        )
    data = {"form_token": token, **right_answers(community_quiz)}
    assert client.post(quiz_action(community_quiz), data).status_code == 404
    assert Attempt.objects.count() == 1


def test_each_sending_of_a_kept_form_is_its_own_attempt_and_each_is_stored_once(
    client, learner, community_quiz
):
    """One quiz page kept on the phone, answered twice offline: each sending has its own
    attempt key, so both attempts count; each sent twice is still stored once."""
    token = form_token(client, community_quiz)
    first = {**wrong_answers(community_quiz), "attempt_key": "a" * 32}
    second = {**right_answers(community_quiz), "attempt_key": "b" * 32}
    for answers in (first, second, first, second):
        submit(client, community_quiz, answers, token=token)
    attempts = Attempt.objects.order_by("pk")
    assert [attempt.passed for attempt in attempts] == [False, True]
    assert ContentProgress.objects.get().attempt_count == 2


def test_a_forged_attempt_key_is_refused_and_changes_nothing(client, learner, community_quiz):
    token = form_token(client, community_quiz)
    answers = {**right_answers(community_quiz), "attempt_key": "<script>"}
    response = submit(client, community_quiz, answers, token=token)
    assert_refused(response, "hết hạn hoặc đã bị thay đổi")
    assert not Attempt.objects.exists()
