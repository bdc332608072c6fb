"""Daily (cron): delete contact messages, listing responses and login records older than
CONTACT_MESSAGE_RETENTION_DAYS (12 months by default), and the listing images no listing uses
any more, with their files (members/privacy.py)."""

from django.core.management.base import BaseCommand

from members.privacy import purge


class Command(BaseCommand):
    help = ("Delete personal data past its retention period (contact messages, login records) "
            "and listing images no listing uses any more.")

    def handle(self, *args, **options) -> None:
        counts = purge()
        self.stdout.write(", ".join(f"{name}: {count} deleted" for name, count in counts.items()))
