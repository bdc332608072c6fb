"""The marketplace's one rule of what the public may see, in the database
(`ListingQuerySet.open()`, `closed_or_expired()`) and in memory (`ListingPage.is_open`):
both say the same of a listing in every state, on its last day included."""

import datetime

import pytest

from django.utils import timezone

from cooperation.models import ListingPage

from .conftest import STATES

pytestmark = pytest.mark.django_db


def in_database(listing: ListingPage) -> tuple[bool, bool]:
    """(among the open listings, among the closed or expired ones)."""
    return (ListingPage.objects.open().filter(pk=listing.pk).exists(),
            ListingPage.objects.closed_or_expired().filter(pk=listing.pk).exists())


@pytest.mark.parametrize("state", STATES)
def test_the_queryset_and_the_listing_agree(listing_factory, state):
    listing = listing_factory(f"zorglubregle{state}", state=state)
    public = state == "open"

    assert listing.is_open == (state in ("open", "draft", "moderation"))
    assert listing.is_closed == (state in ("withdrawn", "fulfilled"))
    # A draft is open by its fields, yet not live: never among the open listings.
    assert in_database(listing) == (public, not listing.is_open)


def test_a_listing_is_public_until_the_end_of_its_last_day(listing_factory):
    listing = listing_factory("zorglubdernierjour", days=0)

    assert listing.is_open and in_database(listing) == (True, False)
    later = listing.expires_on + datetime.timedelta(days=1)
    assert ListingPage.objects.closed_or_expired(later).filter(pk=listing.pk).exists()


def test_expires_at_is_the_start_of_the_day_after_the_last_day(listing_factory):
    listing = listing_factory("zorglubinstant", days=3)
    start_of_day_after = timezone.make_aware(datetime.datetime.combine(
        listing.expires_on + datetime.timedelta(days=1), datetime.time.min))

    assert listing.expires_at == start_of_day_after
    assert listing.expire_at == start_of_day_after  # what save() gave Wagtail
