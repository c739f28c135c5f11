import pytest

from elearning.progress.models import Certificate
from tests.cms.learning.conftest import submit
from tests.factories.accounts import LearnerFactory
from tests.factories.learning import make_quiz, right_answers, wrong_answers

pytestmark = pytest.mark.django_db


def test_staff_who_pass_get_a_certificate_they_can_download(client, police, staff_quiz):
    course = staff_quiz.get_parent().specific
    submit(client, staff_quiz, wrong_answers(staff_quiz))
    assert not Certificate.objects.exists()  # failing gives nothing

    submit(client, staff_quiz, right_answers(staff_quiz))
    certificate = Certificate.objects.get()
    assert (certificate.learner, certificate.course_id, certificate.score) == (
        police,
        course.pk,
        100,
    )
    assert certificate.learner_name == "Trần Minh"
    assert certificate.audience == "police"

    page = client.get(course.url).content.decode()
    assert "Bạn đã đạt khóa học này" in page
    assert certificate.verification_code in page
    pdf = client.get(f"/certificates/{certificate.verification_code}/pdf/")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert "attachment" in pdf["Content-Disposition"]


def test_every_quiz_of_the_course_must_be_passed(client, police, staff_quiz):
    course = staff_quiz.get_parent().specific
    second = make_quiz(course, title="Kiểm tra hai")
    submit(client, staff_quiz, right_answers(staff_quiz))
    assert not Certificate.objects.exists()
    submit(client, second, right_answers(second))
    assert Certificate.objects.count() == 1


def test_passing_again_keeps_the_first_certificate(client, police, staff_quiz):
    submit(client, staff_quiz, right_answers(staff_quiz))
    code = Certificate.objects.get().verification_code
    submit(client, staff_quiz, right_answers(staff_quiz))
    assert list(Certificate.objects.values_list("verification_code", flat=True)) == [code]


def test_anyone_can_check_a_code(client, police, staff_quiz):
    submit(client, staff_quiz, right_answers(staff_quiz))
    code = Certificate.objects.get().verification_code
    client.logout()
    page = client.get(f"/certificates/{code}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Chứng nhận này là thật" in html
    assert "Trần Minh" in html and staff_quiz.get_parent().title in html
    # The form on the page finds it too, whatever the case typed.
    assert (
        client.get("/certificates/", {"code": code.lower()})["Location"] == f"/certificates/{code}/"
    )


def test_an_unknown_code_says_so(client):
    page = client.get("/certificates/NOTACODE42/")
    assert page.status_code == 404
    assert "Không tìm thấy chứng nhận nào có mã" in page.content.decode()


def test_only_the_holder_downloads_the_pdf(client, police, staff_quiz):
    submit(client, staff_quiz, right_answers(staff_quiz))
    code = Certificate.objects.get().verification_code
    client.force_login(LearnerFactory())
    assert client.get(f"/certificates/{code}/pdf/").status_code == 404
    client.logout()
    assert client.get(f"/certificates/{code}/pdf/").status_code == 302  # to the login


def test_community_courses_give_no_certificate(client, learner, community_quiz):
    course = community_quiz.get_parent().specific
    course.gives_certificate = True
    course.save_revision().publish()
    submit(client, community_quiz, right_answers(community_quiz))
    assert not Certificate.objects.exists()
