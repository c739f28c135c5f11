"""The Locale of the active language, read once per process and publication (the content
cache is emptied when a locale changes), where Locale.get_active() reads it from the database
on every call: 2 to 6 times a page."""

from django.utils.translation import get_language
from wagtail.models import Locale

from . import content_cache


def active_locale() -> Locale:
    """Locale.get_active(), cached; raises Locale.DoesNotExist like it."""
    locale = content_cache.get_or_build(("locale", get_language()), _active_or_none)
    if locale is None:
        raise Locale.DoesNotExist(f"No locale for {get_language()!r}")
    return locale


def _active_or_none() -> Locale | None:
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return None


def default_locale_id() -> int:
    """The id of the default language's Locale (what progress and receipts count against)."""
    return content_cache.get_or_build(("default-locale",), lambda: Locale.get_default().pk)
