"""The administrative units in the Wagtail admin: a listing searchable without diacritics,
filtered by catalogue, level and province. Units come from the importer, so they cannot be
added or deleted here; names and coordinates can be corrected."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from common.text import normalise

from .models import AdminCatalog, AdminUnit


class ProvinceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit):
        # Both catalogues have a "Thành phố Hà Nội": say which one.
        return f"{unit.name} ({unit.catalog.key})"


class ProvinceFilter(django_filters.ModelChoiceFilter):
    field_class = ProvinceChoiceField


class AdminUnitFilterSet(WagtailFilterSet):
    catalog = django_filters.ModelChoiceFilter(
        queryset=AdminCatalog.objects.all(), label=_("catalogue")
    )
    level = django_filters.ChoiceFilter(choices=AdminUnit.Level.choices, label=_("level"))
    province = ProvinceFilter(
        queryset=AdminUnit.objects.provinces()
        .select_related("catalog")
        .order_by("catalog", "search_name"),
        label=_("province"),
    )

    class Meta:
        model = AdminUnit
        fields = ["catalog", "level", "province"]


class ImportedUnitsPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False  # the importer owns the list of units
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class AdminUnitIndexView(IndexView):
    def search_queryset(self, queryset):
        # "ba dinh" finds "Ba Đình": every typed word, without diacritics, in the name.
        if not self.is_searching:
            return queryset
        for word in normalise(self.search_query).split():
            queryset = queryset.filter(search_name__contains=word)
        return queryset

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("province", "catalog")


class AdminUnitViewSet(ModelViewSet):
    model = AdminUnit
    index_view_class = AdminUnitIndexView
    icon = "site"
    add_to_admin_menu = True
    menu_order = 900
    menu_label = _("Administrative units")
    list_display = ["name", "code", "level", "province", "catalog"]
    list_per_page = 50
    filterset_class = AdminUnitFilterSet
    search_fields = ["search_name"]
    search_backend_name = None  # the database, with our own diacritic-free matching
    inspect_view_enabled = True
    form_fields = ["name", "kind", "latitude", "longitude"]


admin_unit_viewset = AdminUnitViewSet("admin_units")
