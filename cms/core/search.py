"""The site search for learners: one query over every page type marked SiteSearchable
(campaigns, courses, lessons, legal documents) with Wagtail's search backend.

Diacritics and case: each searchable page indexes its words in lower-case ASCII
(common.text.search_words: "Mua bán người" -> "mua ban nguoi"), and a typed query goes
through the same function, so "mua ban nguoi" finds "mua bán người" and the other way
round. The backend then only compares plain ASCII words: PostgreSQL full text (with the
"simple" configuration: no stemming) and SQLite FTS5 give the same matches."""

from dataclasses import dataclass

from django.utils.text import Truncator
from wagtail.models import Locale, Page, get_page_models
from wagtail.search import index

from common.text import search_words

MAX_QUERY_LENGTH = 100  # characters kept of a typed query
MAX_TERMS = 8  # words searched for; the rest of a long query is dropped
MAX_RESULTS = 30


class SiteSearchable:
    """A page type the site search finds. Add SEARCH_WORDS to its search_fields and say
    which texts hold its words (search_texts) and what a result shows under its title."""

    def search_texts(self) -> list[str]:
        return [self.title]

    def search_snippet(self) -> str:
        return ""

    def search_words(self) -> str:
        return " ".join(search_words(*self.search_texts()))


SEARCH_WORDS = index.SearchField("search_words")


def streamfield_text(page, field_name: str) -> list[str]:
    """The words of a StreamField as Wagtail's own indexing reads them (no markup)."""
    field = page._meta.get_field(field_name)
    return [str(text) for text in field.get_searchable_content(getattr(page, field_name))]


@dataclass(frozen=True)
class Result:
    title: str
    url: str
    kind: str
    snippet: str


def searchable_page_types() -> list[type[Page]]:
    return [model for model in get_page_models() if issubclass(model, SiteSearchable)]


def capped(query: str) -> str:
    """The typed query without NUL characters, cut to MAX_QUERY_LENGTH at a word's end."""
    query = " ".join(query.replace("\x00", " ").split())
    if len(query) <= MAX_QUERY_LENGTH:
        return query
    cut = query[: MAX_QUERY_LENGTH + 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut)[:MAX_QUERY_LENGTH]


def query_terms(query: str) -> list[str]:
    """Each distinct word once, at most MAX_TERMS of them."""
    return list(dict.fromkeys(search_words(capped(query))))[:MAX_TERMS]


def search_site(*, query: str) -> list[Result]:
    """Live, public pages in the active language holding every word of the query."""
    terms = query_terms(query)
    if not terms:
        return []
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        return []
    pages = (
        Page.objects.live()
        .public()
        .filter(locale=locale)
        .type(*searchable_page_types())
        .search(" ".join(terms), operator="and")
    )
    ids = [page.pk for page in pages[:MAX_RESULTS]]
    found = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    return [_result(found[pk]) for pk in ids if pk in found]


def _result(page) -> Result:
    return Result(
        title=page.title,
        url=page.get_url(),
        kind=str(page._meta.verbose_name),
        snippet=Truncator(page.search_snippet()).chars(180),
    )
