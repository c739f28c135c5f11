from django.conf import settings
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.core.models import SitePage
from cms.core.search import SEARCH_WORDS, SiteSearchable

from .blocks import KeyArticlesBlock
from .choices import DocumentStatus, DocumentType
from .page_context import confirm_read, document_context, library_context
from .search import search_text


class LegalIndexPage(SitePage):
    """The legal library: every legal document page, with filters and a search that ignores
    diacritics and case."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["core.HomePage"]
    show_in_menus_default = True  # the header menu lists it
    subpage_types = ["legal.LegalDocumentPage"]
    max_count_per_parent = 1
    template = "legal/legal_index_page.html"

    class Meta:
        verbose_name = _("legal library")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(library_context(request, index_page=self))
        return context

    def documents(self):
        """The library's documents, for selectors that must not import the page classes."""
        return LegalDocumentPage.objects.child_of(self)


class LegalDocumentPage(SiteSearchable, SitePage):
    number = models.CharField(
        _("number"), max_length=80, help_text=_('As printed on the document, e.g. "53/2024/QH15".')
    )
    document_type = models.CharField(
        _("type"), max_length=20, choices=DocumentType.choices, default=DocumentType.LAW
    )
    issuing_body = models.CharField(_("issuing body"), max_length=255, blank=True)
    signed_date = models.DateField(_("signed or passed on"), null=True, blank=True)
    effective_date = models.DateField(_("in force from"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.IN_FORCE
    )
    replaced_by = models.ForeignKey(
        "legal.LegalDocumentPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
        verbose_name=_("replaced by"),
    )
    amends = ParentalManyToManyField(
        "legal.LegalDocumentPage",
        blank=True,
        related_name="amended_by",
        verbose_name=_("amends"),
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("A few plain sentences."))
    key_articles = StreamField(KeyArticlesBlock(), blank=True, verbose_name=_("key articles"))
    full_text = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("full text (PDF)"),
    )
    needs_review = models.BooleanField(
        pgettext_lazy("legal document", "needs editor review"),
        default=False,
        help_text=_(
            "Tick while any fact on this page (number, dates, status) is not yet confirmed "
            "against the official text. Learners see a notice."
        ),
    )
    marked_for_dissemination = models.BooleanField(
        _("marked for dissemination"),
        default=False,
        help_text=_('Counts towards the "legal texts disseminated" indicator.'),
    )
    # The words of number, title and content in lower-case ASCII (see search.py): what the
    # library's search matches, identically on SQLite and PostgreSQL.
    search_text = models.TextField(editable=False, blank=True, default="")

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("number"), FieldPanel("document_type")]),
                FieldPanel("issuing_body"),
                FieldRowPanel([FieldPanel("signed_date"), FieldPanel("effective_date")]),
                FieldPanel("status"),
                PageChooserPanel("replaced_by", "legal.LegalDocumentPage"),
                FieldPanel("amends"),
            ],
            heading=_("Identification"),
        ),
        FieldPanel("summary"),
        FieldPanel("key_articles"),
        FieldPanel("full_text"),
        MultiFieldPanel(
            [FieldPanel("needs_review"), FieldPanel("marked_for_dissemination")],
            heading=_("Editorial"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("number"),
        index.SearchField("summary"),
        index.FilterField("status"),
        index.FilterField("document_type"),
        SEARCH_WORDS,
    ]

    parent_page_types = ["legal.LegalIndexPage"]
    subpage_types = []
    template = "legal/legal_document_page.html"

    class Meta:
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")

    def __str__(self):
        return f"{self.number} · {self.title}"

    def save(self, *args, **kwargs):
        self.search_text = search_text(number=self.number, texts=self.searchable_texts())
        super().save(*args, **kwargs)

    def searchable_texts(self) -> list[str]:
        texts = [self.title, self.issuing_body, self.summary]
        for block in self.key_articles:
            value = block.value
            texts += [value["article"], value["title"], strip_tags(value["text"].source)]
        return texts

    def search_texts(self) -> list[str]:
        return [self.number, *self.searchable_texts()]

    def search_snippet(self) -> str:
        return f"{self.number} · {self.summary}" if self.summary else self.number

    def get_admin_display_title(self):
        title = super().get_admin_display_title()
        if self.needs_review:
            marker = _("needs review")
            return f"{title} ⚠ {marker}"
        return title

    @classmethod
    def for_serving(cls):
        return super().for_serving().select_related("full_text")

    @property
    def is_current(self) -> bool:
        return self.status in (DocumentStatus.IN_FORCE, DocumentStatus.AMENDED)

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            return confirm_read(request, page=self)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(document_context(request, page=self))
        return context
