"""Community sessions for tests.

officer = officer_of(commune)                   # records sessions in this commune
session = held(officer=officer, commune=commune, counts=[("female", "18-60", 12)])
"""

from datetime import timedelta

from django.utils import timezone

from elearning.community import services
from elearning.community.models import CommunitySession
from tests.factories.accounts import UserFactory


def officer_of(unit, *, reviewer=False, **kwargs):
    user = UserFactory(**kwargs)
    services.appoint(user=user, unit=unit, reviewer=reviewer)
    return user


def held(*, officer, commune, counts=(("female", "18-60", 12),), starts_at=None, **fields):
    """A session the officer recorded: it started an hour ago and lasted an hour and a half
    unless told otherwise. `counts`: (sex, age band, number) of community members."""
    starts_at = starts_at or timezone.now() - timedelta(hours=1)
    fields.setdefault("ends_at", starts_at + timedelta(minutes=90))
    session = CommunitySession(
        commune=commune,
        starts_at=starts_at,
        place=fields.pop("place", "Nhà văn hoá thôn 3"),
        kind=fields.pop("kind", "meeting"),
        **fields,
    )
    return services.save_session(
        user=officer,
        session=session,
        counts=[(sex, band, "community", number) for sex, band, number in counts],
    )
