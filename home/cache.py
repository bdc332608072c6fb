"""Emptying the anonymous page cache (config/middleware.py) when published content changes.

Pages show one another (the home page lists news and listings, a structure its listings,
every page the footer's settings), so any publication empties the whole page cache rather
than guessing which pages show what. What changes often without being published (search
counts, contact messages, sessions, drafts) does not touch it: neither do images and documents
in a private collection (home/collections.py), such as those a member uploads with a listing
that is not approved yet; the listing's publication empties the cache when they go public.
"""

from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import post_delete, post_save

from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from .collections import in_private_collection


def purge_page_cache(**kwargs) -> None:
    caches[settings.CACHE_MIDDLEWARE_ALIAS].clear()


def purge_unless_private(instance=None, **kwargs) -> None:
    """An image or document changed: only what is public can be on a cached page."""
    if instance is not None and in_private_collection(instance):
        return
    purge_page_cache()


def _content_models() -> list[type]:
    """Models whose rows appear on public pages without a page being published."""
    from django.apps import apps

    settings_models = [
        model for model in apps.get_models()
        if issubclass(model, BaseSiteSetting | BaseGenericSetting)
    ]
    # A view restriction hides a page from every list without any publication.
    return [*get_snippet_models(), *settings_models, PageViewRestriction]


def connect() -> None:
    page_published.connect(purge_page_cache, dispatch_uid="purge_on_publish")
    page_unpublished.connect(purge_page_cache, dispatch_uid="purge_on_unpublish")
    post_page_move.connect(purge_page_cache, dispatch_uid="purge_on_move")
    post_delete.connect(purge_page_cache, sender=Page, dispatch_uid="purge_on_page_delete")
    for model in _content_models():
        uid = f"purge_on_{model._meta.label_lower}"
        post_save.connect(purge_page_cache, sender=model, dispatch_uid=f"{uid}_save")
        post_delete.connect(purge_page_cache, sender=model, dispatch_uid=f"{uid}_delete")
    for model in (get_image_model(), get_document_model()):
        uid = f"purge_on_{model._meta.label_lower}"
        post_save.connect(purge_unless_private, sender=model, dispatch_uid=f"{uid}_save")
        post_delete.connect(purge_unless_private, sender=model, dispatch_uid=f"{uid}_delete")
