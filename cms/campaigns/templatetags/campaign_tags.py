from django import template

from cms.core.models import SiteSettings

from ..models import CampaignPage
from ..selectors import campaign_slogans, current_campaign, localized
from ..services import slogan_card_url

register = template.Library()


@register.inclusion_tag("campaigns/includes/home_campaign.html", takes_context=True)
def home_campaign(context):
    """The home page's campaign section: this year's campaign (else the latest) and slogans."""
    campaign = current_campaign(campaign_pages=CampaignPage.objects.all())
    slogans = campaign_slogans(campaign=campaign) if campaign else []
    return {"campaign": campaign, "slogans": slogans, "request": context.get("request")}


@register.simple_tag(takes_context=True)
def slogan_card(context, slogan):
    """The share card URL of a slogan (drawn once, then served from storage)."""
    request = context.get("request")
    hotline = SiteSettings.for_request(request).hotline_number if request else ""
    year = getattr(context.get("page"), "year", None)  # the campaign's own year on its page
    return slogan_card_url(slogan=localized([slogan])[0], hotline=hotline, year=year)
