from wagtail.models import Locale, Page

from cms.core.demo.site import ensure_root


def plain_page(*, title="Bài học", slug_prefix="p") -> Page:
    """A bare Wagtail page to hang progress, receipts or rollups on, in any database state."""
    locale, _ = Locale.objects.get_or_create(language_code="vi")
    root = ensure_root(locale=locale)
    return root.add_child(
        instance=Page(title=title, slug=f"{slug_prefix}-{Page.objects.count()}", locale=locale)
    )
