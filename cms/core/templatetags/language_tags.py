from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.http import urlencode
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page

from .. import navigation

register = template.Library()

# Added to the link of a page's nearest translated ancestor: that page says the one asked
# for has no translation yet.
UNTRANSLATED_PARAM = "untranslated"


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
    translated = {}
    if isinstance(page, Page):
        for translation in page.get_translations(inclusive=True).live().select_related("locale"):
            translated[translation.locale.language_code] = translation.get_url(request)
    current = get_language()
    languages = []
    for code, _name in settings.LANGUAGES:
        url = translated.get(code)
        if url is None and isinstance(page, Page):
            url = _nearest_translated_ancestor_url(page, code, request)
        if url is None:
            url = translate_url(request.get_full_path(), code)
        name = get_language_info(code)["name_local"]
        languages.append({"code": code, "name": name, "url": url, "is_current": code == current})
    return languages


def _nearest_translated_ancestor_url(page: Page, code: str, request) -> str | None:
    nearest = navigation.nearest_translation(page, code)
    if nearest is None:
        return None
    return f"{nearest.get_url(request)}?{urlencode({UNTRANSLATED_PARAM: 1})}"
