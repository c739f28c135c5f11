from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks


class KeyArticleBlock(blocks.StructBlock):
    """One article of a legal text that learners should know, e.g. "Điều 150"."""

    article = blocks.CharBlock(label=_("article"), help_text=_('e.g. "Điều 150"'))
    title = blocks.CharBlock(label=pgettext_lazy("legal document part", "title"), required=False)
    text = blocks.RichTextBlock(features=["bold", "italic", "ol", "ul", "link"], label=_("text"))

    class Meta:
        icon = "doc-full"
        label = _("Key article")
        template = "legal/blocks/key_article.html"


class KeyArticlesBlock(blocks.StreamBlock):
    article = KeyArticleBlock()
