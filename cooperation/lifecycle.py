"""The end of a listing's life: taken offline after its expiry date, its owner reminded before.

`manage.py expire_listings` runs both once a day. Wagtail's `publish_scheduled` also takes a
listing offline, at its `expire_at` (the start of the day after `expires_on`, set on save).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone

from wagtail.models import Locale

from .models import ListingPage
from .recipients import reminder_recipients
from .tasks import send_expiry_reminder

REMINDER_DELAY = datetime.timedelta(days=7)


@dataclass
class Unpublished:
    listing: ListingPage
    reason: str  # "expired" or the closed status


def unpublish_stale(today: datetime.date | None = None) -> list[Unpublished]:
    """Take offline every live listing the public may no longer see.

    Past its expiry date (the daily job), or closed as fulfilled or withdrawn but left live
    (an editor changed its status and published it): its page already answers 404, this
    takes it out of the search, the API and the sitemap too. Unpublishing a page unpublishes
    its aliases (the other languages' copies) with it.
    """
    today = today or timezone.localdate()
    stale = ListingPage.objects.live().closed_or_expired(today)
    # Sources before aliases: most aliases go offline with their source.
    ids = list(
        stale.order_by(
            Case(When(alias_of__isnull=True, then=Value(0)), default=Value(1),
                 output_field=IntegerField()),
            "path",
        ).values_list("pk", flat=True)
    )
    done = []
    for pk in ids:
        listing = ListingPage.objects.filter(pk=pk, live=True).first()
        if listing is None:  # an alias, already unpublished with its source
            continue
        expired = not listing.is_closed
        listing.unpublish(set_expired=expired)
        done.append(Unpublished(listing, "expired" if expired else listing.status))
    return done


def listings_to_remind(today: datetime.date | None = None):
    """Open listings expiring within REMINDER_DELAY that nobody has been reminded of.

    Aliases are left out, and a listing and its translations share one reminder (the
    default language's page first).
    """
    today = today or timezone.localdate()
    default = Locale.get_default()
    return (
        ListingPage.objects.open()
        .filter(alias_of__isnull=True, reminder_sent_on__isnull=True,
                expires_on__lte=today + REMINDER_DELAY)
        .select_related("structure", "contact_member")
        .order_by(
            Case(When(locale=default, then=Value(0)), default=Value(1),
                 output_field=IntegerField()),
            "expires_on", "pk",
        )
    )


@dataclass
class Reminders:
    queued: list[tuple[ListingPage, list]] = field(default_factory=list)
    without_recipient: list[ListingPage] = field(default_factory=list)


def queue_reminders(today: datetime.date | None = None) -> Reminders:
    """Mark each listing to remind as reminded (once, with its translations), then queue the
    e-mail. A renewal sets `reminder_sent_on` back to None; a failed e-mail does too."""
    today = today or timezone.localdate()
    result = Reminders()
    seen: set = set()
    for listing in listings_to_remind(today):
        if listing.translation_key in seen:
            continue
        seen.add(listing.translation_key)
        recipients = reminder_recipients(listing)
        if not recipients:
            result.without_recipient.append(listing)
            continue
        # The conditional update is the lock: two runs at once send one reminder.
        if not ListingPage.objects.filter(pk=listing.pk, reminder_sent_on__isnull=True).update(
            reminder_sent_on=today
        ):
            continue
        ListingPage.objects.filter(
            translation_key=listing.translation_key, reminder_sent_on__isnull=True
        ).update(reminder_sent_on=today)
        send_expiry_reminder.enqueue(listing.pk)
        result.queued.append((listing, recipients))
    return result
