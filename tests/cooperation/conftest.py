"""Listings in every state of their life, made the way the site makes them."""

import datetime

import pytest

from django.contrib.auth import get_user_model
from django.utils import timezone

from cooperation.models import (
    CooperationIndexPage,
    ListingPage,
    ListingStatus,
    ListingTerm,
    OfferPage,
    RequestPage,
    ResourceCategory,
)
from directory.models import StructurePage
from members.moderation import workflow_for

# What a listing can be: only "open" may ever be seen by the public.
STATES = ["open", "expired", "withdrawn", "fulfilled", "draft", "moderation"]


def today() -> datetime.date:
    return timezone.localdate()


def french_structure(slug: str) -> StructurePage:
    return StructurePage.objects.get(slug=slug, locale__language_code="fr")


def make_listing(word: str, *, state: str = "open", kind: str = "offer",
                 structure: str = "jardins-du-maine", days: int = 30, title: str = "",
                 summary: str = "", description: str = "", category: str = "materiel",
                 **fields) -> ListingPage:
    """A French listing whose title, summary and description hold `word`, in `state`:

    - open: published, as an editor approves it;
    - expired: published, then its last day passed (the daily job has not run yet);
    - withdrawn, fulfilled: still live but closed (publishing a closed listing takes it
      offline at once, so this is the worst case: a status changed without publishing);
    - draft: saved, never published;
    - moderation: submitted to the listings' moderation workflow, not approved yet.
    """
    index = CooperationIndexPage.objects.get(locale__language_code="fr")
    model = OfferPage if kind == "offer" else RequestPage
    listing = model(
        title=title or f"Annonce {word}", slug=word.lower(), locale=index.locale,
        summary=summary or f"Résumé {word}", description=description or f"Description {word}",
        category=ResourceCategory.objects.get(locale=index.locale, slug=category),
        structure=french_structure(structure), city="Laval",
        expires_on=today() + datetime.timedelta(days=days), live=False, **fields,
    )
    listing.terms = [ListingTerm.objects.get(code="loan")]
    index.add_child(instance=listing)
    if state in ("open", "expired", "withdrawn", "fulfilled"):
        listing.save_revision().publish()
        listing.refresh_from_db()
        if state in ("withdrawn", "fulfilled"):
            listing.status = state
            listing.closed_on = today()
            listing.save()
        if state == "expired":
            listing.expires_on = today() - datetime.timedelta(days=1)
            listing.save()
    elif state == "draft":
        listing.save_revision()
    elif state == "moderation":
        member = get_user_model().objects.get(username="membre-jardins")
        listing.save_revision(user=member)
        workflow_for(listing).start(listing, member)
    else:
        raise ValueError(state)
    listing.refresh_from_db()
    assert listing.live == (state in ("open", "expired", "withdrawn", "fulfilled"))
    assert (listing.status == ListingStatus.OPEN) == (state not in ("withdrawn", "fulfilled"))
    return listing


@pytest.fixture
def listing_factory(demo):
    return make_listing
