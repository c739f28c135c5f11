"""What the header menu, the footer and the breadcrumbs show: read from the page tree and
kept in the content cache (emptied on every publication), so a page pays no query for them."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.http import urlencode
from django.utils.translation import get_language
from wagtail.models import Locale, Page

from . import content_cache
from .locales import active_locale
from .sites import site_for_request

# Added to the link of a page's nearest translated ancestor: that page says the one asked
# for has no translation yet.
UNTRANSLATED_PARAM = "untranslated"


@dataclass(frozen=True)
class Link:
    title: str
    url: str


def menu_sections() -> tuple[Link, ...]:
    """The home page's live, public children marked "show in menus" (the campaigns, the
    courses, the legal library), in the active language and in the page tree's order."""
    return content_cache.get_or_build(("menu-sections", get_language()), _menu_sections)


def _menu_sections() -> tuple[Link, ...]:
    from .models import HomePage

    try:
        locale = active_locale()
    except Locale.DoesNotExist:
        return ()
    home = HomePage.objects.live().filter(locale=locale).first()
    if home is None:
        return ()
    children = home.get_children().live().public().in_menu().order_by("path")
    return tuple(Link(title=child.title, url=child.get_url()) for child in children)


def home_url() -> str:
    return content_cache.get_or_build(("home-url", get_language()), _home_url)


def _home_url() -> str:
    from .models import HomePage

    try:
        locale = active_locale()
    except Locale.DoesNotExist:
        return "/"
    home = HomePage.objects.live().filter(locale=locale).first()
    return (home.get_url() if home else None) or "/"


def breadcrumbs(page: Page) -> tuple[Link, ...]:
    """The way back from a deep page: its ancestors below the tree's root, home first."""
    if page.pk is None:  # a new page's preview
        return _breadcrumbs(page)
    return content_cache.get_or_build(("breadcrumbs", page.pk), lambda: _breadcrumbs(page))


def _breadcrumbs(page: Page) -> tuple[Link, ...]:
    ancestors = Page.objects.ancestor_of(page).filter(depth__gte=2).order_by("depth")
    return tuple(Link(title=ancestor.title, url=ancestor.get_url()) for ancestor in ancestors)


def translation_urls(page: Page, request) -> dict[str, str]:
    """Where this page is in each language that has it: the URL of its live translation, or
    of its nearest ancestor that has one (marked with `?untranslated=1`: that page says the
    one asked for is not translated yet). Languages with neither are left out."""
    if page.pk is None:  # a new page's preview
        return _translation_urls(page, request)
    site = site_for_request(request)
    key = ("translation-urls", page.pk, site.pk if site else None)
    return content_cache.get_or_build(key, lambda: _translation_urls(page, request))


def _translation_urls(page: Page, request) -> dict[str, str]:
    urls = {}
    for translation in page.get_translations(inclusive=True).live().select_related("locale"):
        urls[translation.locale.language_code] = translation.get_url(request)
    for code, _name in settings.LANGUAGES:
        if code not in urls:
            nearest = nearest_translation(page, code)
            if nearest is not None:
                query = urlencode({UNTRANSLATED_PARAM: 1})
                urls[code] = f"{nearest.get_url(request)}?{query}"
    return urls


def nearest_translation(page: Page, language_code: str) -> Page | None:
    """The page's nearest live ancestor that has a translation in this language: where a
    reader goes when the page itself is not translated yet."""
    keys = Page.objects.ancestor_of(page).filter(depth__gte=2).values("translation_key")
    return (
        Page.objects.live()
        .filter(translation_key__in=keys, locale__language_code=language_code)
        .order_by("-depth")
        .first()
    )
