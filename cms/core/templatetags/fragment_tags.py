"""`{% fragment "name" part… %}…{% endfragment %}`: a piece of a page rendered once per
process and content generation (content_cache.py: emptied by every publication, move, site,
locale, settings or snippet change), per language and site, and reused by every request.

For what is the same for every visitor: content and its links, image renditions, the
library's unfiltered list. Never wrap what depends on the visitor (their progress, a form
with a CSRF token, the request's query). A visitor who may hold permissions (an editor, who
sees review notes and the user bar) and a preview of a draft always get the fragment
rendered for them. Kept in the process only, so that a deployment with new templates or
static files starts afresh.

`skip=value`: render it as usual when value is true (a filtered list, say)."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from elearning.accounts.selectors import may_hold_permissions

from .. import content_cache
from ..sites import site_for_request

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, parts, skip):
        self.nodelist, self.name, self.parts, self.skip = nodelist, name, parts, skip

    def render(self, context):
        request = context.get("request")
        user = getattr(request, "user", None)
        if (
            request is None
            or getattr(request, "is_preview", False)  # a draft, for its editor
            or (self.skip is not None and self.skip.resolve(context))
            or (user is not None and may_hold_permissions(user))
        ):
            return self.nodelist.render(context)
        site = site_for_request(request)
        key = (
            "fragment",
            self.name.resolve(context),
            get_language(),
            site.pk if site else None,
            *(part.resolve(context) for part in self.parts),
        )
        html = content_cache.get_or_build_in_process(key, lambda: self.nodelist.render(context))
        return mark_safe(html)  # what the template rendered, escaped as usual


@register.tag
def fragment(parser, token):
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    skip = None
    if bits[-1].startswith("skip="):
        skip = parser.compile_filter(bits.pop()[len("skip=") :])
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        nodelist, parser.compile_filter(bits[0]), [parser.compile_filter(b) for b in bits[1:]], skip
    )
