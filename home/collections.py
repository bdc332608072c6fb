"""Private collections: a Wagtail collection with a view restriction (and its descendants)
holds files that are not public yet, such as a listing's images before an editor approves it.

Wagtail's images and documents API list none of them; saving one leaves the anonymous page
cache alone (home/cache.py), since no public page shows it.
"""

from wagtail.models import Collection, CollectionViewRestriction

__all__ = ["in_private_collection", "private_collection_ids"]


def private_collection_ids() -> set[int]:
    ids: set[int] = set()
    for restricted in Collection.objects.filter(
        pk__in=CollectionViewRestriction.objects.values("collection_id")
    ):
        ids.update(restricted.get_descendants(inclusive=True).values_list("pk", flat=True))
    return ids


def in_private_collection(item) -> bool:
    """Whether an image or document (anything with a collection) is in a private collection."""
    return item.collection_id is not None and item.collection_id in private_collection_ids()
