from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from elearning.coverage.selectors import reader_scope

from . import poster_access, poster_views
from .dashboard import add_dashboard_panels
from .forms import SloganForm
from .models import CampaignPage, Slogan
from .region_chooser import region_chooser_viewset


class SloganViewSet(SnippetViewSet):
    model = Slogan
    icon = "openquote"
    menu_label = _("Slogans")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["text", "year", Column("get_status_display", label=_("status")), "locale"]
    list_filter = ["year", "status", "locale"]
    search_fields = ["text"]
    ordering = ["-year", "pk"]
    edit_handler = ObjectList(Slogan.panels, base_form_class=SloganForm)


register_snippet(SloganViewSet)


@hooks.register("register_admin_viewset")
def register_region_chooser():
    return region_chooser_viewset


hooks.register("construct_homepage_panels", add_dashboard_panels)


@hooks.register("register_admin_urls")
def register_poster_urls():
    return [
        path("campaign-posters/", poster_views.campaign_list, name="campaign_posters"),
        path("campaign-poster/<int:page_id>/", poster_views.print_poster, name="campaign_poster"),
    ]


class PrintPosterButton(PageMenuItem):
    label = _("Print a poster")
    icon_name = "doc-full"
    priority = 45

    @cached_property
    def url(self):
        return reverse("campaign_poster", args=[self.page.pk])

    def is_shown(self, user):
        return issubclass(
            self.page.specific_class or object, CampaignPage
        ) and poster_access.may_print(user=user, campaign=self.page.specific_deferred)


@hooks.register("register_page_header_buttons")
def poster_header_button(page, user, view_name, next_url=None):
    yield PrintPosterButton(page=page)


@hooks.register("register_page_listing_more_buttons")
def poster_listing_button(page, user, next_url=None):
    yield PrintPosterButton(page=page)


class PostersMenuItem(MenuItem):
    """For officers, who may not see the page tree: the campaigns they can print posters of."""

    def is_shown(self, request):
        return reader_scope(user=request.user) is not None


@hooks.register("register_admin_menu_item")
def register_posters_menu_item():
    return PostersMenuItem(
        _("Campaign posters"), reverse("campaign_posters"), icon_name="doc-full", order=95
    )
