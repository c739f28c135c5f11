"""Table cells of the coverage reports, written directly rather than through a template each:
the commune table of a large province has a thousand rows, and per-cell templates were most of
its render time. Every value is escaped (format_html, or html.escape in the hottest cell)."""

from html import escape

from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import ngettext
from wagtail.admin.ui.tables import Column, Table, TitleColumn

from .choices import DEFINITIONS
from .numbers import vn_number


class FigureColumn(Column):
    """A figure's cell written directly rather than through a template: the commune table of a
    large province has a thousand of them, and per-cell templates were most of its render time.
    The value in Vietnamese number format and escaped; "—" when there is none."""

    def render_cell_html(self, instance, parent_context):
        # The plainest Python: a province's table has some 1,700 of these cells (format_html
        # and Wagtail's accessor lookup were a third of its render time).
        value = getattr(instance, self.accessor)
        text = "—" if value is None else vn_number(value)
        return SafeString(f'<td class="coverage-number">{escape(text)}</td>')


class IndicatorColumn(Column):
    """An indicator with its one-line definition under it (details are indented)."""

    def render_cell_html(self, instance, parent_context):
        if instance.is_detail:
            return format_html('<td class="coverage-detail">{}</td>', instance.label)
        return format_html(
            '<td class="coverage-indicator"><strong>{}</strong><small>{}</small></td>',
            instance.label,
            DEFINITIONS.get(instance.code, ""),
        )


class FormerlyColumn(Column):
    """The former units a commune came from, behind their count: up to 11 names would fill
    the row."""

    def render_cell_html(self, instance, parent_context):
        names = instance.former_units
        if not names:
            return format_html("<td>{}</td>", "")
        if len(names) == 1:
            return format_html("<td>{}</td>", names[0])
        return format_html(
            '<td><details class="coverage-formerly"><summary>{}</summary>{}</details></td>',
            ngettext("%(count)s former unit", "%(count)s former units", len(names))
            % {"count": len(names)},
            ", ".join(names),
        )


class UnitColumn(TitleColumn):
    """The unit's name linking to its overview, written directly like FigureColumn."""

    def render_cell_html(self, instance, parent_context):
        if instance.is_subtotal:  # a former district's subtotal: no page of its own
            return format_html(
                '<td class="title coverage-subtotal"><div class="title-wrapper"><strong>{}'
                "</strong></div></td>",
                self.get_value(instance),
            )
        return format_html(
            '<td class="title" id="unit-{}"><div class="title-wrapper"><a href="{}">{}</a></div>'
            "</td>",
            instance.unit.pk,
            self.get_link_url(instance, parent_context),
            self.get_value(instance),
        )


class DistrictColumn(Column):
    """The former district(s) a commune was formed from: readers still think in them."""

    def render_cell_html(self, instance, parent_context):
        return format_html('<td class="coverage-district">{}</td>', instance.district)


class UnitTable(Table):
    """Wagtail's table with its rows written in one go: Wagtail's template includes a template
    for each row's attributes and a component tag for each cell, some 2,400 template steps for
    a province of 200 communes. Its headers (sorting links) stay Wagtail's own."""

    template_name = "coverage/unit_table.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        columns = list(self.columns.values())
        context["rows_html"] = mark_safe(
            "".join(
                "<tr{}>{}</tr>".format(
                    flatatt(self.get_row_attrs(instance)),
                    "".join(
                        column.render_cell_html(instance, parent_context) for column in columns
                    ),
                )
                for instance in self.data
            )
        )
        return context
