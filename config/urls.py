from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.campaigns.views import count_view as count_campaign_view
from cms.core import offline
from cms.core.routing import serve as serve_page
from cms.core.views import site_search
from elearning.coverage.landing import admin_home
from elearning.health.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # At the root: a worker controls only pages under the folder of its script.
    path("sw.js", offline.service_worker, name="service_worker"),
    # One login form for everyone: the Wagtail admin's login goes to allauth's.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailadmin_login",
    ),
    # Report readers land on their plans; everyone else on Wagtail's dashboard.
    path("admin/", admin_home, name="coverage_admin_home"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
]

# Vietnamese at "/", English at "/en/".
urlpatterns += [
    # Outside the language prefix: one counter for both languages' pages.
    path("campaign-views/<int:page_id>.gif", count_campaign_view, name="campaign_view_count"),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("elearning.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("h5p/", include("elearning.h5p.urls")),
    path("certificates/", include("elearning.progress.urls")),
    path("check-in/", include("elearning.community.urls")),
    path("learning/", include("cms.learning.urls")),
    path("search/", site_search, name="site_search"),
    path("manifest.webmanifest", offline.web_manifest, name="web_manifest"),
    path("offline/", offline.offline_page, name="offline_page"),
    # Wagtail's pages, with the site, route and view restrictions from the content cache;
    # Wagtail's own URLs (password-protected pages' forms) after it.
    re_path(r"^(?!_util/)((?:[\w\-]+/)*)$", serve_page, name="serve_page"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns = (
        staticfiles_urlpatterns()
        + static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
        + urlpatterns
    )

# Error pages in the reader's language with the hotline (400 and 500 read no database).
handler400 = "cms.core.errors.bad_request"
handler403 = "cms.core.errors.permission_denied"
handler404 = "cms.core.errors.page_not_found"
handler500 = "cms.core.errors.server_error"
