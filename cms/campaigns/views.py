"""The campaign page's view counter, asked for by a 1×1 image at the end of the page.

The page itself is kept by the anonymous page cache (cms/core/page_cache.py) and may be kept by
a CDN, so counting while rendering would miss most views and add a write to every render; the
image is fetched on every view, cached or not, and costs the page nothing."""

import base64

from django.http import HttpResponse
from django.views.decorators.cache import never_cache

from . import services
from .models import CampaignPage, CampaignPageView

# The smallest transparent GIF (43 bytes).
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


@never_cache
def count_view(request, page_id: int):
    if request.method == "GET" and CampaignPage.objects.live().public().filter(pk=page_id).exists():
        services.count_page_view(page_views=CampaignPageView.objects, page_id=page_id)
    return HttpResponse(PIXEL, content_type="image/gif")
