"""Users, learners with a profile, guests.

learner = LearnerFactory()                                   # community, 25, new commune
learner = LearnerFactory(profile__commune=commune, profile__audience="police",
                         profile__birth_year=1990)
child = LearnerFactory(profile__birth_year=this_year - 15, guardian_consent=True)
visitor_key = sign_in_as_guest(client, commune=commune, age_band="16-17")
"""

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from elearning.accounts.choices import Audience
from elearning.accounts.consent import CONSENT_VERSION
from elearning.accounts.models import GuardianConsent, LearnerProfile
from tests.factories.geo import CommuneFactory

PASSWORD = "an-unguessable-Pa55phrase"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"learner{n}")
    email = ""
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class StaffFactory(UserFactory):
    username = factory.Sequence(lambda n: f"staff{n}")
    is_staff = True
    is_superuser = True


class LearnerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearnerProfile

    user = factory.SubFactory(UserFactory)
    commune = factory.SubFactory(CommuneFactory)
    birth_year = factory.LazyFunction(lambda: timezone.localdate().year - 25)
    sex = ""
    audience = Audience.COMMUNITY
    agency = factory.LazyAttribute(lambda o: "" if o.audience == Audience.COMMUNITY else "Công an")
    # Staff made by the factory are verified (as if on a roster); pass
    # profile__staff_verified_at=None for a self-declared claim.
    staff_verified_at = factory.LazyAttribute(
        lambda o: None if o.audience == Audience.COMMUNITY else timezone.now()
    )
    staff_verified_via = factory.LazyAttribute(
        lambda o: "" if o.audience == Audience.COMMUNITY else "roster"
    )


class GuardianConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuardianConsent

    user = factory.SubFactory(UserFactory)
    guardian_name = "Nguyễn Thị Mai"
    text_version = CONSENT_VERSION


class LearnerFactory(UserFactory):
    """A user with a learner profile; `guardian_consent=True` adds an active consent (needed
    for a learner under 16 to be counted)."""

    profile = factory.RelatedFactory(LearnerProfileFactory, factory_related_name="user")

    @factory.post_generation
    def guardian_consent(obj, create, extracted, **kwargs):
        if create and extracted:
            GuardianConsentFactory(user=obj, **kwargs)


def sign_in_as_guest(client, *, commune, age_band: str = "18-24", visitor_key: str | None = None):
    """Gives the test client the signed guest cookie a visitor gets after choosing a commune
    and an age band. Returns the visitor key."""
    from elearning.accounts.guest import COOKIE_NAME, GuestChoice, encode_choice, new_visitor_key

    choice = GuestChoice(
        visitor_key=visitor_key or new_visitor_key(), commune_id=commune.pk, age_band=age_band
    )
    client.cookies[COOKIE_NAME] = encode_choice(choice)
    return choice.visitor_key
