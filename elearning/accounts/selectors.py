"""Reads about learners. `learner_context(request)` is what every learning event records."""

from django.db.models import Exists, OuterRef

from .choices import AgeBand, Audience
from .context import LearnerContext
from .guest import read_guest_cookie
from .models import GuardianConsent, LearnerProfile

_CACHE_ATTR = "_chung_tay_learner_context"


def learner_context(request) -> LearnerContext | None:
    """Who is learning on this request, or None when nobody may be counted:

    - a signed-in user with a learner profile and, if one is needed, an active guardian
      consent -> LearnerContext(user_id=..., visitor_key=None, ...);
    - an anonymous visitor who chose a commune and an age band (signed guest cookie)
      -> LearnerContext(user_id=None, visitor_key=..., audience="community", ...);
    - anyone else (signed in without a profile, consent withdrawn, no guest choice) -> None.

    Computed once per request."""
    if not hasattr(request, _CACHE_ATTR):
        setattr(request, _CACHE_ATTR, _build_learner_context(request))
    return getattr(request, _CACHE_ATTR)


def _build_learner_context(request) -> LearnerContext | None:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return learner_context_for_user(user=user)
    guest = read_guest_cookie(request)
    if guest is None or guest.age_band not in AgeBand.values:
        return None
    return LearnerContext(
        user_id=None,
        visitor_key=guest.visitor_key,
        commune_id=guest.commune_id,
        audience=Audience.COMMUNITY,
        age_band=guest.age_band,
    )


def learner_context_for_user(*, user) -> LearnerContext | None:
    """The context of a signed-in learner (also usable outside a request, e.g. in tasks).
    One query: it runs on every quiz submission."""
    consents = GuardianConsent.objects.filter(user_id=OuterRef("user_id"))
    profile = (
        LearnerProfile.objects.filter(user_id=user.pk)
        .annotate(has_active_consent=Exists(consents.active()), has_consent=Exists(consents))
        .first()
    )
    if profile is None or profile.age_band is None:
        return None
    if not _consent_allows(
        active=profile.has_active_consent, any_given=profile.has_consent, age=profile.age
    ):
        return None
    return LearnerContext(
        user_id=user.pk,
        visitor_key=None,
        commune_id=profile.commune_id,
        audience=profile.audience,
        age_band=profile.age_band,
    )


def get_profile(*, user) -> LearnerProfile | None:
    return LearnerProfile.objects.filter(user_id=user.pk).select_related("commune").first()


def may_process(*, user) -> bool:
    """False once a guardian's consent has been withdrawn (and none given again), or while a
    learner under 16 has no active consent."""
    consents = GuardianConsent.objects.filter(user_id=user.pk)
    profile = LearnerProfile.objects.filter(user_id=user.pk).only("birth_year").first()
    return _consent_allows(
        active=consents.active().exists(),
        any_given=consents.exists(),
        age=profile.age if profile else None,
    )


def _consent_allows(*, active: bool, any_given: bool, age: int | None) -> bool:
    from .consent import CONSENT_AGE

    if active:
        return True
    if any_given:
        return False  # withdrawn
    return age is None or age >= CONSENT_AGE
