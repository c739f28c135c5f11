"""Wagtail's page serving, with what it looks up on every request kept in the content cache
(emptied on every publication, move, view-restriction, site and locale change):

- the Site for the request's host (Wagtail reads it from the database each request);
- the page a path leads to (Wagtail walks the tree: two queries a level, 9 for a lesson),
  kept as its id and class, so one query reads the live page itself;
- the page's view restrictions (two queries each request);
- the sites' root paths, which Wagtail reads from the shared cache for each link it makes.

Then Wagtail's own `serve` runs as usual (hooks, restrictions, the page's serve), finding the
site and route already on the request, where Wagtail itself caches them."""

from django.apps import apps
from django.http import Http404
from django.utils.translation import get_language
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult
from wagtail.views import serve as wagtail_serve

from . import content_cache
from .sites import site_for_request


def serve(request, path):
    site = site_for_request(request)
    # Where Wagtail looks for them when it makes a page's URL with this request (else it
    # reads them from the shared cache for every page it links to).
    request._wagtail_cached_site_root_paths = content_cache.get_or_build(
        ("site-root-paths",), lambda: tuple(Site.get_site_root_paths())
    )
    if site is not None:
        route = _cached_route(request, site, path)
        if route is not None:
            request._wagtail_route_for_request = route
    return wagtail_serve(request, path)


def _cached_route(request, site, path: str) -> RouteResult | None:
    key = ("route", site.pk, get_language(), path)
    found = content_cache.get_or_build(key, lambda: _route_to_remember(request, path))
    if found is None:
        return None  # not a live page: Wagtail's own routing answers (404, redirects)
    label, page_id, url_path, args, kwargs, restrictions = found
    model = apps.get_model(label)
    pages = model.for_serving() if hasattr(model, "for_serving") else model.objects.all()
    # Still live and still at this path: a change that did not empty the cache (a slug
    # rewritten in bulk, say) sends the request through Wagtail's own routing.
    page = pages.filter(pk=page_id, live=True, url_path=url_path).first()
    if page is None:
        return None
    page._served_view_restrictions = restrictions
    # For page.url (no request): Wagtail caches the root paths on the page object too.
    page._wagtail_cached_site_root_paths = request._wagtail_cached_site_root_paths
    return RouteResult(page, args=args, kwargs=kwargs)


def _route_to_remember(request, path: str):
    try:
        route = Page.route_for_request(request, path)
    except Http404:
        return None
    finally:
        # Wagtail remembers it on the request; the caller sets the one it will serve.
        request.__dict__.pop("_wagtail_route_for_request", None)
    if route is None:
        return None
    page, args, kwargs = route
    restrictions = tuple(Page.get_view_restrictions(page))
    return (page._meta.label, page.pk, page.url_path, tuple(args), dict(kwargs), restrictions)
