"""A Content-Security-Policy on every response that has none of its own.

Django 5.2 has no CSP of its own (6.0 adds one). A small middleware rather than django-csp:
the site's pages have no inline script to allow with nonces, so one fixed policy per area
is all that is needed, and views that need another policy (the sandboxed H5P frame, package
files) simply set the header themselves, which this middleware leaves alone.

- Learner pages: scripts, styles, fonts and connections from the site only; images also from
  `data:` and the media origin; frames from the site (the H5P player) and the video hosts of
  the embed block. Inline style attributes stay allowed (a progress bar's width).
  An H5P exercise played from the phone's saved copy is a sandboxed `srcdoc` frame, which
  inherits this policy: one inline script allowed by its hash (the saved frame's boot) and
  blob: URLs, which only script already running in the frame or page can make
  (elearning/h5p/offline.py explains why this keeps the sandbox's protection).
- The Wagtail admin: Wagtail still uses inline scripts, so they are allowed there (behind a
  sign-in); plugins, foreign framing and foreign form targets are refused as everywhere."""

from urllib.parse import urlsplit

from django.conf import settings

from elearning.h5p.offline import boot_script_source

HEADER = "Content-Security-Policy"
VIDEO_FRAMES = "https://www.youtube.com https://www.youtube-nocookie.com https://player.vimeo.com"


def _media_origin() -> str:
    parts = urlsplit(settings.MEDIA_URL)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def _join(directives: dict[str, str]) -> str:
    return "; ".join(f"{name} {value}".strip() for name, value in directives.items())


def site_policy() -> str:
    media = _media_origin()
    return _join(
        {
            "default-src": "'self'",
            "script-src": f"'self' blob: {boot_script_source()}",
            "style-src": "'self' 'unsafe-inline' blob:",
            "img-src": f"'self' data: blob: {media}".strip(),
            "media-src": f"'self' blob: {media}".strip(),
            "font-src": "'self' blob:",
            "connect-src": "'self' blob:",
            "frame-src": f"'self' {VIDEO_FRAMES}",
            # The offline service worker (/sw.js) and the web app manifest: the site's own.
            "worker-src": "'self'",
            "manifest-src": "'self'",
            "object-src": "'none'",
            "base-uri": "'self'",
            "form-action": "'self'",
            "frame-ancestors": "'none'",
        }
    )


def admin_policy() -> str:
    media = _media_origin()
    return _join(
        {
            "default-src": "'self'",
            "script-src": "'self' 'unsafe-inline'",
            "style-src": "'self' 'unsafe-inline'",
            "img-src": f"'self' data: blob: https://www.gravatar.com {media}".strip(),
            "media-src": f"'self' {media}".strip(),
            "font-src": "'self' data:",
            "connect-src": "'self'",
            "frame-src": f"'self' {VIDEO_FRAMES}",
            "object-src": "'none'",
            "base-uri": "'self'",
            "form-action": "'self'",
            "frame-ancestors": "'self'",  # Wagtail's preview panel frames the page
        }
    )


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.site = site_policy()
        self.admin = admin_policy()
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        response = self.get_response(request)
        if HEADER not in response:
            admin = request.path_info.startswith(self.admin_prefix)
            response[HEADER] = self.admin if admin else self.site
        return response
