"""Reads about administrative units."""

from django.db.models import Case, IntegerField, Q, Value, When

from common.text import normalise

from .models import AdminUnit, AdminUnitLineage


def current_communes():
    return AdminUnit.objects.current().communes().select_related("province")


def province_ids_of(unit_ids) -> list[int]:
    """The provinces these units belong to, each once (units without one left out)."""
    units = AdminUnit.objects.filter(pk__in=[pk for pk in unit_ids if pk], province__isnull=False)
    return list(units.order_by("province_id").values_list("province_id", flat=True).distinct())


def find_current_commune(*, code) -> AdminUnit | None:
    """A commune of the current catalogue by its official code, or None."""
    code = str(code or "").strip()
    if not code:
        return None
    return current_communes().filter(code=code).first()


MAX_SEARCH_CHARS = 100
MAX_SEARCH_WORDS = 8


def search_communes(*, text: str, limit: int = 20):
    """Current communes matching the typed text with or without diacritics: "ba dinh" finds
    "Phường Ba Đình". Every word must appear in the commune's or its province's name; names
    starting with the text come first."""
    # Bounded, so that a hostile query cannot make the database scan for thousands of words
    # (2,000 one-letter words took 9 s): a name and its province fit in far fewer.
    words = list(dict.fromkeys(normalise(text[:MAX_SEARCH_CHARS]).split()))[:MAX_SEARCH_WORDS]
    if not words:
        return current_communes().none()
    queryset = current_communes()
    for word in words:
        queryset = queryset.filter(
            Q(search_name__contains=word) | Q(province__search_name__contains=word)
        )
    phrase = " ".join(words)
    rank = Case(
        When(search_name__endswith=f" {phrase}", then=Value(0)),
        When(search_name__contains=phrase, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return queryset.annotate(rank=rank).order_by("rank", "search_name", "province__search_name")[
        :limit
    ]


def former_districts(commune_ids) -> dict[int, list[tuple[int, str]]]:
    """The districts (before 1/7/2025, when Vietnam still had them) that each current commune
    was formed from, as (id, name), known from the lineage of its former communes: most
    communes come from one district, some from two or more."""
    districts: dict[int, dict[int, str]] = {}
    for to_id, district_id, name in (
        AdminUnitLineage.objects.filter(
            to_unit_id__in=list(commune_ids), from_unit__parent__level=AdminUnit.Level.DISTRICT
        )
        .values_list("to_unit_id", "from_unit__parent_id", "from_unit__parent__name")
        .order_by("from_unit__parent__name")
    ):
        districts.setdefault(to_id, {})[district_id] = name
    return {pk: list(found.items()) for pk, found in districts.items()}
