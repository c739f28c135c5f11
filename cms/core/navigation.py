"""What the header menu, the footer and the breadcrumbs show: read from the page tree and
kept in the content cache (emptied on every publication), so a page pays no query for them."""

from dataclasses import dataclass

from django.utils.translation import get_language
from wagtail.models import Locale, Page

from . import content_cache


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
        locale = Locale.get_active()
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
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        return "/"
    home = HomePage.objects.live().filter(locale=locale).first()
    return (home.get_url() if home else None) or "/"


def breadcrumbs(page: Page) -> list[Link]:
    """The way back from a deep page: its ancestors below the tree's root, home first."""
    ancestors = Page.objects.ancestor_of(page).filter(depth__gte=2).order_by("depth")
    return [Link(title=ancestor.title, url=ancestor.get_url()) for ancestor in ancestors]


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
