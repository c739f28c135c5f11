"""Writes of the site's core: the page tree's slugs."""

from django.db import transaction
from wagtail.models import Page

from .slugs import ascii_slug, available_slug


@transaction.atomic
def make_page_slugs_ascii(*, out=lambda line: None) -> int:
    """Give every page whose slug is not ASCII the transliterated one. Wagtail's redirects app
    (WAGTAILREDIRECTS_AUTO_CREATE) then sends the old URLs of the page and of everything under
    it to the new ones, once this commits. Returns how many pages changed."""
    changed = 0
    for page in Page.objects.order_by("path").specific():
        if page.slug.isascii():
            continue
        old_slug = page.slug
        page.slug = available_slug(page=page, slug=ascii_slug(old_slug))
        page.save(clean=False)
        changed += 1
        out(f"Slug {old_slug} → {page.slug}")
    return changed
