"""Pages missing a translation: live pages in one language with no page in the other, for
editors who may translate (wagtail.contrib.simple_translation's submit_translation), each with
a link to Wagtail's "Translate" form. A Wagtail ReportView, so it filters and exports like the
admin's other reports."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, LocaleColumn, TitleColumn, UpdatedAtColumn
from wagtail.admin.views.reports import PageReportView
from wagtail.models import Locale, Page

PERMISSION = "simple_translation.submit_translation"


def missing_translations(*, pages, locale: Locale):
    """The live pages of `pages` in `locale` with no page in any other language."""
    translated = Page.objects.exclude(locale=locale).values("translation_key")
    return (
        pages.filter(locale=locale, live=True, depth__gt=1)
        .exclude(translation_key__in=translated)
        .order_by("path")
    )


def locale_choices():
    return [(locale.language_code, locale.get_display_name()) for locale in Locale.objects.all()]


class MissingTranslationsFilterSet(WagtailFilterSet):
    language = django_filters.ChoiceFilter(
        label=_("Written in"),
        choices=locale_choices,
        empty_label=None,
        method="filter_language",
    )

    class Meta:
        model = Page
        fields = []

    def filter_language(self, queryset, name, value):
        locale = Locale.objects.filter(language_code=value).first() or Locale.get_default()
        return missing_translations(pages=queryset, locale=locale)


class TranslateColumn(Column):
    cell_template_name = "core/reports/translate_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["url"] = reverse("simple_translation:submit_page_translation", args=[instance.pk])
        return context


class MissingTranslationsView(PageReportView):
    page_title = _("Pages missing a translation")
    header_icon = "globe"
    index_url_name = "core_missing_translations"
    index_results_url_name = "core_missing_translations_results"
    filterset_class = MissingTranslationsFilterSet
    any_permission_required = ["add", "change", "publish"]
    paginate_by = 50
    list_export = ["title", "locale.language_code", "url_path", "latest_revision_created_at"]
    export_headings = {
        "title": _("Title"),
        "locale.language_code": _("Language"),
        "url_path": _("Address"),
        "latest_revision_created_at": _("Updated"),
    }

    @property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=_("Title"),
                accessor="get_admin_display_title",
                url_name="wagtailadmin_pages:edit",
            ),
            LocaleColumn(label=_("Written in")),
            UpdatedAtColumn(),
            TranslateColumn("translate", label=_("Translation")),
        ]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        editable = self.permission_policy.instances_user_has_permission_for(
            self.request.user, "change"
        )
        return editable.select_related("locale")

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        data = kwargs["data"]
        if not data or not data.get("language"):
            # Vietnamese is written first: by default, what still lacks its English version.
            data = data.copy() if data else {}
            data["language"] = Locale.get_default().language_code
            kwargs["data"] = data
        return kwargs


class MissingTranslationsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


def urls():
    return [
        path(
            "reports/missing-translations/",
            MissingTranslationsView.as_view(),
            name="core_missing_translations",
        ),
        path(
            "reports/missing-translations/results/",
            MissingTranslationsView.as_view(results_only=True),
            name="core_missing_translations_results",
        ),
    ]


def menu_item():
    return MissingTranslationsMenuItem(
        _("Pages missing a translation"),
        reverse("core_missing_translations"),
        name="missing-translations",
        icon_name="globe",
        order=650,
    )
