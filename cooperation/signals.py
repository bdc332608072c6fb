"""Signals of the marketplace: closed listings kept off the site, images and index follow."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.signals import page_published, page_unpublished

from directory.models import StructurePage, Territory
from search.indexing import reindex

from .images import refresh_visibility
from .models import ListingImage, ListingPage, ResourceCategory


@receiver(page_published)
def unpublish_closed_listing(sender, instance, revision=None, **kwargs) -> None:
    """An editor who publishes a fulfilled or withdrawn listing in the admin takes it offline:
    closed listings stay in the member space and the counts, never in public places."""
    if isinstance(instance, ListingPage) and instance.is_closed:
        instance.unpublish(log_action=False)


# A listing's images are public while a live, open listing shows them (cooperation/images.py).


@receiver(page_published)
@receiver(page_unpublished)
def listing_images_follow_their_listing(sender, instance, **kwargs) -> None:
    if isinstance(instance, ListingPage):
        refresh_visibility()


@receiver(post_delete, sender=ListingImage)
def listing_image_removed(sender, instance, **kwargs) -> None:
    refresh_visibility()


# A listing's index entry holds its structure's name, category and territory names.


@receiver(page_published)
def reindex_listings_of_structure(sender, instance, **kwargs) -> None:
    if isinstance(instance, StructurePage):
        reindex(ListingPage.objects.filter(structure=instance).only("pk"))


@receiver(post_save, sender=ResourceCategory)
@receiver(post_save, sender=Territory)
def reindex_classified_listings(sender, instance, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    field = "category" if sender is ResourceCategory else "territory"
    reindex(ListingPage.objects.filter(**{field: instance}).only("pk"))
