"""Signals that change what visitors may see of the page tree: they empty the content cache,
once the change is committed (emptied earlier, a reader could refill it from the rows the
change has not yet replaced, and keep them for the cache's whole timeout). And every page's
slug is stored as ASCII."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.models import Locale, Page, PageViewRestriction, Site, get_page_models
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from . import content_cache, hotline
from .models import SiteSettings
from .slugs import ascii_slug, available_slug


def ascii_page_slug(instance, **kwargs):
    """Every page's slug is plain ASCII, however it was written (admin, import, translation)."""
    if instance.slug and not instance.slug.isascii():
        instance.slug = available_slug(page=instance, slug=ascii_slug(instance.slug))
        if instance.path:  # Page.save computed the URL path from the slug before this signal
            instance.set_url_path(instance.get_parent())


def on_content_changed(**kwargs):
    transaction.on_commit(content_cache.bump, robust=True)


def on_site_settings_saved(instance, **kwargs):
    transaction.on_commit(lambda: hotline.remember_hotline(instance), robust=True)
    on_content_changed()  # pages read the settings from the content cache, and cached pages show them


def connect():
    post_save.connect(on_site_settings_saved, sender=SiteSettings, dispatch_uid="core_hotline")
    for model in get_page_models():
        pre_save.connect(
            ascii_page_slug, sender=model, dispatch_uid=f"ascii_slug_{model._meta.label}"
        )
    # Pages (a slug changed outside a publish too: make_page_slugs_ascii), and snippets with
    # drafts (the campaign's slogans): what anonymous visitors see from the page cache
    # (page_cache.py) is keyed by this generation too.
    signals = (page_published, page_unpublished, post_page_move, page_slug_changed)
    for signal in (*signals, published, unpublished):
        signal.connect(on_content_changed, dispatch_uid=f"content_cache_{id(signal)}")
    # A specific page's delete also deletes its Page row, sent with sender=Page. (A receiver
    # without a sender would turn off Django's fast deletes for every model.)
    post_delete.connect(on_content_changed, sender=Page, dispatch_uid="content_cache_page")
    # Who may see a page, the site its URLs are made for, the default language, the H5P
    # version a lesson plays (a new upload: lessons, cached ones too, play it at once).
    from elearning.h5p.models import H5PContentVersion

    for model in (PageViewRestriction, Site, Locale, H5PContentVersion):
        for signal in (post_save, post_delete):
            signal.connect(
                on_content_changed,
                sender=model,
                dispatch_uid=f"content_cache_{model.__name__}_{id(signal)}",
            )
