"""Personal data (RGPD): what the site holds about a member, forgetting an account, retention.

A member downloads everything about its account and structures as JSON from the member area
(right of access and portability): its account, its structures, their listings and contact
messages; it can delete its account (right to erasure). Contact messages and listing responses
are kept `CONTACT_MESSAGE_RETENTION_DAYS` days, then `manage.py purge_personal_data` (daily)
deletes them, with login attempt records and the listing images no listing uses any more.
"""

import datetime

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from wagtail.models import Page

from cooperation.images import purge_orphans
from cooperation.models import ListingPage, OfferPage, RequestPage
from directory.models import ContactMessage, Membership, StructurePage
from search.stats import purge_query_log


def page_fields(page: Page, model: type[Page]) -> dict:
    """A page's title, address and every field `model` adds to Wagtail's page."""
    data = {
        "id": page.pk, "title": page.title, "slug": page.slug, "url": page.full_url,
        "live": page.live, "first_published_at": page.first_published_at,
        "last_published_at": page.last_published_at,
    }
    for field in model._meta.get_fields():
        if field.concrete and not field.auto_created and field.model is not Page and (
            not isinstance(field, models.OneToOneField) or not field.remote_field.parent_link
        ):
            if field.many_to_many:
                data[field.name] = [str(item) for item in getattr(page, field.name).all()]
            elif field.is_relation:
                related = getattr(page, field.name)
                data[field.name] = str(related) if related is not None else None
            else:
                data[field.name] = field.value_from_object(page)
    return data


def _message(message: ContactMessage) -> dict:
    return {
        "received": message.created_at, "structure": message.structure.title,
        "page": message.page.title if message.page else None,
        "sender_name": message.sender_name, "sender_email": message.sender_email,
        "message": message.message, "status": message.status, "sent": message.sent_at,
    }


def structure_listings(structures: list[StructurePage]) -> list[dict]:
    """Every listing of the structures, in any state, with its images' descriptions."""
    listings = (
        ListingPage.objects.filter(structure__in=structures, alias_of__isnull=True)
        .specific().order_by("pk")
    )
    rows = []
    for listing in listings:
        row = page_fields(listing, OfferPage if isinstance(listing, OfferPage) else RequestPage)
        row["images"] = [
            {"title": item.image.title, "alt_text": item.alt_text}
            for item in listing.images.select_related("image")
        ]
        rows.append(row)
    return rows


def personal_data(user) -> dict:
    """Everything the site holds about `user` and the structures it belongs to."""
    memberships = list(Membership.objects.filter(user=user).select_related("structure"))
    structures = [membership.structure.specific for membership in memberships]
    received = ContactMessage.objects.filter(structure__in=structures)
    sent = ContactMessage.objects.filter(sender_email__iexact=user.email) if user.email else []
    return {
        "generated_at": timezone.now(),
        "account": {
            "username": user.get_username(), "email": user.email,
            "first_name": user.first_name, "last_name": user.last_name,
            "date_joined": user.date_joined, "last_login": user.last_login,
            "groups": [group.name for group in user.groups.all()],
        },
        "memberships": [
            {"structure": m.structure.title, "role": m.role, "since": m.created_at}
            for m in memberships
        ],
        "structures": [page_fields(structure, StructurePage) for structure in structures],
        "messages_received_by_my_structures": [
            _message(m) for m in received.select_related("structure", "page")
        ],
        "messages_i_sent": [_message(m) for m in sent],
        "listings_of_my_structures": structure_listings(structures),
    }


@transaction.atomic
def forget_account(user) -> None:
    """Erase what identifies the person: the account stays as an anonymous, unusable shell so
    that the history of the pages it edited (revisions, moderation) keeps its shape."""
    from axes.models import AccessAttempt, AccessLog

    for model in (AccessAttempt, AccessLog):
        model.objects.filter(username__in=[user.get_username(), user.email]).delete()
    Membership.objects.filter(user=user).delete()
    user.username = f"compte-supprime-{user.pk}"
    user.email = ""
    user.first_name = user.last_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()


def purge(now: datetime.datetime | None = None) -> dict[str, int]:
    """Delete contact messages, responses and login records past the retention period, and
    the listing images no listing uses any more (with their files)."""
    from axes.models import AccessAttempt, AccessLog

    now = now or timezone.now()
    cutoff = now - datetime.timedelta(
        days=settings.CONTACT_MESSAGE_RETENTION_DAYS
    )
    return {
        "messages": ContactMessage.objects.filter(created_at__lt=cutoff).delete()[0],
        "login_attempts": AccessAttempt.objects.filter(attempt_time__lt=cutoff).delete()[0],
        "login_records": AccessLog.objects.filter(attempt_time__lt=cutoff).delete()[0],
        # Search counts identify nobody; they are kept a little over a year for the report.
        "search_counts": purge_query_log(),
        "listing_images": purge_orphans(now),
    }

