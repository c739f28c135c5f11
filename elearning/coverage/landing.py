"""Where a report reader lands in the admin: their plans, not Wagtail's page dashboard (which
offers them nothing but "Search all pages…"). Everyone else gets the dashboard as before."""

from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.home import HomeView

from . import selectors
from .services import READERS_GROUP


def is_only_a_reader(user) -> bool:
    """A report reader who has no other role in the admin (editors keep their dashboard)."""
    return (
        not user.is_superuser
        and selectors.reader_scope(user=user) is not None
        and not user.groups.exclude(name=READERS_GROUP).exists()
        and not user.user_permissions.exists()
    )


@require_admin_access
def admin_home(request):
    if is_only_a_reader(request.user):
        plans = selectors.plans_for(scope=selectors.reader_scope(user=request.user))
        if len(plans) == 1:  # straight to it; several: the list with each one's status
            return redirect(reverse("coverage_reports:overview", args=[plans[0].pk]))
        return redirect(reverse("coverage_reports:index"))
    return HomeView.as_view()(request)
