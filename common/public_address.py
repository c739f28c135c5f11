"""The site's public address (settings.WAGTAILADMIN_BASE_URL): what links that leave the
site (share links, the QR code on a certificate) are built on, never the Host header of the
request, which a client chooses."""

from django.conf import settings


def public_url(path_or_url: str) -> str:
    """A site path on the public address; a URL that names its host (e.g. a media file on
    object storage) as it is."""
    if path_or_url.startswith(("http://", "https://", "//")):
        return path_or_url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path_or_url
