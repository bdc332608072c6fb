"""Signals of the directory: renamed taxonomies reach the search index at once."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from search.indexing import reindex

from .models import Sector, StructurePage, Territory


@receiver(post_save, sender=Sector)
@receiver(post_save, sender=Territory)
def reindex_classified_structures(sender, instance, raw: bool = False, **kwargs) -> None:
    """A renamed sector or territory: its structures are found by the new name at once."""
    if raw:
        return
    relation = "sectors" if sender is Sector else "territories"
    reindex(StructurePage.objects.filter(**{relation: instance}).only("pk"))
