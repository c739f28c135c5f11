"""The site itself: locales, the home page in Vietnamese and English, the hotline setting."""

from django.db import transaction
from wagtail.models import Locale, Page, Site

from cms.core.models import HomePage, SiteSettings
from cms.core.services import make_page_slugs_ascii

HOME_VI = {
    "title": "Chung tay phòng, chống mua bán người",
    "slug": "trang-chu",
    "tagline": "Học để nhận biết, phòng tránh và biết tìm sự giúp đỡ.",
    "intro": (
        "Chung Tay là nơi học ngắn gọn, miễn phí về phòng, chống mua bán người: nhận biết "
        "thủ đoạn lừa đảo, hiểu pháp luật và biết gọi ai khi cần giúp đỡ."
    ),
}
HOME_EN = {
    "title": "Hand in hand against human trafficking",
    "tagline": "Learn to recognise it, prevent it, and know where to get help.",
    "intro": (
        "Chung Tay offers short, free lessons on preventing human trafficking: recognising "
        "recruitment tricks, understanding the law, and knowing whom to call for help."
    ),
}


def ensure_root(*, locale: Locale) -> Page:
    """The tree's root page, in this locale. Wagtail's migration makes it, but a flushed
    database (browser and worker tests) has none."""
    root = Page.get_first_root_node()
    if root is None:
        return Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if root.locale_id != locale.pk:
        # Wagtail's initial migration makes the root in the then-default locale.
        Page.objects.filter(depth=1).update(locale=locale)
        root.refresh_from_db()
    return root


@transaction.atomic
def load(*, out) -> HomePage:
    vi, _ = Locale.objects.get_or_create(language_code="vi")
    en, _ = Locale.objects.get_or_create(language_code="en")
    root = ensure_root(locale=vi)

    home = HomePage.objects.filter(locale=vi).first()
    if home is None:
        home = HomePage(locale=vi, **HOME_VI)
        root.add_child(instance=home)
        home.save_revision().publish()
        out(f"Created the home page: {home.title}")
    # Wagtail's initial "Welcome" page is replaced by ours.
    for welcome in Page.objects.filter(depth=2).exclude(pk=home.pk).type(Page).exact_type(Page):
        welcome.delete()

    home_en = home.get_translation_or_none(en)
    if home_en is None:
        home_en = home.copy_for_translation(en, copy_parents=True)
        for field, value in HOME_EN.items():
            setattr(home_en, field, value)
        home_en.save_revision().publish()
        out("Created the English home page.")

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Chung Tay",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "Chung Tay"
        site.save()
    SiteSettings.for_site(site)  # creates the row with its defaults (hotline 111)
    # Pages an editor made before slugs became ASCII: new slugs, old URLs redirected.
    make_page_slugs_ascii(out=out)
    return home
