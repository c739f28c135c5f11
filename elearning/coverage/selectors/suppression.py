"""Secondary suppression: a small count ("<5") must not be recoverable by subtraction.

Wherever a total is shown beside its parts — the agencies under "staff trained", the courses
under the pass rate, the communes (or provinces) of an area beside the area's own figure — one
hidden part is the total minus the others. So each such group that hides anything hides at
least two cells, and the hidden parts together come to at least SUPPRESS_BELOW: the smallest
shown parts are withheld ("*") until it does. Groups overlap (an agency of a commune is a part
of the commune's staff total and of the area's figure for that agency), so the rule is applied
until nothing changes.

A chart's points are totals too: each month's point is the one before plus who came in that
month, so two points shown must not differ by a small count either (shown_points).

Periods are sums of months, and a reader can pick nested ones (a month, its quarter, its half
year, the year): a figure of a period is shown only when the period is made of whole "blocks"
of months that each hold 0 or at least SUPPRESS_BELOW people (aligned), so that subtracting one
period from another never leaves a small count."""

from datetime import date

from elearning.coverage.choices import SUPPRESS_BELOW, IndicatorCode

# Indicators whose details add up to the indicator (agencies, courses).
SUMMED_DETAILS = (IndicatorCode.STAFF_TRAINED, IndicatorCode.QUIZ_PASS_RATE)


def _protect_group(
    parts: list, total: object | None, *, attr: str, total_hideable: bool = False
) -> bool:
    """Withhold parts until a hidden one cannot be worked out (and a subtotal whose parts are
    all hidden, when total_hideable). True if any changed."""
    person = "person_based" if attr == "numerator" else "denominator_person_based"
    cells = [f for f in parts if getattr(f, person) and getattr(f, attr) is not None]
    if total is not None and getattr(total, person):
        cells.append(total)
    hidden = [f for f in cells if f.is_suppressed]
    if not hidden:
        return False
    total_hidden = total is not None and total.is_suppressed
    shown = sorted(
        (f for f in cells if not f.is_suppressed and f is not total),
        # The smallest first; zeros last, as withholding them adds little.
        key=lambda f: (getattr(f, attr) == 0, getattr(f, attr)),
    )
    changed = False

    def exposed() -> bool:
        if len(hidden) < 2:
            return True
        hidden_sum = sum(getattr(f, attr) or 0 for f in hidden if f is not total)
        return not total_hidden and hidden_sum < SUPPRESS_BELOW

    while shown and exposed():
        figure = shown.pop(0)
        figure.withheld = True
        figure.status = ""
        hidden.append(figure)
        changed = True
    if total_hideable and total is not None and not total.is_suppressed and exposed():
        total.withheld = True
        total.status = ""
        changed = True
    return changed


def _across(rows: list[list], total_row: list | None, hideable: bool):
    """Each figure across the rows under the same figure of the total row."""
    if total_row is None or not rows:
        return
    by_key = {}
    for row in rows:
        for figure in row:
            by_key.setdefault(figure.key, []).append(figure)
    totals = {figure.key: figure for figure in total_row}
    for key, parts in by_key.items():
        yield parts, totals.get(key), hideable


def _groups(rows: list[list], total_row: list | None, subtotals: list):
    """(parts, total, total hideable) triples: the details of each row under their indicator,
    each figure across the rows under the same figure of the total row, and where rows are
    grouped (former districts), across each group's rows under its subtotal and across the
    subtotals (and the rows in no group) under the total."""
    subtotal_rows = [subtotal for subtotal, _members in subtotals]
    for row in [*rows, *subtotal_rows, *([total_row] if total_row else [])]:
        for code in SUMMED_DETAILS:
            main = next((f for f in row if f.code == code and not f.is_detail), None)
            yield [f for f in row if f.code == code and f.is_detail], main, False
    yield from _across(rows, total_row, False)
    grouped = set()
    for subtotal, members in subtotals:
        grouped |= {id(member) for member in members}
        yield from _across(members, subtotal, True)
    if subtotals:
        loose = [row for row in rows if id(row) not in grouped]
        yield from _across([*subtotal_rows, *loose], total_row, False)


def protect(
    *, rows: list[list], total_row: list | None = None, subtotals: list | None = None
) -> None:
    """Withhold figures of the rows (and of the total row, whose figures are the sums of the
    rows'; and of subtotals, each (subtotal row, its rows)) until no small count can be
    recovered from the others."""
    groups = list(_groups(rows, total_row, subtotals or []))
    changed = True
    while changed:
        changed = False
        for parts, total, hideable in groups:
            for attr in ("numerator", "denominator"):
                changed |= _protect_group(parts, total, attr=attr, total_hideable=hideable)


def shown_points(counts: list[tuple[int, ...]]) -> list[bool]:
    """Which points of a cumulative series of person counts (one tuple of counts a point, e.g.
    passed and tried) may be shown, so that no two shown points differ by a small count. The
    last point is the figure the tables show: the walk starts there and keeps a point only when
    it is 0 or at least SUPPRESS_BELOW away from the next shown one in every count. (A first
    point that is itself small is hidden by the "<5" rule.)"""
    shown = [False] * len(counts)
    anchor = None
    for index in range(len(counts) - 1, -1, -1):
        if anchor is None or all(
            abs(a - c) == 0 or abs(a - c) >= SUPPRESS_BELOW
            for a, c in zip(anchor, counts[index], strict=True)
        ):
            shown[index] = True
            anchor = counts[index]
    return shown


def _safe(sums) -> bool:
    return all(total == 0 or total >= SUPPRESS_BELOW for total in sums)


def year_blocks(by_month: dict, year: int) -> list[tuple[int, int]]:
    """The months of a year cut into blocks, (first month, last month), each holding 0 or at
    least SUPPRESS_BELOW people in every count: a block is closed as soon as it is safe, and
    an unsafe rest at the end of the year is joined to the blocks before it."""
    blocks, first, sums = [], 1, None
    for month in range(1, 13):
        counts = by_month.get(date(year, month, 1), (0, 0))
        sums = list(counts) if sums is None else [a + b for a, b in zip(sums, counts, strict=True)]
        if _safe(sums):
            blocks.append((first, month, sums))
            first, sums = month + 1, None
    if sums is not None:  # the rest of the year is small: join it to the blocks before
        while blocks and not _safe(sums):
            start, _end, before = blocks.pop()
            sums, first = [a + b for a, b in zip(sums, before, strict=True)], start
        blocks.append((first, 12, sums))
    return [(start, end) for start, end, _sums in blocks]
