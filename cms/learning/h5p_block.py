"""The lesson block that plays an H5P exercise (see elearning.h5p)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from cms.core import content_cache
from elearning.h5p.player import player_base, player_for

from .placement import placement_of


def course_of(page):
    """The course a lesson belongs to and who it is for: the nearest page up the tree (the
    lesson included) that says its audience."""
    if page is None:
        return None, "community"
    course = getattr(page, "course", None)  # a lesson's, read once for its page context
    if course is not None:
        return course, course.audience
    for ancestor in page.get_ancestors(inclusive=True).specific().reverse():
        audience = getattr(ancestor, "content_audience", None) or getattr(
            ancestor, "audience", None
        )
        if isinstance(audience, str) and audience:
            return ancestor, audience
    return page.get_parent(), "community"


class H5PBlock(blocks.StructBlock):
    content = SnippetChooserBlock("h5p.H5PContent", label=_("H5P exercise"))

    class Meta:
        icon = "pick"
        label = _("Interactive exercise (H5P)")
        template = "h5p/player_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        parent_context = parent_context or {}
        page = parent_context.get("page") or parent_context.get("self")
        if page is not None and not hasattr(page, "get_ancestors"):
            page = None
        placement = None
        if page is not None:
            course, audience = course_of(page)
            placement = placement_of(page, course=course, audience=audience)
        content = value["content"]
        # The content's current version, kept until the next publication or upload (the
        # content cache is emptied when a version is added: cms/core/receivers.py).
        base = (
            content_cache.get_or_build_in_process(
                ("h5p-player", content.pk), lambda: player_base(content=content) or {}
            )
            if content is not None
            else {}
        )
        context["player"] = player_for(
            request=parent_context.get("request"),
            content=content,
            placement=placement,
            base=base or None,
        )
        return context
