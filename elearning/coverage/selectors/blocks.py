"""Suppression that holds across periods and units at once.

A reader can pick nested periods (a month, its quarter, its half, the year, the same period a
year before) for every unit (the area, its former districts, each commune), so each number
shown is a sum over some months and some communes; subtracting one from another must never
leave a count of 1–4 people. The area's months are cut into blocks, for each count, that hold
0 or at least SUPPRESS_BELOW people of the whole area (suppression.year_blocks); a period
whose months are not whole blocks shows nothing of that count. Inside each block the units'
table is protected on its own — small cells hidden, and as many others beside them as make
every relation (a district's communes and its subtotal, all units and the area) hide none or
at least two, together at least SUPPRESS_BELOW people. A unit's figure for a period is shown
only when it is shown in every block of the period: every number shown is then a sum of
numbers each block's table may show, and as the blocks share no months, what one block's
table hides cannot be recovered from all of them together.

An indicator that adds up parts (staff of each agency, each course's quiz takers) is withheld
wherever one of its parts is (figures._made_of_unaligned). The figures of one period are then
protected once more as a whole (suppression.protect)."""

from collections import defaultdict
from datetime import date

from elearning.coverage.choices import SUPPRESS_BELOW, IndicatorCode

from .suppression import year_blocks

# Counts that are not people (sessions held) need no hiding.
NOT_PEOPLE = {IndicatorCode.SESSIONS_HELD}


def allowed_points(by_month: dict, period) -> set | None:
    """The months at which a cumulative chart of the count may show a point: at the end of a
    block, or at its last month with people when none came after within the block (the same
    sum). None: no point at all (the period is not whole blocks)."""
    blocks = period_blocks(by_month, period)
    if blocks is None:
        return None
    allowed = set()
    for start, end in blocks:
        busy = [m for m, counts in by_month.items() if start <= m <= end and any(counts)]
        last = max(busy, default=start)
        month = last
        while month <= end:
            allowed.add(month)
            month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return allowed


def period_blocks(by_month: dict, period) -> list[tuple[date, date]] | None:
    """The blocks (first month, last month) the period is made of, or None when its months
    are not whole blocks of the area's count."""
    blocks = []
    for year in range(period.start.year, period.end.year + 1):
        for first, last in year_blocks(by_month, year):
            start, end = date(year, first, 1), date(year, last, 1)
            if end < period.start or start > period.end:
                continue
            if start < period.start.replace(day=1) or end > period.end.replace(day=1):
                return None
            blocks.append((start, end))
    return blocks


def aligned(by_month: dict, period) -> bool:
    """Whether a count's sum over the period is a sum of whole blocks: then the difference
    between any two periods a reader can pick — a quarter and its half-year, a month and its
    quarter — is a sum of blocks too, 0 or at least SUPPRESS_BELOW people, never a small
    count. A sum that is not aligned is withheld. Whole years always are."""
    return period.whole_years or period_blocks(by_month, period) is not None


def _small(values) -> bool:
    return any(0 < value < SUPPRESS_BELOW for value in values)


def _exposed(values: dict, parts: list, total, hidden: set) -> bool:
    """Whether a hidden cell of the relation could be worked out, or bounded below 5 (False
    when it hides nothing)."""
    inside = [part for part in parts if part in hidden]
    count = len(inside) + (total in hidden)
    if count == 0:
        return False
    if count < 2:
        return True
    if total in hidden:
        return False
    return any(
        0 < sum(values[part][column] for part in inside) < SUPPRESS_BELOW for column in (0, 1)
    )


def protect_cells(values: dict, relations: list[tuple[list, object]]) -> set:
    """The cells to hide in one table of counts: values maps a cell to its counts (people,
    (n, d)), relations are (parts, total) with total = the sum of the parts. Small cells are
    hidden, then in every relation that hides anything the smallest shown parts until it
    hides at least two cells and its hidden parts hold at least SUPPRESS_BELOW people (in each
    count), or its total is hidden too (a subtotal whose parts are all hidden is hidden with
    them). Totals that are no part of anything (the area) are never hidden."""
    hidden = {cell for cell, counts in values.items() if _small(counts)}
    hideable = {cell for parts, _total in relations for cell in parts}
    changed = True
    while changed:
        changed = False
        for parts, total in relations:
            if not _exposed(values, parts, total, hidden):
                continue
            shown = sorted(
                (p for p in parts if p not in hidden),
                # The smallest first; zeros last, as hiding them adds little.
                key=lambda p: (not any(values[p]), sum(values[p])),
            )
            before = len(hidden)
            while shown and _exposed(values, parts, total, hidden):
                hidden.add(shown.pop(0))
            if total in hideable and _exposed(values, parts, total, hidden):
                hidden.add(total)  # a subtotal of one part: hidden with it
            changed |= len(hidden) > before
    return hidden


def hidden_by_blocks(area_monthly: dict, children: dict, groups: dict, period) -> dict:
    """The cell keys to withhold of each child and each group for the period: children maps
    a child to its cells by month, groups a group key to its children (former districts).
    Returns {child or ("group", key): set of cell keys}."""
    hidden = defaultdict(set)
    grouped = {child for members in groups.values() for child in members}
    relations = [
        *((list(members), ("group", key)) for key, members in groups.items()),
        (list(children), "area"),
        ([*(("group", key) for key in groups), *(c for c in children if c not in grouped)], "area"),
    ]
    for cell_key, by_month in area_monthly.items():
        if cell_key[0] in NOT_PEOPLE:
            continue
        blocks = period_blocks(by_month, period)
        if blocks is None:  # not whole blocks: nothing of this count is shown
            for child in children:
                hidden[child].add(cell_key)
            for key in groups:
                hidden[("group", key)].add(cell_key)
            continue
        for values in _block_values(cell_key, blocks, children, groups):
            if any(_small(counts) for counts in values.values()):
                for cell in protect_cells(values, relations):
                    hidden[cell].add(cell_key)
    return hidden


def _block_values(cell_key, blocks: list, children: dict, groups: dict) -> list[dict]:
    """Each block's table of the count: {child or ("group", key): (n, d)}, the area (0, 0)
    (never hidden, its value unused). One pass over each child's months."""
    block_of = {}
    for index, (start, end) in enumerate(blocks):
        month = start
        while month <= end:
            block_of[month] = index
            month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    tables = [dict.fromkeys(children, (0, 0)) for _block in blocks]
    for child, monthly in children.items():
        for month, (n, d) in monthly.get(cell_key, {}).items():
            index = block_of.get(month)
            if index is not None:
                before = tables[index][child]
                tables[index][child] = (before[0] + n, before[1] + d)
    for values in tables:
        values["area"] = (0, 0)
        for key, members in groups.items():
            values[("group", key)] = (
                sum(values[m][0] for m in members),
                sum(values[m][1] for m in members),
            )
    return tables
