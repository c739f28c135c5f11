"""The installable, offline-capable site: the web app manifest, the service worker (served
from the site's root so that its scope covers "/" and "/en/"), and the light page shown
offline in place of a page that was not kept.

The worker's script is static/js/sw.js with one line put before it: the URLs of the app
shell (hashed by the static files storage in production) and a version that changes with
them, so a new CSS or script file makes phones install the new worker."""

import hashlib
import hmac
import json
import re
from functools import lru_cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from elearning.accounts.guest import read_guest_cookie

THEME_COLOUR = "#b3261e"
BACKGROUND_COLOUR = "#fffbfe"
# What every page needs offline: kept when the worker installs.
SHELL_STATIC = [
    "css/site.css",
    "css/learning.css",
    "js/offline.js",
    "js/offline-db.js",
    "js/offline-course.js",
    "icons/icon.svg",
    "icons/icon-192.png",
]
ICONS = [
    ("icons/icon-192.png", "192x192", "any"),
    ("icons/icon-512.png", "512x512", "any"),
    ("icons/icon-maskable-192.png", "192x192", "maskable"),
    ("icons/icon-maskable-512.png", "512x512", "maskable"),
]


def owner_key(request) -> str:
    """Whose private pages this phone's worker may show: a keyed hash of the signed-in
    user or of the guest's visitor key (never the id itself), or "anon". Pages kept for one
    person are never shown to another who uses the same phone."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        who = f"u:{user.pk}"
    else:
        guest = read_guest_cookie(request)
        if guest is None:
            return "anon"
        who = f"g:{guest.visitor_key}"
    digest = hmac.new(settings.SECRET_KEY.encode(), who.encode(), hashlib.sha256)
    return digest.hexdigest()[:20]


def _home_url() -> str:
    language = get_language()
    return "/" if language == settings.LANGUAGE_CODE else f"/{language}/"


@require_safe
@cache_control(public=True, max_age=86400)
def web_manifest(request):
    """The web app manifest in the reader's language: its name, and a start URL in that
    language (the worker keeps the start page, so the app opens offline too)."""
    home = _home_url()
    manifest = {
        "id": "/",
        "name": _("Chung Tay: prevent human trafficking"),
        "short_name": "Chung Tay",
        "description": _(
            "Learn to recognise and prevent human trafficking, and where to get help."
        ),
        "lang": get_language(),
        "start_url": f"{home}?source=pwa",
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [
            {"src": static(path), "sizes": sizes, "type": "image/png", "purpose": purpose}
            for path, sizes, purpose in ICONS
        ],
    }
    return JsonResponse(
        manifest,
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )


@lru_cache(maxsize=1)
def _worker_script() -> str:
    found = finders.find("js/sw.js")
    with open(found, encoding="utf-8") if found else staticfiles_storage.open("js/sw.js") as f:
        body = f.read()
    if isinstance(body, bytes):
        body = body.decode()
    # Its opening comment is for those who read the source, not worth a phone's bytes.
    body = re.sub(r"\A/\*.*?\*/\s*", "", body, count=1, flags=re.S)
    shell = [static(path) for path in SHELL_STATIC]
    pages = {code: reverse_offline(code) for code, _name in settings.LANGUAGES}
    version = hashlib.sha256((body + json.dumps(shell)).encode()).hexdigest()[:12]
    config = {"version": version, "shell": shell, "offline": pages}
    return f"self.OFFLINE = {json.dumps(config)};\n{body}"


def reverse_offline(language: str) -> str:
    with translation.override(language):
        return reverse("offline_page")


@require_safe
def service_worker(request):
    """The worker's script. Browsers check it for updates on every navigation after a day
    at most; no-cache makes them check every time, which costs a 304 of a few bytes."""
    response = HttpResponse(_worker_script(), content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
def offline_page(request):
    """What the worker shows offline for a page that was not kept: what is kept on this
    phone (listed by offline-course.js from the phone's own storage) and the hotline.
    Learner-neutral, so the worker may keep it for everyone."""
    return render(request, "offline/offline_page.html", {})
