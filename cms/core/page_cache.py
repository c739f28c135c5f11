"""The page cache for anonymous visitors: a public page rendered once for everyone who carries
no cookie of their own, kept in the shared cache (Redis in production) and served from there
before sessions, CSRF, authentication or Wagtail's routing run.

Who is served from it (`_cacheable_request`): a GET without a query string (or with tracking
parameters only, served but never stored) whose cookies are at most the CSRF cookie. A session
(signed in, or a message waiting), a guest's commune choice or a check-in is a cookie: such
visitors always get their own page and never store one.

What is stored (`_storable`): a 200 answer to such a request from a Wagtail page whose type is in
settings.PAGE_CACHE_PAGE_TYPES (noted by the `before_serve_page` hook in wagtail_hooks.py) and
without view restrictions, which sets no cookie at all, used no CSRF token (the form of "Tôi đã
đọc và hiểu", the lesson's "I have finished" button, a quiz: those stay per request), is not
marked private, and is in the language its URL names. Anything per person that a page may show
comes with one of those marks, so a new personal feature cannot slip into the cache silently.

Where a hit is answered: in production by `ServeCachedPages`, a WSGI application around the
whole site (config/wsgi.py) and in front of the overload guard (config/overload.py): a hit builds
no Django response, runs no middleware and needs none of the slots that bound the site's work,
so cached pages are served while the site refuses work it cannot start. On a miss it hands its
read to the middleware, which renders and stores; the middleware answers hits itself where the
front is absent (the development server, the test client). The middleware is the first one
(settings.MIDDLEWARE), so an entry keeps the headers every other middleware added (security
headers, the Content-Security-Policy): a hit repeats the whole answer.

Keys: scheme, host, the URL's language, gzip or not, and the path. Each entry carries the
content cache's generation (content_cache.py): receivers.py bumps it on publish, unpublish,
move, delete, view restrictions, sites, locales, site settings and snippets (Wagtail's
page_published / page_unpublished / post_page_move / published / unpublished signals). A hit
reads the entry and the generation in one round trip, so a change reaches every web process
with the next request.

Served and stored pages say `Cache-Control: public, max-age=PAGE_CACHE_MAX_AGE` (a CDN or nginx
may keep them that long) and `Vary: Cookie` (a signed-in visitor's request is another variant);
other answers of these page types say `private`. `X-Page-Cache` tells hit, miss (stored) or
bypass, for operators and the benchmark."""

import gzip
import hashlib
import re
from functools import cache as once
from http import HTTPStatus
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language_from_path

from . import content_cache

HEADER = "X-Page-Cache"
# Parameters that links from social networks and campaigns add; the page does not read them.
TRACKING_PARAMETERS = re.compile(r"^(utm_[a-z]+|fbclid|gclid|zarsrc|zlink)$")
# Headers an entry may vary on: what the key already separates (or Cookie: see above).
ALLOWED_VARY = {"cookie", "accept-encoding", "accept-language"}
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# What the front learned on a miss, for the middleware: (key, language, generation).
READ = "chungtay.page_cache.read"


def note_page(request, page) -> None:
    """Called by the before_serve_page hook: this request is answered by `page`."""
    request.page_cache_page = page


class ServeCachedPages:
    """The WSGI application in front of the site (config/wsgi.py): answers a hit from the
    stored entry alone, one Redis round trip, no Django response and no middleware."""

    def __init__(self, app):
        self.app = app
        self.cache = caches[settings.PAGE_CACHE_ALIAS]

    def __call__(self, environ, start_response):
        try:
            key, language = _cacheable_request(WSGIRequest(environ))
        except Exception:  # a request Django refuses (too many parameters...): it answers
            return self.app(environ, start_response)
        if key is not None:
            current, entry = read(self.cache, key)
            if entry is not None:
                _generation, status, headers, content = entry
                start_response(
                    f"{status} {HTTPStatus(status).phrase}",
                    [*headers, (HEADER, "hit")],
                )
                return [content]
            environ[READ] = (key, language, current)
        return self.app(environ, start_response)


