"""Who may print a campaign's poster for which commune: an editor of the campaign page for any
commune the campaign reaches; a commune or province officer (a report reader's scope) for the
communes of their area that it reaches. Communes are the current catalogue's."""

from django.db.models import QuerySet

from elearning.coverage.selectors import communes_of, reader_scope
from elearning.geo.selectors import current_communes

NO_COMMUNES = frozenset()


def allowed_communes(*, user, campaign) -> frozenset | None:
    """The ids of the communes this user may print the campaign's poster for; None: every
    current commune."""
    area = communes_of(campaign.region) if campaign.region_id else None
    if campaign.permissions_for_user(user).can_edit():
        return area
    scope = reader_scope(user=user)
    if scope is None:
        return NO_COMMUNES
    mine = communes_of(scope.unit)
    if mine is None:
        return area
    return mine if area is None else mine & area


def may_print(*, user, campaign) -> bool:
    # Editors first: the page tree asks this of every campaign it lists.
    if campaign.permissions_for_user(user).can_edit():
        return True
    return allowed_communes(user=user, campaign=campaign) != NO_COMMUNES


def communes_queryset(allowed: frozenset | None) -> QuerySet:
    communes = current_communes().order_by("province__name", "name")
    return communes if allowed is None else communes.filter(pk__in=allowed)
