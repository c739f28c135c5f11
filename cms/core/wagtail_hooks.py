"""The site settings screen answers "no permission" to a user who may change no site's
settings (a report reader who types its URL). Wagtail's own view would look for a site they
may edit with a DISTINCT query that PostgreSQL refuses, and answer 500.

And every page served is noted for the anonymous page cache (page_cache.py), which decides
after the answer whether it may be kept. The admin gets the project's CSS (phones, dashboard)
and JS (Wagtail's date picker kept clear of the schedule dialog's button) from core/static."""

from django.core.exceptions import PermissionDenied
from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from wagtail import hooks
from wagtail.contrib.settings.views import redirect_to_relevant_instance
from wagtail.permissions import policy_registry

from . import page_cache, translation_report
from .models import SiteSettings


def site_settings(request):
    policy = policy_registry.get_by_type(SiteSettings)
    if not policy.user_has_any_permission(request.user, ["change"]):
        raise PermissionDenied
    return redirect_to_relevant_instance(request, "core", "sitesettings")


# Registered before wagtail.contrib.settings' own URLs (cms.core comes first in INSTALLED_APPS).
@hooks.register("register_admin_urls")
def register_site_settings_url():
    return [path("settings/core/sitesettings/", site_settings, name="core_site_settings")]


@hooks.register("before_serve_page")
def note_page_for_the_page_cache(page, request, serve_args, serve_kwargs):
    page_cache.note_page(request, page)


hooks.register("register_admin_urls", translation_report.urls)
hooks.register("register_reports_menu_item", translation_report.menu_item)


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("core/admin.css"))


@hooks.register("insert_global_admin_js")
def admin_js():
    return format_html('<script src="{}" defer></script>', static("core/admin.js"))
