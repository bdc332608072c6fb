"""Who is told that a listing is about to expire (the reminder queued by lifecycle.py and
sent by tasks.py)."""

from directory.models import Membership

from .models import ListingPage


def reminder_recipients(listing: ListingPage) -> list:
    """Who is told: the listing's contact member, or else every member of its structure."""
    member = listing.contact_member
    if member is not None and member.is_active and member.email:
        return [member]
    memberships = (
        Membership.objects.filter(
            structure__translation_key=listing.structure.translation_key,
            user__is_active=True,
        )
        .exclude(user__email="")
        .select_related("user")
        .order_by("user_id")
    )
    users = {membership.user_id: membership.user for membership in memberships}
    return list(users.values())
