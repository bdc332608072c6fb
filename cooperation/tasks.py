"""Background work of the marketplace (django-tasks): the expiry reminder e-mails."""

import logging

from django_tasks import task

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse
from django.utils import translation

from core.emails import templated_email

from .models import ListingPage
from .recipients import reminder_recipients

logger = logging.getLogger(__name__)


def reminder_messages(listing: ListingPage, recipients: list) -> list[EmailMessage]:
    """One e-mail a person, in French (members read French first, whatever their language)."""
    messages = []
    with translation.override("fr"):
        base = settings.WAGTAILADMIN_BASE_URL
        context = {
            "listing": listing,
            "structure": listing.structure,
            "url": base + (listing.get_url() or ""),
            "member_area_url": base + reverse("members:listings"),  # Mes annonces
        }
        for member in recipients:
            messages.append(templated_email(
                "cooperation/emails/expiry_reminder", {**context, "member": member},
                [member.email], language="fr",
            ))
    return messages


@task()
def send_expiry_reminder(listing_id: int) -> bool:
    """E-mail the reminder `queue_reminders` marked as sent; unmark it if the e-mail fails,
    so that the next daily run tries again."""
    listing = (
        ListingPage.objects.filter(pk=listing_id)
        .select_related("structure", "contact_member")
        .first()
    )
    if listing is None or not listing.live or not listing.is_open:
        return False  # closed, expired or deleted meanwhile: nothing to remind
    recipients = reminder_recipients(listing)
    if not recipients:
        return False
    try:
        get_connection().send_messages(reminder_messages(listing, recipients))
    except Exception as error:  # any backend failure: SMTP down, refused, timeout…
        logger.warning("Expiry reminder of listing %s not sent: %s", listing.pk, error)
        ListingPage.objects.filter(translation_key=listing.translation_key).update(
            reminder_sent_on=None
        )
        return False
    return True
