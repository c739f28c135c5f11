from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .cards import card_key, render_card

CARD_FOLDER = "slogan-cards"


def slogan_card_url(*, slogan, hotline: str = "", year: int | None = None) -> str:
    """The URL of the slogan's share card, drawing it the first time. Cards are stored under a
    hash of their text and design, so an edited slogan gets a new card (and a new URL, which
    Facebook and Zalo fetch afresh). The card names the year of the campaign it is shared
    from (a 2017 slogan shared on the 2026 campaign reads 2026)."""
    year = year or slogan.year
    caption = _("30/7 · Day for all people against human trafficking")
    if hotline:
        footer = _("Chung Tay · %(year)s · Hotline %(hotline)s") % {
            "year": year,
            "hotline": hotline,
        }
    else:
        footer = f"Chung Tay · {year}"
    name = f"{CARD_FOLDER}/{card_key(text=slogan.text, caption=caption, footer=footer)}.png"
    url = cache.get(name)
    if url is None:
        if not default_storage.exists(name):
            png = render_card(text=slogan.text, caption=caption, footer=footer)
            name = default_storage.save(name, ContentFile(png))
        url = default_storage.url(name)
        cache.set(name, url, 60 * 60 * 24)
    return url


def count_page_view(*, page_views, page_id: int) -> None:
    """One more view of the campaign page today (`page_views`: the CampaignPageView manager,
    from the page model)."""
    _add_one(page_views, "views", page_id=page_id)


def count_poster_scan(*, poster_scans, page_id: int, commune_id: int) -> None:
    """One more scan today of the campaign's poster printed for the commune
    (`poster_scans`: the CampaignPosterScan manager)."""
    _add_one(poster_scans, "scans", page_id=page_id, commune_id=commune_id)


def _add_one(counters, field: str, **key) -> None:
    """Today's counter of `key` plus one: one UPDATE, an INSERT on the day's first."""
    day = timezone.localdate()
    rows = counters.filter(day=day, **key)
    if rows.update(**{field: F(field) + 1}):
        return
    try:
        with transaction.atomic():
            counters.create(day=day, **key, **{field: 1})
    except IntegrityError:  # another request counted the day's first meanwhile
        rows.update(**{field: F(field) + 1})
