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

import hashlib
import marshal
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from elearning.coverage.choices import SUPPRESS_BELOW, IndicatorCode

from . import suppression
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


def count_by_month(months: list[date], people, denominators) -> dict:
    """A count's months as period_blocks and aligned read them, from its people and
    denominators month by month (Inputs.monthly)."""
    return dict(zip(months, zip(people, denominators, strict=True), strict=True))


def aligned(by_month: dict, period) -> bool:
    """Whether a count's sum over the period is a sum of whole blocks: then the difference
    between any two periods a reader can pick — a quarter and its half-year, a month and its
    quarter — is a sum of blocks too, 0 or at least SUPPRESS_BELOW people, never a small
    count. A sum that is not aligned is withheld. Whole years always are."""
    return period.whole_years or period_blocks(by_month, period) is not None


def _small(values) -> bool:
    return any(0 < value < SUPPRESS_BELOW for value in values)


NOTHING = (0, 0)


def _exposed(values: dict, parts: frozenset, total, hidden: set) -> bool:
    """Whether a hidden cell of the relation could be worked out, or bounded below 5 (False
    when it hides nothing). values: the cells' counts, a cell absent counting nobody."""
    inside = hidden & parts  # a set operation: a sum of 168 communes hides a handful
    count = len(inside) + (total in hidden)
    if count == 0:
        return False
    if count < 2:
        return True
    if total in hidden:
        return False
    people = denominators = 0
    for part in inside:
        n, d = values.get(part, NOTHING)
        people += n
        denominators += d
    return 0 < people < SUPPRESS_BELOW or 0 < denominators < SUPPRESS_BELOW


@dataclass(frozen=True)
class Relations:
    """The sums of a table, (parts, total) each, with what protect_cells looks up in them:
    made once for all the tables of a page (one per count and block of months)."""

    sums: list
    part_sets: list  # each sum's parts as a frozenset
    hideable: frozenset  # cells that are a part of some sum (the area is none)
    containing: dict  # cell -> the indexes of the sums it is a part or the total of

    @classmethod
    def of(cls, sums: list[tuple[list, object]]) -> "Relations":
        containing = defaultdict(list)
        for index, (parts, total) in enumerate(sums):
            for cell in (*parts, total):
                containing[cell].append(index)
        hideable = frozenset(cell for parts, _total in sums for cell in parts)
        return cls(
            sums=sums,
            part_sets=[frozenset(parts) for parts, _total in sums],
            hideable=hideable,
            containing=dict(containing),
        )


def protect_cells(values: dict, relations: Relations, small: set) -> set:
    """The cells to hide in one table of counts: values maps a cell to its counts (people, (n, d); a
    cell absent counts nobody), relations are its sums (parts, total) with total = the sum of the
    parts. Small cells are hidden (small: those cells, found as the table is made), then in every
    sum that hides anything the smallest shown parts until it hides at least two cells and its
    hidden parts hold at least SUPPRESS_BELOW people (in each count), or its total is hidden too (a
    subtotal whose parts are all hidden is hidden with them). Totals that are no part of anything
    (the area) are never hidden. Sums are gone through in order until none changes; one none of
    whose cells was hidden since it was last seen to hide enough is not looked at again (the same
    answer, a fraction of the work on a table of 200 communes)."""
    hidden = set(small)
    containing = relations.containing
    to_look_at = {index for cell in hidden for index in containing.get(cell, ())}
    part_sets = relations.part_sets
    while to_look_at:
        for index, (parts, total) in enumerate(relations.sums):
            if index not in to_look_at:
                continue
            to_look_at.discard(index)
            part_set = part_sets[index]
            if not _exposed(values, part_set, total, hidden):
                continue
            shown = sorted(
                (p for p in parts if p not in hidden),
                # The smallest first; zeros last, as hiding them adds little.
                key=lambda p: (not any(values.get(p, NOTHING)), sum(values.get(p, NOTHING))),
            )
            added = []
            while shown and _exposed(values, part_set, total, hidden):
                added.append(shown.pop(0))
                hidden.add(added[-1])
            if total in relations.hideable and _exposed(values, part_set, total, hidden):
                added.append(total)  # a subtotal of one part: hidden with it
                hidden.add(total)
            for cell in added:
                to_look_at.update(containing.get(cell, ()))
    return hidden


def _relations(children, groups: dict) -> Relations:
    """The sums a reader sees in a unit table: each former district's communes and its
    subtotal, all units and the area, the subtotals (and the communes in no district) and
    the area."""
    sums = [(list(children), "area")]
    if groups:
        grouped = {child for members in groups.values() for child in members}
        sums[:0] = [(list(members), ("group", key)) for key, members in groups.items()]
        sums.append(
            (
                [*(("group", key) for key in groups), *(c for c in children if c not in grouped)],
                "area",
            )
        )
    return Relations.of(sums)


