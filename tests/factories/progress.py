"""Progress fixtures: learner contexts and a content page to record progress on.

context = learner_context_for(user, audience="police")
guest = guest_context()
page = content_page()                   # a bare Wagtail page under the root
"""

import factory

from elearning.accounts.choices import AgeBand, Audience
from elearning.accounts.context import LearnerContext
from elearning.progress.choices import Grading
from elearning.progress.models import Attempt
from tests.factories.pages import plain_page


def learner_context_for(user, *, audience=Audience.COMMUNITY, commune=None, age_band="25-34"):
    return LearnerContext(
        user_id=user.pk,
        visitor_key=None,
        commune_id=commune.pk if commune else None,
        audience=audience,
        age_band=age_band,
    )


_guest_counter = iter(range(1, 10**9))


def guest_context(*, visitor_key=None, commune=None, age_band=AgeBand.AGE_16_17):
    return LearnerContext(
        user_id=None,
        visitor_key=visitor_key or f"guest-{next(_guest_counter)}",
        commune_id=commune.pk if commune else None,
        audience=Audience.COMMUNITY,
        age_band=age_band,
    )


def content_page(title="Bài học"):
    return plain_page(title=title)


class AttemptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attempt

    content = factory.LazyFunction(content_page)
    score = 8
    max_score = 10
    passed = True
    grading = Grading.SERVER
    idempotency_key = factory.Sequence(lambda n: f"key-{n}")
