"""Staff give the name to print (and agency, unit) before their first certificate."""

import pytest

from elearning.accounts.choices import Audience
from elearning.accounts.models import LearnerProfile
from elearning.progress.models import Certificate
from tests.cms.learning.conftest import submit
from tests.factories.accounts import LearnerFactory
from tests.factories.learning import right_answers

pytestmark = pytest.mark.django_db
DETAILS_URL = "/accounts/profile/certificate/"


@pytest.fixture
def nameless_police(client):
    user = LearnerFactory(username="kiemsat.minh", profile__audience=Audience.POLICE)
    client.force_login(user)
    return user


def test_a_certificate_waits_for_the_printed_name_then_prints_name_and_agency(
    client, nameless_police, staff_quiz
):
    course = staff_quiz.get_parent().specific
    html = submit(client, staff_quiz, right_answers(staff_quiz), follow=True).content.decode()
    assert not Certificate.objects.exists()  # never the username
    assert DETAILS_URL in html

    response = client.post(
        DETAILS_URL,
        {
            "full_name": "  Trần   Văn Minh ",
            "agency": "Viện kiểm sát nhân dân tỉnh Ninh Bình",
            "department": "Phòng 2",
            "next": course.url,
        },
    )
    assert response["Location"] == course.url
    client.get(course.url)  # the course page issues it
    certificate = Certificate.objects.get()
    assert certificate.learner_name == "Trần Văn Minh"
    assert (certificate.agency, certificate.department) == (
        "Viện kiểm sát nhân dân tỉnh Ninh Bình",
        "Phòng 2",
    )

    client.logout()
    page = client.get(f"/certificates/{certificate.verification_code}/").content.decode()
    assert "Trần Văn Minh" in page and "Viện kiểm sát nhân dân tỉnh Ninh Bình" in page
    assert "kiemsat.minh" not in page


def test_a_later_name_change_does_not_rewrite_an_issued_certificate(client, police, staff_quiz):
    submit(client, staff_quiz, right_answers(staff_quiz))
    client.post(DETAILS_URL, {"full_name": "Trần Văn Minh Anh", "agency": "Công an tỉnh"})
    assert Certificate.objects.get().learner_name == "Trần Minh"


@pytest.mark.parametrize(
    ("full_name", "message"),
    [
        ("Trần Minh 2", "chỉ được gồm chữ cái"),
        ("<b>Trần Minh</b>", "chỉ được gồm chữ cái"),
        ("Minh", "cả họ và tên"),
        ("Trần " + "Minh" * 30, "quá dài"),
        ("", "Vui lòng nhập họ và tên"),
    ],
)
def test_bad_names_are_refused_clearly_and_change_nothing(
    client, nameless_police, full_name, message
):
    response = client.post(DETAILS_URL, {"full_name": full_name, "agency": "Công an xã"})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert LearnerProfile.objects.get(user=nameless_police).full_name == ""


def test_markup_in_the_agency_is_refused(client, nameless_police):
    before = LearnerProfile.objects.get(user=nameless_police).agency
    response = client.post(
        DETAILS_URL, {"full_name": "Trần Minh", "agency": "<script>alert(1)</script>"}
    )
    assert response.status_code == 400
    assert "Vui lòng bỏ các ký tự &lt; và &gt;." in response.content.decode()
    assert LearnerProfile.objects.get(user=nameless_police).agency == before


def test_the_code_can_be_typed_with_spaces_or_dashes(client, police, staff_quiz):
    submit(client, staff_quiz, right_answers(staff_quiz))
    code = Certificate.objects.get().verification_code
    typed = f"{code[:4].lower()}-{code[4:7]} {code[7:]}"
    response = client.get("/certificates/", {"code": typed})
    assert response["Location"] == f"/certificates/{code}/"
    assert client.get(f"/certificates/{typed}/").status_code == 200
