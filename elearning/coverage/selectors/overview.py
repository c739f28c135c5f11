"""The overview of a plan for an area: its figures (with the "<5" rule and secondary
suppression against its parts and against the table it is a row of) and the charts' series."""

from dataclasses import dataclass
from datetime import date

from .areas import withheld_in_parents, withhold
from .figures import area_figures, dissemination_documents, overview_inputs
from .inputs import counted_to
from .scope import Area
from .series import series_of
from .suppression import protect


@dataclass
class Overview:
    area: Area
    figures: list
    series: dict  # indicator code -> [(date, value or None)]
    as_of: date


def overview(*, area: Area, parents: tuple = ()) -> Overview:
    """The area's figures. parents: the areas whose unit table lists this area's unit (the
    province of a commune, the plan's whole area): what is withheld in their row for it is
    withheld here too, so that the drill-down cannot undo their suppression."""
    docs = dissemination_documents()
    # The area's own figures are never withheld for its rows' sake (suppression.protect hides
    # rows beside a total, not the total), so its units' table is not needed here: only its
    # parents' tables and its own details (agencies, courses) withhold its figures.
    whole, cells, models_by_year = overview_inputs(area)
    figures = area_figures(area, whole, docs=docs)
    withhold(figures, withheld_in_parents(area, docs=docs, parents=parents))
    protect(rows=[], total_row=figures)
    # The chart's points follow the blocks of the table that lists the area (its own when none).
    table = parents[-1] if parents else area
    table_cells = cells if table is area else overview_inputs(table)[1]
    series = series_of(
        area, whole, cells, docs=docs, models_by_year=models_by_year, table_cells=table_cells
    )
    for figure in figures:
        if figure.withheld and not figure.is_detail:
            series[figure.code] = [(day, None) for day, _value in series[figure.code]]
    return Overview(area=area, figures=figures, series=series, as_of=counted_to(area))


def headline(*, area: Area, parents: tuple = ()) -> dict[str, int]:
    """How many of the area's indicators are met, on track, behind (the plan list's line)."""
    counts: dict[str, int] = {}
    for figure in overview(area=area, parents=parents).figures:
        if not figure.is_detail and figure.status:
            counts[figure.status] = counts.get(figure.status, 0) + 1
    return counts
