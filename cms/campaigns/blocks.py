"""Blocks only campaign pages use: the call to action with the hotline, key messages, and the
"share this slogan" card."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from cms.core.blocks import BaseStreamBlock


class CallToActionBlock(blocks.StructBlock):
    """A call to the hotline. The number comes from the site settings, so it changes in one
    place."""

    heading = blocks.CharBlock(label=_("heading"))
    text = blocks.TextBlock(label=_("text"), required=False)

    class Meta:
        icon = "mobile-alt"
        label = _("Call to action (hotline)")
        template = "campaigns/blocks/call_to_action.html"


class KeyMessagesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), default=_("Key messages"))
    messages = blocks.ListBlock(blocks.CharBlock(label=_("message")), label=_("messages"))

    class Meta:
        icon = "list-ul"
        label = _("Key messages")
        template = "campaigns/blocks/key_messages.html"


class ShareSloganBlock(blocks.StructBlock):
    slogan = SnippetChooserBlock("campaigns.Slogan", label=_("slogan"))
    invitation = blocks.CharBlock(
        label=_("invitation"), required=False, help_text=_("e.g. Share this slogan with friends.")
    )

    class Meta:
        icon = "image"
        label = _('"Share this slogan" card')
        template = "campaigns/blocks/share_slogan.html"


class CampaignStreamBlock(BaseStreamBlock):
    call_to_action = CallToActionBlock()
    key_messages = KeyMessagesBlock()
    share_slogan = ShareSloganBlock()
