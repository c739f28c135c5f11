from django import template
from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar
from wagtail.models import Page

from elearning.accounts.selectors import may_hold_permissions

from .. import navigation, sharing

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


@register.simple_tag(takes_context=True)
def parent_link(context):
    """The page's parent (title and URL), from the cached breadcrumbs: no query."""
    page = context.get("page")
    crumbs = navigation.breadcrumbs(page) if isinstance(page, Page) and page.depth > 2 else ()
    return crumbs[-1] if crumbs else None


@register.inclusion_tag("includes/share.html")
def share_links(path_or_url, title=""):
    """Facebook, and Zalo or any app through the phone's own share sheet (the Web Share API;
    without it the link is shown to copy), for a page on the site's public address."""
    url = sharing.public_url(path_or_url)
    return {"url": url, "title": title, "facebook_url": sharing.facebook_share_url(url)}


@register.filter
def public_url(path_or_url):
    return sharing.public_url(path_or_url or "")


@register.simple_tag(takes_context=True)
def editor_userbar(context, position="bottom-right"):
    """Wagtail's user bar, for people who may edit: a learner gets none, and their page asks
    the permission tables nothing."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not may_hold_permissions(user):
        return ""
    return wagtailuserbar(context, position)
