"""The legal pages' context and the reader's "I have read it" (called by the page models); the
work is done by selectors and services."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from elearning.accounts.selectors import learner_context
from elearning.dissemination.selectors import has_read
from elearning.dissemination.services import record_read_receipt

from .forms import LibraryFilterForm
from .selectors import document_relations, document_years, search_documents, source_document

PAGE_SIZE = 20
# Where someone not yet counted tells us their commune and age band (the identity app's pages):
# a visitor as a guest, a signed-in user in their learner profile.
GUEST_CHOOSER_URL_NAME = "accounts_guest"
PROFILE_URL_NAME = "accounts_profile_edit"


def library_context(request, *, index_page) -> dict:
    form = LibraryFilterForm(request.GET or None, years=document_years(index_page=index_page))
    filters = form.cleaned_data if form.is_valid() else {}
    documents = search_documents(
        index_page=index_page,
        query=filters.get("q") or "",
        document_type=filters.get("type") or "",
        status=filters.get("status") or "",
        year=filters.get("year"),
    )
    page_number = request.GET.get("page")
    documents_page = Paginator(documents, PAGE_SIZE).get_page(page_number)
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    return {
        "filter_form": form,
        "documents": documents_page,
        "is_filtered": bool(filters and any(filters.values())),
        # The choices made in the filter's lists (from their own options), under which their
        # rendering is kept (fragment_tags); None when the form has errors to show.
        "choices_made": (
            (filters.get("type"), filters.get("status"), filters.get("year")) if filters else None
        ),
        "query_without_page": query_without_page.urlencode(),
    }


def chooser_url(request, *, next_url: str) -> str | None:
    signed_in = getattr(request, "user", None) is not None and request.user.is_authenticated
    try:
        url = reverse(PROFILE_URL_NAME if signed_in else GUEST_CHOOSER_URL_NAME)
    except NoReverseMatch:  # the identity app is not installed: read-only pages still work
        return None
    return f"{url}?{urlencode({'next': next_url})}"


def document_context(request, *, page) -> dict:
    context = learner_context(request)
    user = getattr(request, "user", None)
    user_id = user.pk if user is not None and user.is_authenticated else None
    return {
        "has_read": has_read(
            page_id=source_document(page).pk,
            user_id=user_id,
            visitor_key=context.visitor_key if context else None,
        ),
        "relations": document_relations(page),
        "needs_learner_choice": context is None,
        "chooser_url": chooser_url(request, next_url=page.url) if context is None else None,
    }


def confirm_read(request, *, page):
    """ "Tôi đã đọc và hiểu": one receipt per learner (or guest) and document."""
    context = learner_context(request)
    back = f"{page.url}#read-receipt"
    if context is None:
        messages.warning(
            request,
            _("Choose your commune and age group first, so that your reading can be counted."),
        )
        return redirect(chooser_url(request, next_url=page.url) or back)
    _receipt, created = record_read_receipt(page_id=source_document(page).pk, context=context)
    if created:
        messages.success(request, _("Thank you. Your reading of this document has been recorded."))
    else:
        messages.info(request, _("You had already confirmed reading this document."))
    return redirect(back)
