"""The site's URLs plus views that fail on purpose, to show the error pages."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from config.urls import handler400, handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as site_urlpatterns


def broken(request):
    raise RuntimeError("a bug")


def forbidden(request):
    raise PermissionDenied


urlpatterns = [
    path("broken/", broken),
    path("en/broken/", broken),
    path("forbidden/", forbidden),
    *site_urlpatterns,
]
