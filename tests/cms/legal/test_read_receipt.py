"""'Tôi đã đọc và hiểu' on a legal document: one receipt per learner (or guest) and document,
with the commune, audience and age band at the time."""

from urllib.parse import quote

import pytest
from wagtail.models import Locale

from elearning.dissemination.models import ReadReceipt
from tests.factories.accounts import LearnerFactory, UserFactory, sign_in_as_guest
from tests.factories.geo import CommuneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def law(documents):
    return documents["law"]


def test_a_learner_confirms_reading_once_even_when_clicking_twice(client, law):
    commune = CommuneFactory(name="Xã Mường Lát")
    learner = LearnerFactory(profile__commune=commune, profile__audience="police")
    client.force_login(learner)

    page = client.get(law.url).content.decode()
    assert "Tôi đã đọc và hiểu" in page

    first = client.post(law.url, follow=True)
    second = client.post(law.url, follow=True)

    receipt = ReadReceipt.objects.get()
    assert (receipt.learner, receipt.page_id, receipt.commune) == (learner, law.pk, commune)
    assert receipt.audience == "police"
    assert "Cảm ơn bạn" in first.content.decode()
    assert "Bạn đã xác nhận đọc văn bản này rồi." in second.content.decode()
    assert "Bạn đã xác nhận đã đọc và hiểu văn bản này" in second.content.decode()


def test_a_guest_who_chose_a_commune_is_counted_by_visitor_key(client, law):
    commune = CommuneFactory()
    visitor_key = sign_in_as_guest(client, commune=commune, age_band="16-17")
    client.post(law.url)
    client.post(law.url)
    receipt = ReadReceipt.objects.get()
    assert receipt.learner is None
    assert (receipt.visitor_key, receipt.commune, receipt.age_band) == (
        visitor_key,
        commune,
        "16-17",
    )


def test_reading_the_english_version_counts_for_the_same_document(client, law):
    english = law.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    english.save_revision().publish()
    learner = LearnerFactory()
    client.force_login(learner)
    client.post(law.url)
    client.post(english.url)
    assert ReadReceipt.objects.get().page_id == law.pk


def test_someone_without_commune_is_asked_to_choose_and_nothing_is_recorded(client, law):
    client.force_login(UserFactory())  # an account without a learner profile
    page = client.get(law.url).content.decode()
    assert "Trước hết hãy cho biết xã/phường và nhóm tuổi của bạn" in page

    response = client.post(law.url, follow=True)
    assert not ReadReceipt.objects.exists()
    assert "Hãy chọn xã/phường và nhóm tuổi trước" in response.content.decode()


def test_an_anonymous_visitor_is_sent_to_the_guest_chooser_and_nothing_is_recorded(client, law):
    page = client.get(law.url).content.decode()
    chooser = f"/accounts/guest/?next={quote(law.url, safe='')}"
    assert chooser.replace("&", "&amp;") in page

    response = client.post(law.url)
    assert response.status_code == 302
    assert response.url == chooser
    assert not ReadReceipt.objects.exists()


def test_after_choosing_a_commune_the_guest_comes_back_and_confirms(client, law):
    sign_in_as_guest(client, commune=CommuneFactory())
    page = client.get(law.url).content.decode()
    assert "Tôi đã đọc và hiểu" in page
    client.post(law.url)
    assert "Bạn đã xác nhận đã đọc và hiểu văn bản này" in client.get(law.url).content.decode()
