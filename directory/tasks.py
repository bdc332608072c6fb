"""Background work of the directory (django-tasks): relaying contact messages by e-mail."""

import logging
from email.utils import formataddr

from django_tasks import task

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from wagtail.models import Site

from core.emails import templated_email
from home.models import SiteSettings

from .models import ContactMessage

logger = logging.getLogger(__name__)


def recipient_for(message: ContactMessage) -> str:
    """The structure's address, or the association's when the structure has none."""
    if message.structure.email:
        return message.structure.email
    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site).email if site else settings.DEFAULT_FROM_EMAIL


def send_contact_message(message: ContactMessage) -> bool:
    """Send one stored message; on failure, count the attempt and keep it for a retry."""
    if message.status == ContactMessage.Status.SENT:
        return True
    # Structures read French first: the relay is written in French, whatever the sender's language.
    with translation.override("fr"):
        context = {"message": message, "structure": message.structure}
        templates = "directory/emails/contact"
        # A page the form was on may say what the message answers (a listing: its title and
        # link), with its own e-mail templates; the directory need not know which pages do.
        page = message.page.specific if message.page_id else None
        relay = getattr(page, "contact_relay", None)
        if relay is not None:
            templates, extra = relay(message)
            context.update(extra)
        email = templated_email(
            templates, context, [recipient_for(message)], language="fr",
            reply_to=[formataddr((message.sender_name, message.sender_email))],
        )
    message.attempts += 1
    try:
        email.send()
    except Exception as error:  # any backend failure: SMTP down, refused, timeout…
        logger.warning("Contact message %s not sent: %s", message.pk, error)
        message.last_error = f"{type(error).__name__}: {error}"[:2000]
        message.save(update_fields=["attempts", "last_error"])
        return False
    message.status = ContactMessage.Status.SENT
    message.sent_at = timezone.now()
    message.last_error = ""
    message.save(update_fields=["attempts", "status", "sent_at", "last_error"])
    return True


@task()
def relay_contact_message(message_id: int) -> bool:
    with transaction.atomic():
        message = (
            ContactMessage.objects.select_for_update()
            .select_related("structure")
            .filter(pk=message_id)
            .first()
        )
        if message is None:
            return False
        return send_contact_message(message)
