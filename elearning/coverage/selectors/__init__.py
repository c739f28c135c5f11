"""Reads of the coverage app, by concern:

- scope: who may read what (the security boundary every view and export starts from);
- inputs: rollup sums, denominators and commune profiles of an area (cached by figures_cache);
- figures: each indicator's value, target, status and "<5";
- series: the charts' monthly series (points only where no small count can be read);
- blocks: suppression across periods (months cut into blocks) and units at once;
- areas: the units of an area for the drill-down table and the map;
- suppression: hiding what subtraction would reveal of a "<5";
- overview: an area's figures and charts, suppressed as in the tables it is a row of.

Callers import the functions below from here."""

from .areas import AreaRow, area_rows
from .figures import SUPPRESSED, WITHHELD, Figure, dissemination_documents
from .overview import Overview, headline, overview
from .scope import (
    Area,
    ReaderScope,
    area_for,
    communes_of,
    parent_areas,
    plans_for,
    reader_scope,
)

__all__ = [
    "SUPPRESSED",
    "WITHHELD",
    "Area",
    "AreaRow",
    "Figure",
    "Overview",
    "ReaderScope",
    "area_for",
    "area_rows",
    "communes_of",
    "dissemination_documents",
    "headline",
    "overview",
    "parent_areas",
    "plans_for",
    "reader_scope",
]
