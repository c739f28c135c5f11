import pytest
from django.db import IntegrityError, transaction

from elearning.accounts.context import LearnerContext
from elearning.accounts.learner_data import move_guest_rows
from elearning.dissemination.models import ReadReceipt
from elearning.dissemination.selectors import has_read
from elearning.dissemination.services import record_read_receipt
from tests.factories.accounts import UserFactory
from tests.factories.coverage import people_counted
from tests.factories.dissemination import ReadReceiptFactory
from tests.factories.geo import CommuneFactory

LEGAL = "legal_disseminated"

pytestmark = pytest.mark.django_db


def guest(commune, key="guest-key-1"):
    return LearnerContext(
        user_id=None, visitor_key=key, commune_id=commune.pk, audience="community", age_band="18-24"
    )


def test_recording_twice_keeps_one_receipt(home_page):
    commune = CommuneFactory()
    user = UserFactory()
    context = LearnerContext(
        user_id=user.pk, visitor_key=None, commune_id=commune.pk, audience="court", age_band="25-34"
    )
    first, created_first = record_read_receipt(page_id=home_page.pk, context=context)
    second, created_second = record_read_receipt(page_id=home_page.pk, context=context)
    assert (created_first, created_second) == (True, False)
    assert first == second
    assert ReadReceipt.objects.count() == 1
    assert has_read(page_id=home_page.pk, user_id=user.pk, visitor_key=None)


def test_the_database_refuses_a_second_receipt_for_the_same_learner(home_page):
    user = UserFactory()
    ReadReceiptFactory(page=home_page, learner=user)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReadReceiptFactory(page=home_page, learner=user)


def test_the_database_refuses_a_receipt_without_a_reader(home_page):
    with pytest.raises(IntegrityError), transaction.atomic():
        ReadReceiptFactory(page=home_page, learner=None, visitor_key=None)


def test_a_guest_who_signs_up_keeps_their_receipts(home_page):
    commune = CommuneFactory()
    record_read_receipt(page_id=home_page.pk, context=guest(commune))
    user = UserFactory()
    move_guest_rows(visitor_key="guest-key-1", user=user)
    receipt = ReadReceipt.objects.get()
    assert receipt.learner == user
    assert receipt.commune == commune
    assert has_read(page_id=home_page.pk, user_id=user.pk, visitor_key=None)


def test_a_document_read_both_as_guest_and_learner_counts_once(home_page):
    commune = CommuneFactory()
    user = UserFactory()
    ReadReceiptFactory(page=home_page, learner=user, commune=commune)
    record_read_receipt(page_id=home_page.pk, context=guest(commune))
    move_guest_rows(visitor_key="guest-key-1", user=user)
    assert ReadReceipt.objects.count() == 1


def test_receipts_reach_the_coverage_figures_of_their_commune(
    home_page, django_capture_on_commit_callbacks
):
    first, second = CommuneFactory(), CommuneFactory()
    with django_capture_on_commit_callbacks(execute=True):
        record_read_receipt(page_id=home_page.pk, context=guest(first, "a"))
        record_read_receipt(page_id=home_page.pk, context=guest(first, "b"))
        record_read_receipt(page_id=home_page.pk, context=guest(second, "c"))
    assert people_counted(first, LEGAL) == 2
    assert people_counted(second, LEGAL) == 1


def test_a_deleted_learners_receipt_still_counts_but_no_longer_names_them(
    home_page, django_capture_on_commit_callbacks
):
    from elearning.accounts.services import delete_learner

    commune = CommuneFactory()
    user = UserFactory()
    ReadReceiptFactory(page=home_page, learner=user, commune=commune)

    with django_capture_on_commit_callbacks(execute=True):
        delete_learner(user=user)

    receipt = ReadReceipt.objects.get()
    assert receipt.learner_id is None
    assert receipt.visitor_key.startswith("deleted-")
    assert people_counted(commune, LEGAL) == 1
