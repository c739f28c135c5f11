"""A new visitor follows links from the home page (Vietnamese and English): every kind of
live page is reached, and no link leads to an error."""

from urllib.parse import urldefrag, urlsplit

import pytest
from django.utils.module_loading import import_string
from wagtail.models import Page

from cms.core.demo import LOADERS

pytestmark = pytest.mark.django_db

# Left alone by the crawl: the admin, downloads, actions behind a POST.
SKIPPED_PREFIXES = ("/admin/", "/documents/", "/static/", "/media/", "/h5p/", "/i18n/")


@pytest.fixture
def demo_site(db):
    for dotted in LOADERS:
        import_string(dotted)(out=lambda *args: None)


def links_in(html: str) -> list[str]:
    import re

    return re.findall(r'<a [^>]*href="([^"]+)"', html)


def crawl(client, start: str, limit: int = 600):
    seen, queue, broken, page_types = set(), [start], [], set()
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code >= 400:
            broken.append((url, response.status_code))
            continue
        if response.status_code in (301, 302):
            queue.append(response["Location"])
            continue
        context = response.context
        if context is not None and "page" in context and isinstance(context["page"], Page):
            page_types.add(type(context["page"]).__name__)
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for href in links_in(response.content.decode()):
            href = urldefrag(href.replace("&amp;", "&"))[0]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not href.startswith("/"):
                continue  # tel:, other sites
            if href.startswith(SKIPPED_PREFIXES) or href in seen:
                continue
            queue.append(href)
    return seen, broken, page_types


def test_every_page_type_is_reachable_from_home_and_no_link_is_broken(client, demo_site, settings):
    # Each page's type is read from its rendering context, which a page served from the
    # anonymous page cache does not have (the crawl from /en/ meets pages the first one kept).
    settings.PAGE_CACHE_PAGE_TYPES = []
    live_types = {
        type(page).__name__ for page in Page.objects.live().filter(depth__gte=2).specific()
    }
    for start in ("/", "/en/"):
        seen, broken, page_types = crawl(client, start)
        assert broken == [], start
        assert live_types - page_types == set(), start
        assert f"{start}certificates/" in seen  # the certificate check
