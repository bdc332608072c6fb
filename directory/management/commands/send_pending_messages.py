"""Queue again the contact messages that could not be e-mailed (run it every few minutes)."""

from django.core.management.base import BaseCommand

from directory.models import ContactMessage
from directory.tasks import relay_contact_message


class Command(BaseCommand):
    help = "Queue the stored contact messages still waiting for the mail server."

    def handle(self, *args, **options) -> None:
        pending = ContactMessage.objects.filter(status=ContactMessage.Status.PENDING)
        ids = list(pending.order_by("created_at").values_list("pk", flat=True))
        for message_id in ids:
            relay_contact_message.enqueue(message_id)
        waiting = ContactMessage.objects.filter(status=ContactMessage.Status.PENDING).count()
        self.stdout.write(f"{len(ids)} message(s) queued; {waiting} still waiting.")
