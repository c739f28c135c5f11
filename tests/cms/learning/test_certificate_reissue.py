"""A staff learner corrects their printed name or agency after a certificate was issued and
has it issued again: the history is kept, the old code still verifies and names the new."""

import pytest
from django.utils import timezone

from elearning.accounts.learner_data import export_for
from elearning.accounts.services import delete_learner
from elearning.progress.models import Certificate
from tests.cms.learning.conftest import submit
from tests.factories.accounts import LearnerFactory
from tests.factories.learning import right_answers

pytestmark = pytest.mark.django_db
DETAILS_URL = "/accounts/profile/certificate/"
MINE = "/learning/mine/"


@pytest.fixture
def first(client, police, staff_quiz):
    submit(client, staff_quiz, right_answers(staff_quiz))
    return Certificate.objects.get()


def _correct_details(client):
    client.post(DETAILS_URL, {"full_name": "Trần Văn Minh", "agency": "Công an tỉnh Ninh Bình"})


def test_my_learning_offers_a_reissue_only_once_the_details_changed(client, first):
    reissue = f"/learning/certificate/{first.verification_code}/reissue/"
    assert reissue not in client.get(MINE).content.decode()
    _correct_details(client)
    page = client.get(MINE).content.decode()
    assert reissue in page and "Cấp lại với thông tin hiện tại của tôi" in page


def test_a_reissue_keeps_the_history_and_the_old_code_says_it_was_replaced(client, first):
    _correct_details(client)
    response = client.post(f"/learning/certificate/{first.verification_code}/reissue/", follow=True)
    new = Certificate.objects.current().get()
    assert new.verification_code != first.verification_code
    assert (new.learner_name, new.agency) == ("Trần Văn Minh", "Công an tỉnh Ninh Bình")
    assert (new.score, new.course_id, new.audience) == (first.score, first.course_id, "police")
    assert new.verification_code in response.content.decode()

    first.refresh_from_db()
    assert (first.learner_name, first.agency) == ("Trần Minh", "Công an xã Tân Lập")
    assert first.replaced_by == new and first.replaced_at == new.issued_at

    # My learning lists the new one only.
    mine = client.get(MINE).content.decode()
    assert new.verification_code in mine and first.verification_code not in mine

    client.logout()
    old_page = client.get(f"/certificates/{first.verification_code}/")
    html = old_page.content.decode()
    assert old_page.status_code == 200
    assert "Chứng nhận này là thật nhưng đã được thay thế" in html
    assert f"/certificates/{new.verification_code}/" in html and "Trần Minh" in html
    assert "Chứng nhận này là thật</h2>" not in html.replace("✓ ", "")

    new_html = client.get(f"/certificates/{new.verification_code}/").content.decode()
    assert "Chứng nhận này là thật" in new_html and "Trần Văn Minh" in new_html
    # Both names and both dates: the new page names the certificate it replaces.
    assert first.verification_code in new_html and "Trần Minh" in new_html
    # The date as a reader in Vietnam reads it (after 17:00 UTC it is already tomorrow there).
    assert timezone.localtime(first.issued_at).strftime("%d/%m/%Y") in new_html


def test_only_the_holder_reissues_and_only_the_current_certificate(client, first):
    _correct_details(client)
    url = f"/learning/certificate/{first.verification_code}/reissue/"
    assert client.get(url).status_code == 405  # a link cannot do it
    client.force_login(LearnerFactory())
    assert client.post(url).status_code == 404
    assert Certificate.objects.count() == 1

    client.force_login(first.learner)
    client.post(url)
    assert client.post(url).status_code == 404  # the old one is not re-issued twice
    assert Certificate.objects.count() == 2


def test_passing_again_after_a_reissue_keeps_the_current_certificate(client, first, staff_quiz):
    _correct_details(client)
    client.post(f"/learning/certificate/{first.verification_code}/reissue/")
    submit(client, staff_quiz, right_answers(staff_quiz))
    assert Certificate.objects.count() == 2
    assert Certificate.objects.current().count() == 1


def test_the_export_holds_both_and_deleting_the_account_removes_both(client, first):
    _correct_details(client)
    client.post(f"/learning/certificate/{first.verification_code}/reissue/")
    exported = export_for(user=first.learner)["certificates"]
    assert {row["learner_name"] for row in exported} == {"Trần Minh", "Trần Văn Minh"}
    replaced = next(row for row in exported if row["learner_name"] == "Trần Minh")
    assert replaced["replaced_at"] is not None and replaced["replaced_by_id"]

    delete_learner(user=first.learner)
    assert not Certificate.objects.exists()
