from django.db.models import QuerySet
from django.utils import timezone
from wagtail.models import Locale

from cms.core.locales import active_locale

from .choices import SloganStatus

# The page models call these selectors, so the callers pass the campaign pages (a queryset of
# the campaign page class) or a campaign instead of this module importing the models.


def campaigns_in(*, campaign_pages, index_page) -> QuerySet:
    return (
        campaign_pages.live()
        .child_of(index_page)
        .select_related("region", "hero_image")
        .order_by("-year", "-event_date")
    )


def current_campaign(*, campaign_pages, locale: Locale | None = None, today=None):
    """This year's campaign in the visitor's language, else the latest one."""
    locale = locale or active_locale()
    year = (today or timezone.localdate()).year
    campaigns = (
        campaign_pages.live()
        .filter(locale=locale, year__lte=year)
        .select_related("hero_image")
        .order_by("-year", "-event_date")
    )
    return campaigns.first()


def campaign_slogans(*, campaign) -> list:
    """The campaign's slogans in the visitor's language, in the editor's order."""
    links = campaign.campaign_slogans.select_related("slogan").order_by("sort_order")
    slogans = localized([link.slogan for link in links])
    # Only the published version of a slogan is public; a draft waits for review.
    return [slogan for slogan in slogans if slogan.live and slogan.status != SloganStatus.RETIRED]


def localized(slogans: list) -> list:
    """Each slogan in the visitor's language when it has a live translation (as
    Slogan.localized, with one query for all of them and none when all are in it)."""
    locale = active_locale()
    others = {slogan.translation_key for slogan in slogans if slogan.locale_id != locale.pk}
    if not others:
        return slogans
    model = type(slogans[0])
    translations = {
        slogan.translation_key: slogan
        for slogan in model.objects.filter(translation_key__in=others, locale=locale, live=True)
    }
    return [
        slogan
        if slogan.locale_id == locale.pk
        else translations.get(slogan.translation_key, slogan)
        for slogan in slogans
    ]
