from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Locale, Page

register = template.Library()


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in every language: a Wagtail page's own translation when it has
    one, otherwise the same URL under the other language prefix."""
    request = context["request"]
    page = context.get("page")
    translated = {}
    if isinstance(page, Page):
        for translation in page.get_translations(inclusive=True).live().select_related("locale"):
            translated[translation.locale.language_code] = translation.get_url(request)
    current = get_language()
    languages = []
    for code, _name in settings.LANGUAGES:
        url = translated.get(code) or translate_url(request.get_full_path(), code)
        name = get_language_info(code)["name_local"]
        languages.append({"code": code, "name": name, "url": url, "is_current": code == current})
    return {"languages": languages}


@register.simple_tag
def localized_home_url(request):
    """The home page in the active language (falls back to "/")."""
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        return "/"
    from cms.core.models import HomePage

    home = HomePage.objects.live().filter(locale=locale).first()
    return home.get_url(request) if home else "/"
