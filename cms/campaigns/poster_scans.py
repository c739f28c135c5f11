"""A scan of a campaign poster's QR code: the campaign's URL with the commune the poster was
printed for (`?xa=<commune code>`). The scan is counted for that commune and day (no personal
data), a guest without a commune gets the poster's one remembered as if they had chosen it,
and the phone is sent on to the clean URL, which the page cache serves. A code that is not a
current commune of the campaign's area is ignored: nothing is stored."""

from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers

from common.public_address import public_url
from elearning import rate_limits
from elearning.accounts import guest
from elearning.accounts.services import remember_guest
from elearning.coverage.selectors import communes_of
from elearning.geo.selectors import find_current_commune

from . import services

PARAMETER = "xa"


def poster_url(*, campaign, commune) -> str:
    """What the poster's QR code says: on the site's public address, never a request's Host."""
    return public_url(f"{campaign.get_url()}?{PARAMETER}={commune.code}")


def poster_commune(*, campaign, code: str):
    """The current commune of this code if the campaign reaches it (a nationwide campaign
    reaches all), else None."""
    commune = find_current_commune(code=code)
    if commune is None:
        return None
    area = communes_of(campaign.region) if campaign.region_id else None
    return commune if area is None or commune.pk in area else None


def scanned(request, *, campaign, poster_scans):
    commune = poster_commune(campaign=campaign, code=request.GET.get(PARAMETER, ""))
    response = redirect(campaign.get_url(request))
    add_never_cache_headers(response)
    if request.method != "GET" or commune is None:
        return response
    if not rate_limits.allowed(request, action="campaign_poster_scan"):
        return response
    services.count_poster_scan(
        poster_scans=poster_scans, page_id=campaign.pk, commune_id=commune.pk
    )
    if not request.user.is_authenticated and guest.read_guest_cookie(request) is None:
        # No age band yet: the guest is asked it (with this commune chosen) when they learn.
        remember_guest(response=response, commune_id=commune.pk, age_band="")
    return response
