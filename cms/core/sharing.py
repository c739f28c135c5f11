"""Links for sharing a page: on the site's public address (WAGTAILADMIN_BASE_URL), never
the host a request or the demo's Wagtail Site happens to name (e.g. "localhost")."""

from urllib.parse import quote

from django.conf import settings


def public_url(path_or_url: str) -> str:
    """A site path on the public address; a URL that names its host (e.g. a media file on
    object storage) as it is."""
    if path_or_url.startswith(("http://", "https://", "//")):
        return path_or_url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path_or_url


def facebook_share_url(url: str) -> str:
    return f"https://www.facebook.com/sharer/sharer.php?u={quote(url, safe='')}"
