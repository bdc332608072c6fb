"""Emptying the anonymous page cache when published content changes.

Pages show one another (the home page lists news and listings, a structure its listings,
every page the footer's settings), so any publication empties the whole page cache rather
than guessing which pages show what. What changes often without being published (search
counts, contact messages, sessions, drafts) does not touch it: neither do images and documents
in a private collection, such as those a member uploads with a listing that is not approved
yet; the listing's publication empties the cache when they go public.
"""

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db.models import Model
from django.db.models.signals import post_delete, post_save

from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models


def private_collection_ids() -> set[int]:
    """Private collections: a Wagtail collection with a view restriction (and its descendants)
    holds files that are not public yet, such as a listing's images before an editor approves
    it. Wagtail's images and documents API list none of them."""
    ids: set[int] = set()
    for restricted in Collection.objects.filter(
        pk__in=CollectionViewRestriction.objects.values("collection_id")
    ):
        ids.update(restricted.get_descendants(inclusive=True).values_list("pk", flat=True))
    return ids


def in_private_collection(item: Model) -> bool:
    """Whether an image or document (anything with a collection) is in a private collection."""
    return item.collection_id is not None and item.collection_id in private_collection_ids()


def purge_page_cache(**kwargs) -> None:
    caches[settings.CACHE_MIDDLEWARE_ALIAS].clear()


def purge_unless_private(instance: Model | None = None, **kwargs) -> None:
    """An image or document changed: only what is public can be on a cached page."""
    if instance is not None and in_private_collection(instance):
        return
    purge_page_cache()


def _content_models() -> list[type[Model]]:
    """Models whose rows appear on public pages without a page being published."""
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
