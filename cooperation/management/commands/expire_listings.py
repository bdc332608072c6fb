"""Daily: take expired listings offline, remind owners a week before their listing expires."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from cooperation.lifecycle import REMINDER_DELAY, queue_reminders, unpublish_stale


class Command(BaseCommand):
    help = (
        "Unpublish the listings past their expiry date (or closed but still live), and e-mail "
        f"a reminder, once, to the owners of the listings expiring within "
        f"{REMINDER_DELAY.days} days. Run it once a day."
    )

    def handle(self, *args, **options) -> None:
        today = timezone.localdate()
        unpublished = unpublish_stale(today)
        for item in unpublished:
            listing = item.listing
            why = (f"expired on {listing.expires_on:%Y-%m-%d}" if item.reason == "expired"
                   else f"closed ({item.reason})")
            url = listing.get_url() or listing.url_path
            self.stdout.write(f"Unpublished {url} « {listing.title} »: {why}.")
        reminders = queue_reminders(today)
        for listing, recipients in reminders.queued:
            to = ", ".join(member.email for member in recipients)
            self.stdout.write(
                f"Reminder queued for « {listing.title} » "
                f"(expires on {listing.expires_on:%Y-%m-%d}) to {to}."
            )
        for listing in reminders.without_recipient:
            self.stderr.write(
                f"No one to remind of « {listing.title} » (expires on "
                f"{listing.expires_on:%Y-%m-%d}): its structure has no member with an e-mail "
                "address."
            )
        self.stdout.write(
            f"{len(unpublished)} listing(s) unpublished, {len(reminders.queued)} reminder(s) "
            "queued."
        )
