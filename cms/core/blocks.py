"""StreamField blocks shared by every page type."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"))
    size = blocks.ChoiceBlock(choices=[("h2", "H2"), ("h3", "H3")], default="h2", label=_("size"))

    class Meta:
        icon = "title"
        template = "components/blocks/heading_block.html"
        label = _("Heading")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(required=False, label=_("attribution"))

    class Meta:
        icon = "openquote"
        template = "components/blocks/quote_block.html"
        label = _("Quote")


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul"], icon="pilcrow", label=_("Paragraph")
    )
    image = ImageBlock(label=_("Image"), template="components/blocks/image_block.html")
    quote = QuoteBlock()
    video = EmbedBlock(
        label=_("Video"),
        help_text=_("A link to a video, e.g. on YouTube."),
        template="components/blocks/embed_block.html",
    )
