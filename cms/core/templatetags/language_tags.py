from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page

from .. import navigation

register = template.Library()

UNTRANSLATED_PARAM = navigation.UNTRANSLATED_PARAM


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in every language: a Wagtail page's own translation when it has
    one, else its nearest ancestor that has one (with a note, never a 404); outside Wagtail,
    the same URL under the other language prefix. Worked out once per request (the header
    and the footer both show it)."""
    request = context["request"]
    cached = getattr(request, "_language_links", None)
    if cached is None:
        cached = request._language_links = _language_links(request, context.get("page"))
    return {"languages": cached}


def _language_links(request, page) -> list[dict]:
    translated = navigation.translation_urls(page, request) if isinstance(page, Page) else {}
    current = get_language()
    languages = []
    for code, _name in settings.LANGUAGES:
        url = translated.get(code) or translate_url(request.get_full_path(), code)
        name = get_language_info(code)["name_local"]
        languages.append({"code": code, "name": name, "url": url, "is_current": code == current})
    return languages