class AnonymousPageCacheMiddleware:
    """The first middleware (settings.MIDDLEWARE): what it stores carries every header the
    others add; a hit here costs no session, no database and no compression; what is stored
    is the compressed answer."""

    def __init__(self, get_response):
        self.get_response = get_response
        # One client per process (what Django's cache handler gives each thread, made once).
        self.cache = caches[settings.PAGE_CACHE_ALIAS]

    def __call__(self, request):
        if READ in request.META:  # the front (ServeCachedPages) read it and missed
            key, language, current = request.META[READ]
        else:
            key, language = _cacheable_request(request)
            if key is None:
                return self._bypass(request)
            current, entry = read(self.cache, key)
            if entry is not None:
                return _response_from(entry, state="hit")
        # Read with the entry: the page rendered below does not ask the shared cache again.
        content_cache.note_generation_read(current)
        parameters_only = bool(request.META.get("QUERY_STRING"))
        generation = current if current is not None else content_cache.generation()
        response = self.get_response(request)
        if not parameters_only and _storable(request, response, language):
            _mark_public(response)
            headers = list(response.items())
            entry = (generation, response.status_code, headers, response.content)
            self.cache.set(key, entry, settings.PAGE_CACHE_TIMEOUT)
            response[HEADER] = "miss"
        else:
            _mark_bypassed(request, response)
        return response

    def _bypass(self, request):
        response = self.get_response(request)
        _mark_bypassed(request, response)
        return response


def read(cache, key):
    """The content generation and the entry under `key` if it was stored in that generation
    (else None), in one round trip."""
    found = cache.get_many([content_cache.GENERATION_KEY, key])
    current, entry = found.get(content_cache.GENERATION_KEY), found.get(key)
    fresh = entry is not None and current is not None and entry[0] == current
    return current, entry if fresh else None


def may_answer(method: str, query, cookies) -> bool:
    """Whether a request with this method, query (a QueryDict) and cookies (names) may be
    answered from the cache: also asked by the web worker (config/web_worker.py) of a request
    it has only peeked at, to let it wait for a thread rather than refuse it."""
    if method != "GET":
        return False
    if set(cookies) - {settings.CSRF_COOKIE_NAME}:
        return False
    return all(TRACKING_PARAMETERS.match(name) for name in query)


def _cacheable_request(request) -> tuple[str | None, str]:
    """The entry's key and the URL's language when this request may be answered from the
    cache, else (None, "")."""
    path = request.path
    if path.startswith(_files_prefixes()):
        return None, ""  # WhiteNoise's and the media's: never a page
    if not may_answer(request.method, request.GET, request.COOKIES):
        return None, ""
    try:
        host = request.get_host()
    except DisallowedHost:
        return None, ""
    language = get_language_from_path(path) or settings.LANGUAGE_CODE
    encoding = "gz" if ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) else "id"
    digest = hashlib.blake2b(path.encode(), digest_size=16).hexdigest()
    # v2: entries carry every header of the answer (the middleware became the first one).
    key = f"page-cache:v2:{_release()}:{request.scheme}:{host}:{language}:{encoding}:{digest}"
    return key, language


def _storable(request, response, language: str) -> bool:
    page = getattr(request, "page_cache_page", None)
    if page is None or type(page)._meta.label not in settings.PAGE_CACHE_PAGE_TYPES:
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    if vary - ALLOWED_VARY:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    if response.get("Content-Language", language) != language:
        return False
    body = response.content
    if response.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    if b"csrfmiddlewaretoken" in body:
        return False
    # A queryset from Wagtail, or the tuple the router read from the content cache.
    return not page.get_view_restrictions()


def _response_from(entry, *, state: str) -> HttpResponse:
    _generation, status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response[HEADER] = state
    return response


def _mark_public(response) -> None:
    patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE)
    patch_vary_headers(response, ("Cookie",))


def _mark_bypassed(request, response) -> None:
    """A page of a cached type answered for one visitor: no shared cache may keep it."""
    if getattr(request, "page_cache_page", None) is None:
        return
    if "Cache-Control" not in response:
        patch_cache_control(response, private=True, max_age=0)
    response[HEADER] = "bypass"


@once
def _files_prefixes() -> tuple[str, ...]:
    return tuple(
        prefix for prefix in (settings.STATIC_URL, settings.MEDIA_URL) if prefix and prefix != "/"
    )


@once
def _release() -> str:
    """Pages name hashed static files: a deployment with new ones starts new entries."""
    manifest = Path(str(settings.STATIC_ROOT)) / "staticfiles.json"
    try:
        return hashlib.blake2b(manifest.read_bytes(), digest_size=6).hexdigest()
    except OSError:
        return "dev"
