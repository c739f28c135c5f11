from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .dashboard import add_dashboard_panels
from .forms import SloganForm
from .models import Slogan
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
