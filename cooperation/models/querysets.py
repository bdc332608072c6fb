"""Which listings a query returns: those the public may see, and the exchanges counted."""

import datetime

from django.db.models import Q
from django.utils import timezone

from wagtail.models import PageManager
from wagtail.query import PageQuerySet

from core.memo import public

from .rules import ListingStatus


def _open_on(today: datetime.date | None) -> Q:
    """The marketplace's one rule of what the public may see: an open listing, not past its
    last day. `ListingPage.is_open` says the same of one listing in memory."""
    return Q(status=ListingStatus.OPEN, expires_on__gte=today or timezone.localdate())


class ListingQuerySet(PageQuerySet):
    def open(self) -> "ListingQuerySet":
        """What the public may see: live, under no view restriction, open and not past its
        last day."""
        return public(self.live()).filter(_open_on(None))

    def closed_or_expired(self, today: datetime.date | None = None) -> "ListingQuerySet":
        """What the public may not see, live or not: fulfilled, withdrawn or past its last day
        (live until the daily job unpublishes it)."""
        return self.exclude(_open_on(today))

    def counted_exchanges(self) -> "ListingQuerySet":
        """Fulfilled exchanges the impact figures count: listings that went live (approved
        by the team, so never a draft closed by its author), not excluded by an editor,
        in their source language (not the aliases)."""
        return self.filter(
            status=ListingStatus.FULFILLED, alias_of__isnull=True,
            first_published_at__isnull=False, exclude_from_impact=False,
        )


ListingManager = PageManager.from_queryset(ListingQuerySet)
