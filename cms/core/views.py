from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from elearning import rate_limits

from . import navigation
from .search import capped, query_terms, search_site

# What a learner might type, shown on the empty search page.
EXAMPLES = [
    _("human trafficking"),
    _("working abroad"),
    _("signs of trafficking"),
    _("Article 150"),
]


@require_GET
def site_search(request):
    """/search/?q=: the learner's search over campaigns, courses, lessons and legal
    documents in the page's language. A plain GET form: works without JavaScript."""
    if not rate_limits.allowed(request, action="site_search"):
        return rate_limits.too_many()
    query = capped(request.GET.get("q", ""))
    searched = bool(query_terms(query))
    context = {
        "query": query,
        "searched": searched,
        "results": search_site(query=query) if searched else [],
        "sections": navigation.menu_sections(),
        "examples": EXAMPLES,
    }
    return render(request, "pages/search.html", context)
