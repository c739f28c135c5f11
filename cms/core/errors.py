"""Error pages in the reader's language, with the hotline and a way home. 404 and 403 are
full pages (menu, footer); 400 and 500 are light: a template rendered without context
processors, so that they read neither the database nor the request's host (a 400 may be a
bad Host header, a 500 may be a database outage)."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.template import loader
from django.utils.translation import get_language
from django.views.decorators.csrf import requires_csrf_token
from wagtail.models import Page, Site

from . import navigation
from .hotline import remembered_hotline
from .templatetags.language_tags import UNTRANSLATED_PARAM


def untranslated_page_redirect(request) -> HttpResponseRedirect | None:
    """/en/<path of a page that exists in Vietnamese only>: to the nearest ancestor that is
    translated, with a note, rather than a 404."""
    language = get_language()
    prefix = f"/{language}/"
    if language == settings.LANGUAGE_CODE or not request.path.startswith(prefix):
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    rest = request.path[len(prefix) :]
    if rest and not rest.endswith("/"):
        rest += "/"
    page = Page.objects.live().filter(url_path=site.root_page.url_path + rest).first()
    if page is None:
        return None
    nearest = navigation.nearest_translation(page, language)
    if nearest is None:
        return None
    return HttpResponseRedirect(f"{nearest.get_url(request)}?{urlencode({UNTRANSLATED_PARAM: 1})}")


def page_not_found(request, exception=None):
    redirect = untranslated_page_redirect(request)
    if redirect is not None:
        return redirect
    return render(request, "errors/404.html", status=404)


def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


@requires_csrf_token
def bad_request(request, exception=None):
    return _light(request, status=400)


@requires_csrf_token
def server_error(request):
    return _light(request, status=500)


def _light(request, *, status: int):
    from django.http import HttpResponse

    language = get_language() or settings.LANGUAGE_CODE
    home = "/" if language == settings.LANGUAGE_CODE else f"/{language}/"
    html = loader.get_template("errors/light.html").render(
        {"status": status, "home": home, "language": language, **remembered_hotline()}
    )
    return HttpResponse(html, status=status)
