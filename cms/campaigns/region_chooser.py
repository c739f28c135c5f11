"""A chooser for a campaign's region: 34 provinces and 3,321 communes are too many for a
drop-down, so editors search them, without diacritics if they like ("muong lat")."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from common.text import normalise
from elearning.geo.models import AdminCatalog, AdminUnit


class RegionFilterForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Search term"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Province or commune name")}),
    )

    def filter(self, objects):
        query = normalise(self.cleaned_data.get("q") or "")
        if query:
            objects = objects.filter(search_name__contains=query)
            self.is_searching = True
            self.search_query = query
        return objects


class RegionChooserMixin:
    """Search without diacritics; communes share names across provinces ("Xã Tân Phú"), so
    the province is shown too."""

    filter_form_class = RegionFilterForm

    @property
    def columns(self):
        return [
            *super().columns,
            Column("province", label=pgettext_lazy("region chooser column", "province")),
        ]


class RegionChooseView(RegionChooserMixin, ChooseView):
    pass


class RegionChooseResultsView(RegionChooserMixin, ChooseResultsView):
    pass


class RegionChooserViewSet(ChooserViewSet):
    model = AdminUnit
    icon = "site"
    choose_one_text = _("Choose a province or commune")
    choose_another_text = _("Choose another region")
    edit_item_text = None
    per_page = 20
    choose_view_class = RegionChooseView
    choose_results_view_class = RegionChooseResultsView

    def get_object_list(self):
        return (
            AdminUnit.objects.filter(
                catalog__key=AdminCatalog.CURRENT,
                level__in=[AdminUnit.Level.PROVINCE, AdminUnit.Level.COMMUNE],
            )
            .select_related("province")
            .order_by("level", "name")
        )


region_chooser_viewset = RegionChooserViewSet("region_chooser")
