"""Review notes are for editors: a page or slogan flagged for an editor's confirmation shows
the public a neutral "being updated" note, and only people who may edit it the internal one."""

from django import template

from elearning.accounts.selectors import may_hold_permissions

register = template.Library()


@register.simple_tag(takes_context=True)
def sees_review_notes(context, item) -> bool:
    """Whether the visitor may edit `item` (a page, or a snippet such as a slogan). Anonymous
    visitors and learners (who hold no permission) cost no query."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_active or not may_hold_permissions(user):
        return False
    if not user.has_perm("wagtailadmin.access_admin"):
        return False
    if hasattr(item, "permissions_for_user"):  # a page
        return item.permissions_for_user(user).can_edit()
    meta = item._meta
    return user.has_perm(f"{meta.app_label}.change_{meta.model_name}")
