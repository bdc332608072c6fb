"""What a member does to its structures' listings besides editing them: renew, close.

Renewing (same content, a later end date) is published directly; closing takes the listing
off the site but keeps it in Mes annonces and in the network's figures.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import WorkflowState

from cooperation.models import ListingPage
from cooperation.models.listings import DEFAULT_VALIDITY
from directory.models import StructurePage
from members.moderation import cancel_moderation
from members.profile import MAX_ID, structures_of

from .state import has_draft_changes


def member_listings(structure: StructurePage):
    """The listings a structure posted (its source-language pages, not their translations)."""
    return (
        ListingPage.objects.filter(
            structure=structure, locale_id=structure.locale_id, alias_of__isnull=True
        )
        .specific()
    )


def own_listing(request: HttpRequest, pk: int) -> ListingPage:
    """The listing, if the member belongs to the structure that posted it; else 403."""
    if pk > MAX_ID:  # larger numbers overflow the database's integers
        raise Http404
    listing = get_object_or_404(ListingPage, pk=pk, alias_of__isnull=True).specific
    allowed = {structure.pk for structure in structures_of(request.user)}
    if listing.structure_id not in allowed or listing.locale_id != listing.structure.locale_id:
        raise PermissionDenied(_("You can only manage the listings of your structures."))
    return listing


# --------------------------------------------------------------------------- actions

def _set_end(page: ListingPage, expires_on: datetime.date) -> None:
    page.expires_on = expires_on
    page.expire_at = page.expires_at
    page.reminder_sent_on = None


@transaction.atomic
def renew(listing: ListingPage, user) -> datetime.date:
    """The published content, online again until today + 90 days, without moderation.

    Changes still waiting for moderation (or saved as a draft) keep waiting, with the new end
    date, so that their approval does not bring the old one back.
    """
    today = timezone.localdate()
    expires_on = today + DEFAULT_VALIDITY  # within MAX_VALIDITY by definition
    pending = WorkflowState.objects.active().for_instance(listing).first()
    draft = listing.get_latest_revision_as_object() if has_draft_changes(listing) else None
    # The database row holds the last published content (also after Wagtail's expiry).
    published = ListingPage.objects.get(pk=listing.pk).specific
    _set_end(published, expires_on)
    revision = published.save_revision(user=user, log_action=True, changed=False)
    # Members may not publish; this is the one change they publish themselves. Publishing
    # cancels any moderation in progress (Wagtail), which is started again below.
    revision.publish(user=user, changed=False, skip_permission_checks=True)
    if draft is not None:
        _set_end(draft, expires_on)
        draft.save_revision(user=user, log_action=True)
        if pending and pending.status == WorkflowState.STATUS_IN_PROGRESS:
            pending.workflow.start(
                ListingPage.objects.get(pk=listing.pk).specific, pending.requested_by or user
            )
    return expires_on


@transaction.atomic
def close(listing: ListingPage, user, data: dict) -> None:
    """Fulfilled or withdrawn: off the site, still in Mes annonces and in the figures."""
    cancel_moderation(listing, user)
    page = ListingPage.objects.get(pk=listing.pk).specific  # the last published content
    page.status = data["status"]
    page.closed_on = timezone.localdate()
    page.partner_structure = data.get("partner_structure")
    page.estimated_value = data.get("estimated_value")
    page.hours_saved = data.get("hours_saved")
    page.save()
    revision = page.save_revision(user=user, log_action=True)
    if page.live:
        # The other languages' aliases take the closed status, then go offline with the page.
        page.update_aliases(revision=revision)
        UnpublishPageAction(page, user=user).execute(skip_permission_checks=True)
