"""Where a member's listing stands (draft, in moderation, published, expiring…) and what the
member may do with it now."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import PageLogEntry, WorkflowState

from cooperation.models import ListingPage
from members.moderation import latest_workflow_state, rejection_comment

EXPIRING_SOON = datetime.timedelta(days=7)  # shown as "expires soon", and may be renewed


@dataclass
class ListingState:
    code: str  # draft, in_moderation, rejected, published, expiring, expired, offline,
    #            fulfilled, withdrawn
    label: str
    comment: str = ""  # the moderator's, when rejected
    online: bool = False  # the public can see it now
    draft_changes: bool = False  # saved changes not sent for moderation
    can_edit: bool = False
    can_renew: bool = False
    can_close: bool = False


def has_draft_changes(listing: ListingPage) -> bool:
    """Is the latest revision one that was never published?"""
    if listing.latest_revision_id is None:
        return False
    if listing.live:
        return listing.has_unpublished_changes
    return not PageLogEntry.objects.filter(
        page_id=listing.pk, action="wagtail.publish", revision_id=listing.latest_revision_id
    ).exists()


def listing_state(listing: ListingPage) -> ListingState:
    today = timezone.localdate()
    closed = listing.is_closed
    published_once = listing.first_published_at is not None
    expired = listing.expires_on < today or (not listing.live and listing.expired)
    state = ListingState(
        code="", label="", online=listing.live and listing.is_open,
        can_edit=not closed, can_close=not closed,
        can_renew=(not closed and published_once and (listing.live or listing.expired)
                   and listing.expires_on <= today + EXPIRING_SOON),
    )
    workflow_state = None if closed else latest_workflow_state(listing)
    if closed:
        state.code, state.label = listing.status, listing.get_status_display()
    elif workflow_state and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        state.code, state.label = "in_moderation", _("Waiting for moderation")
    elif workflow_state and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.code, state.label = "rejected", _("Not accepted by the APESS 53 team")
        state.comment = rejection_comment(workflow_state)
    elif expired:
        state.code, state.label = "expired", _("Expired")
    elif not listing.live and not published_once:
        state.code, state.label = "draft", _("Draft: not sent for moderation")
    elif not listing.live:
        state.code, state.label = "offline", _("Taken offline by the APESS 53 team")
    elif listing.expires_on <= today + EXPIRING_SOON:
        state.code, state.label = "expiring", _("Published, expires soon")
    else:
        state.code, state.label = "published", _("Published")
    if state.code in ("published", "expiring", "expired", "offline"):
        state.draft_changes = has_draft_changes(listing)
    return state
