from django import template
from django.urls import reverse
from django.utils.html import format_html

from ..offline import owner_key

register = template.Library()


@register.simple_tag(takes_context=True)
def offline_attrs(context):
    """Attributes of <html> read by static/js/offline.js: where the worker is, and whose
    pages it may keep (see cms.core.offline.owner_key)."""
    request = context.get("request")
    if request is None:
        return ""
    match = getattr(request, "resolver_match", None)
    # The offline page is kept for whoever uses the phone: it names nobody.
    neutral = match is not None and match.url_name == "offline_page"
    return format_html(
        ' data-sw="{}" data-owner="{}"',
        reverse("service_worker"),
        "" if neutral else owner_key(request),
    )