def hidden_by_blocks(children: dict, groups: dict, period, *, memo=None) -> dict:
    """The cell keys to withhold of each child and each group for the period: children maps
    a child to its cells by month (Inputs.monthly: {cell key: (people, denominators)} over
    period.months_of_its_years()), groups a group key to its children (former districts).
    Returns {child or ("group", key): set of cell keys}, and under "area" the counts whose sum
    over the period is not whole blocks (withheld for the whole area too: blocks.aligned).

    memo (figures_cache.CountMemo) keeps what each count withholds by a digest of everything
    it is worked out from: a completion changes one or two counts of an area, and the others'
    blocks need not be protected again."""
    months = period.months_of_its_years()
    hidden = defaultdict(set)
    relations = _relations(children, groups)
    subtotals = [("group", key) for key in groups]
    group_of = {member: ("group", key) for key, members in groups.items() for member in members}
    everything = frozenset(("area", *children, *subtotals))
    counts = _counts(children)
    digests = {}
    if memo is not None:
        table = (list(children), list(groups.items()), [m.isoformat() for m in months])
        table += (period.start.isoformat(), period.end.isoformat(), SUPPRESS_BELOW, RULES)
        digests = {cell_key: digest((table, cell_key, rows)) for cell_key, rows in counts.items()}
    known = memo.get_many(list(digests.values())) if memo is not None else {}
    worked_out = {}
    for cell_key, rows in counts.items():
        withheld = known.get(digests.get(cell_key))
        if withheld is None:
            withheld = _withheld_of_count(rows, months, period, relations, group_of, everything)
            if memo is not None:
                worked_out[digests[cell_key]] = withheld
        for cell in withheld:
            hidden[cell].add(cell_key)
    if worked_out:
        memo.set_many(worked_out)
    return hidden


def _counts(children: dict) -> dict:
    """Each count of people: {cell key: [(child, its months of the count)]}."""
    counts = {}
    for cell_key in {cell_key for monthly in children.values() for cell_key in monthly}:
        if cell_key[0] not in NOT_PEOPLE:
            counts[cell_key] = [
                (child, monthly[cell_key])
                for child, monthly in children.items()
                if cell_key in monthly
            ]
    return counts


def digest(value) -> str:
    """A digest of plain values (numbers, strings, tuples and lists of them): marshal's
    format 2 writes equal values as equal bytes (no references between objects)."""
    return hashlib.blake2b(marshal.dumps(value, 2), digest_size=16).hexdigest()


# The rules' version, in the key of what figures_cache.CountMemo keeps (which otherwise says
# only what a count is worked out from): the source of the modules that apply them, so that
# any change to them, deployed, starts afresh instead of reading what the old rules withheld.
RULES = hashlib.blake2b(
    Path(__file__).read_bytes() + Path(suppression.__file__).read_bytes(), digest_size=8
).hexdigest()


def _withheld_of_count(
    rows: list, months: list, period, relations: Relations, group_of: dict, everything
) -> frozenset:
    """The cells (children, groups, "area") one count withholds for the period: all of them
    when its sum over the period is not whole blocks, else those hidden in any block's table."""
    # The area's count by month: the children's added up.
    people = [sum(column) for column in zip(*(row[0] for _child, row in rows), strict=True)]
    denominators = [sum(column) for column in zip(*(row[1] for _child, row in rows), strict=True)]
    blocks = period_blocks(count_by_month(months, people, denominators), period)
    if blocks is None:  # not whole blocks: nothing of this count is shown
        return everything
    withheld = set()  # the cells hidden in any block of the period
    for start, end in blocks:
        found = _block_counts(rows, months.index(start), months.index(end) + 1)
        if found is None:
            continue  # nobody small in the block: nothing to hide
        values, small = found
        group_sums = defaultdict(lambda: [0, 0])  # the subtotals of those with people
        for child, (n, d) in values.items():
            if child in group_of:
                group_sum = group_sums[group_of[child]]
                group_sum[0] += n
                group_sum[1] += d
        for group, counts in group_sums.items():
            values[group] = tuple(counts)
            if _small(counts):
                small.add(group)
        withheld |= protect_cells(values, relations, small)
    return frozenset(withheld)


def _block_counts(rows: list, first: int, last: int) -> tuple[dict, set] | None:
    """The block's counts of the children that have any, and those that are small; None when
    none is (a child's small count is the only way a group's or the table's can be)."""
    values, small = {}, set()
    single = last == first + 1
    for child, (people, denominators) in rows:
        if single:
            n, d = people[first], denominators[first]
        else:
            n, d = sum(people[first:last]), sum(denominators[first:last])
        if n or d:
            values[child] = (n, d)
            if 0 < n < SUPPRESS_BELOW or 0 < d < SUPPRESS_BELOW:  # _small, inline: every month
                small.add(child)
    return (values, small) if small else None
