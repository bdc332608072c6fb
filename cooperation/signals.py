"""Signals of the marketplace: moderation e-mails, and closed listings kept off the site."""

from django.conf import settings
from django.dispatch import receiver
from django.urls import reverse

from wagtail.models import Page
from wagtail.signals import page_published

from directory.signals import register_moderation_emails

from .models import ListingPage
from .models.listings import ListingStatus
from .workflows import WORKFLOW_NAME


def _listing_context(page: Page) -> dict | None:
    if not isinstance(page, ListingPage):
        return None
    base = settings.WAGTAILADMIN_BASE_URL
    return {
        "listing": page,
        "structure": page.structure,
        "url": base + (page.get_url() or ""),
        "member_space_url": base + reverse("cooperation:listings"),
    }


def register() -> None:
    register_moderation_emails(WORKFLOW_NAME, "cooperation/emails/listing", _listing_context)


@receiver(page_published)
def unpublish_closed_listing(sender, instance, revision=None, **kwargs) -> None:
    """An editor who publishes a fulfilled or withdrawn listing in the admin takes it offline:
    closed listings stay in the member space and the counts, never in public places."""
    if isinstance(instance, ListingPage) and instance.status != ListingStatus.OPEN:
        instance.unpublish(log_action=False)
