"""Links for sharing a page: on the site's public address (WAGTAILADMIN_BASE_URL), never
the host a request or the demo's Wagtail Site happens to name (e.g. "localhost")."""

from urllib.parse import quote

from common.public_address import public_url

__all__ = ["facebook_share_url", "public_url"]


def facebook_share_url(url: str) -> str:
    return f"https://www.facebook.com/sharer/sharer.php?u={quote(url, safe='')}"
