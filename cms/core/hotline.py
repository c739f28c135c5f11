"""The hotline as last saved, kept in the cache for pages that may not read the database
(the light error pages)."""

from django.core.cache import cache

from .models import SiteSettings

HOTLINE_CACHE_KEY = "core:hotline"


def remember_hotline(site_settings: SiteSettings) -> None:
    """Kept in the cache for the light error pages, which may not read the database."""
    cache.set(
        HOTLINE_CACHE_KEY,
        {
            "hotline_number": site_settings.hotline_number,
            "hotline_tel": site_settings.hotline_tel,
            "hotline_label": site_settings.hotline_label,
            "emergency_number": site_settings.emergency_number,
            "emergency_tel": site_settings.emergency_tel,
        },
        timeout=None,
    )


def remembered_hotline() -> dict:
    try:
        remembered = cache.get(HOTLINE_CACHE_KEY)
    except Exception:  # the cache may be down too: the defaults will do
        remembered = None
    if remembered:
        return remembered
    defaults = SiteSettings()  # the field defaults, no query
    return {
        "hotline_number": defaults.hotline_number,
        "hotline_tel": defaults.hotline_tel,
        "hotline_label": defaults.hotline_label,
        "emergency_number": defaults.emergency_number,
        "emergency_tel": defaults.emergency_tel,
    }
