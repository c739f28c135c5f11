from django import template
from wagtail.models import Page

from .. import navigation

register = template.Library()


@register.inclusion_tag("includes/nav/menu_links.html", takes_context=True)
def menu_links(context):
    """The site's menu, shared by the header and the footer."""
    return {"request": context.get("request"), "sections": navigation.menu_sections()}


@register.simple_tag
def home_url():
    return navigation.home_url()


@register.inclusion_tag("includes/nav/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """Home > section > ... > parent, on pages two levels or more below the home page."""
    page = context.get("page")
    if not isinstance(page, Page) or page.depth < 4:
        return {"crumbs": []}
    return {"crumbs": navigation.breadcrumbs(page)}
