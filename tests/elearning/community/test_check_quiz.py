"""The optional check quiz after check-in: questions from the session's course, graded on the
server (the page never carries the answers), one per check-in, skippable; the officer sees
aggregates with the "<5" rule; forged or replayed answers get a Vietnamese message and change
nothing; the results go with the check-in (export, deletion)."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cms.learning.grading import FIELD_PREFIX, answer_key
from elearning.accounts import learner_data
from elearning.community import check_quiz, checkin, selectors
from elearning.community.models import CommunitySession, SessionCheckIn
from tests.factories.community import held, officer_of
from tests.factories.learning import make_course, make_quiz


@pytest.fixture
def course(home_page):
    course = make_course(home_page, title="Phòng chống mua bán người")
    make_quiz(course, title="Kiểm tra một")
    make_quiz(course, title="Kiểm tra hai")  # 6 questions in all: the quiz draws 5
    return course


@pytest.fixture
def officer(communes):
    return officer_of(communes[0])


@pytest.fixture
def session(officer, communes, course):
    return held(officer=officer, commune=communes[0], course=course)


def url(session):
    return reverse("community:check_in", args=[checkin.token_for(session.pk)])


def quiz_url(session):
    return reverse("community:check_quiz", args=[checkin.token_for(session.pk)])


def answers(session, *, right: int) -> dict:
    """The form a phone sends: the first `right` questions answered right, the rest wrong."""
    data = {}
    for number, question in enumerate(check_quiz.questions_for(session)):
        if number < right:
            data[question.field_name] = sorted(question.correct)
        else:
            wrong = [o.id for o in question.options if o.id not in question.correct]
            data[question.field_name] = wrong[:1]
    return data


def checked_in(session, *, age_band="18-60") -> Client:
    phone = Client()
    assert phone.post(url(session), {"age_band": age_band}).status_code == 302
    return phone


def test_after_checking_in_the_phone_gets_five_questions_without_their_answers(session):
    phone = checked_in(session)
    page = phone.get(url(session)).content.decode()
    questions = check_quiz.questions_for(session)
    assert len(questions) == 5
    assert "Một vài câu hỏi (nếu bạn muốn)" in page
    for question in questions:
        assert question.text in page and question.field_name in page
    assert "GIAI-THICH" not in page  # explanations only after answering
    assert "is_correct" not in page and "Đáp án đúng" not in page
    # The same questions for every phone of this session.
    assert check_quiz.questions_for(CommunitySession.objects.get(pk=session.pk)) == questions


def test_the_answers_are_graded_on_the_server_and_explained(session):
    phone = checked_in(session)
    response = phone.post(quiz_url(session), answers(session, right=3))
    assert response.status_code == 302
    row = SessionCheckIn.objects.get()
    assert (row.quiz_score, row.quiz_questions) == (3, 5)
    assert sorted(row.quiz_correct.values()) == [False, False, True, True, True]
    page = phone.get(url(session)).content.decode()
    assert "Bạn trả lời đúng 3/5 câu" in page
    assert "GIAI-THICH" in page and "Đáp án đúng:" in page
    assert "Gửi câu trả lời" not in page  # no second form


def test_a_second_quiz_for_the_same_check_in_is_refused(session):
    phone = checked_in(session)
    phone.post(quiz_url(session), answers(session, right=1))
    again = phone.post(quiz_url(session), answers(session, right=5))
    assert again.status_code == 409
    assert "Bạn đã trả lời các câu hỏi của buổi này rồi." in again.content.decode()
    assert SessionCheckIn.objects.get().quiz_score == 1


def test_a_participant_may_skip_and_is_counted_anyway(session):
    phone = checked_in(session)
    page = phone.get(url(session) + "?skip=1").content.decode()
    assert "Bạn đã điểm danh" in page and "Gửi câu trả lời" not in page
    row = SessionCheckIn.objects.get()
    assert row.quiz_score is None
    assert selectors.check_in_counts(session=session, viewer=session.author)["total"] == 1


@pytest.mark.parametrize(
    ("forge", "message"),
    [
        ("unknown_question", "không khớp với các câu hỏi"),
        ("unknown_option", "không phải là một lựa chọn"),
        ("missing_answer", "trả lời tất cả các câu hỏi"),
        ("two_for_one", "Chỉ chọn một đáp án"),
    ],
)
def test_forged_answers_are_refused_and_nothing_is_stored(session, forge, message):
    phone = checked_in(session)
    data = answers(session, right=5)
    questions = check_quiz.questions_for(session)
    single = next(q for q in questions if not q.multiple)
    if forge == "unknown_question":
        data[FIELD_PREFIX + "00000000-forged"] = ["x"]
    elif forge == "unknown_option":
        data[single.field_name] = ["not-an-option"]
    elif forge == "missing_answer":
        del data[questions[0].field_name]
    else:
        data[single.field_name] = [o.id for o in single.options][:2]
    response = phone.post(quiz_url(session), data)
    assert response.status_code == 409
    assert message in response.content.decode()
    assert SessionCheckIn.objects.get().quiz_score is None


def test_answers_for_another_sessions_questions_are_refused(session, officer, communes, home_page):
    other_course = make_course(home_page, title="Khoá khác")
    other_quiz = make_quiz(other_course)
    phone = checked_in(session)
    forged = {FIELD_PREFIX + q.id: sorted(q.correct) for q in answer_key(other_quiz.questions)}
    response = phone.post(quiz_url(session), forged)
    assert response.status_code == 409
    assert "không khớp với các câu hỏi" in response.content.decode()
    assert SessionCheckIn.objects.get().quiz_score is None


def test_a_phone_that_did_not_check_in_to_this_session_cannot_answer(session, officer, course):
    other = held(officer=officer, commune=session.commune, course=course, place="Thôn 5")
    phone = checked_in(other)  # checked in to the other session only
    response = phone.post(quiz_url(session), answers(session, right=5))
    assert response.status_code == 409
    assert "Hãy điểm danh buổi này trước" in response.content.decode()
    assert Client().post(quiz_url(session), answers(session, right=5)).status_code == 409
    assert not SessionCheckIn.objects.filter(quiz_score__isnull=False).exists()


def test_no_quiz_after_closing(session):
    phone = checked_in(session)
    past = timezone.now() - timedelta(hours=5)
    CommunitySession.objects.filter(pk=session.pk).update(
        starts_at=past, ends_at=past + timedelta(hours=1)
    )
    assert "Gửi câu trả lời" not in phone.get(url(session)).content.decode()
    response = phone.post(quiz_url(session), answers(session, right=5))
    assert response.status_code == 409
    assert "Buổi sinh hoạt đã kết thúc" in response.content.decode()
    assert SessionCheckIn.objects.get().quiz_score is None


def test_a_forged_token_gets_no_quiz(session):
    phone = checked_in(session)
    response = phone.post(reverse("community:check_quiz", args=["forged"]), {})
    assert response.status_code == 404
    assert SessionCheckIn.objects.get().quiz_score is None


def test_a_session_whose_course_has_too_few_questions_has_no_quiz(officer, communes, home_page):
    course = make_course(home_page, title="Ít câu hỏi")
    quiz = make_quiz(course)
    quiz.questions = quiz.questions.raw_data[:2]
    quiz.save_revision().publish()
    session = held(officer=officer, commune=communes[0], course=course)
    assert check_quiz.questions_for(session) == []
    phone = checked_in(session)
    assert "Một vài câu hỏi" not in phone.get(url(session)).content.decode()
    assert phone.post(quiz_url(session), {}).status_code == 409


def test_the_officer_sees_aggregates_with_small_counts_hidden(session, officer):
    admin = Client()
    admin.force_login(officer)
    inspect = reverse("community_sessions:inspect", args=[session.pk])
    for right in (5, 3, 4):
        checked_in(session).post(quiz_url(session), answers(session, right=right))
    checked_in(session)  # skipped
    page = admin.get(inspect).content.decode()
    assert "Người đã trả lời: &lt;5" in page
    assert "điểm trung bình" not in page
    for right in (2, 1):
        checked_in(session).post(quiz_url(session), answers(session, right=right))
    summary = selectors.check_quiz_summary(session=session)
    assert summary["answered"] == 5
    assert summary["average"] == round(100 * (5 + 3 + 4 + 2 + 1) / 25)
    assert [q["percent"] for q in summary["questions"]] == [100, 80, 60, 40, 20]
    page = admin.get(inspect).content.decode()
    assert "Người đã trả lời: 5" in page and "điểm trung bình: 60%" in page


def test_the_result_is_in_the_learners_data_and_goes_with_the_check_in(session, communes):
    from tests.factories.accounts import sign_in_as_guest

    phone = Client()
    key = sign_in_as_guest(phone, commune=communes[0])
    phone.post(url(session), {"age_band": "18-60"})
    phone.post(quiz_url(session), answers(session, right=4))
    part = next(p for p in learner_data.registered() if p.model is SessionCheckIn)
    exported = part.export(SessionCheckIn.objects.filter(visitor_key=key))
    assert exported[0]["quiz_score"] == 4 and exported[0]["quiz_questions"] == 5
    SessionCheckIn.objects.filter(visitor_key=key).delete()
    assert not SessionCheckIn.objects.exists()


def test_scripted_quiz_answers_are_cut_at_the_limit_without_using_up_check_ins(session):
    from allauth.core.internal.ratelimit import parse_rates
    from django.conf import settings

    allowed = parse_rates(settings.CLIENT_RATE_LIMITS["community_check_quiz"])[0].amount
    phone = Client(REMOTE_ADDR="203.0.113.7")
    assert phone.post(url(session), {"age_band": "18-60"}).status_code == 302
    codes = [phone.post(quiz_url(session), {}).status_code for _ in range(allowed)]
    assert set(codes) == {409}  # unanswered: refused, nothing stored
    refused = phone.post(quiz_url(session), answers(session, right=5))
    assert refused.status_code == 429 and "Quá nhiều yêu cầu" in refused.content.decode()
    assert SessionCheckIn.objects.get().quiz_score is None
    # The hall's check-ins from the same address have their own budget.
    assert (
        Client(REMOTE_ADDR="203.0.113.7").post(url(session), {"age_band": "16-17"}).status_code
        == 302
    )
