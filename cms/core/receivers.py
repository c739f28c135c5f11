"""Signals that change what visitors may see of the page tree: they empty the content cache."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import content_cache


def on_content_changed(**kwargs):
    content_cache.bump()


def connect():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(on_content_changed, dispatch_uid=f"content_cache_{id(signal)}")
    # Page subclasses send post_delete with their own class: listen to every sender.
    post_delete.connect(_on_delete, dispatch_uid="content_cache_page_deleted")
    for signal in (post_save, post_delete):
        signal.connect(
            on_content_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"content_cache_restriction_{id(signal)}",
        )


def _on_delete(sender, **kwargs):
    if issubclass(sender, Page):
        content_cache.bump()
