"""The Site a request is for, without a query: Wagtail's Site.find_for_request reads the
database on every request; the answer is kept in the content cache (emptied when a site
changes) and on the request, where Wagtail itself looks for it."""

from wagtail.models import Site

from . import content_cache


def site_for_request(request) -> Site | None:
    if not hasattr(request, "_wagtail_site"):
        hostname = request.get_host().rsplit(":", 1)[0]
        port = request.get_port()
        request._wagtail_site = content_cache.get_or_build(
            ("site", hostname, port), lambda: Site._find_for_request(request)
        )
    return request._wagtail_site
