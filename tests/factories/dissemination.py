"""Read receipts for tests: receipt = ReadReceiptFactory(page=document, learner=learner)."""

import factory

from elearning.accounts.choices import AgeBand, Audience
from elearning.dissemination.models import ReadReceipt
from tests.factories.geo import CommuneFactory


class ReadReceiptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReadReceipt

    commune = factory.SubFactory(CommuneFactory)
    audience = Audience.COMMUNITY
    age_band = AgeBand.AGE_18_24
