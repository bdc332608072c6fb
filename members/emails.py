"""E-mails to members when the APESS 53 team approves or rejects what they submitted.

The e-mail is chosen by the page's type (a structure's profile, a listing), never by the
workflow's name: renaming a workflow in the admin must not stop them.
"""

from django.conf import settings
from django.dispatch import receiver
from django.urls import reverse
from django.utils import translation

from wagtail.models import Page, WorkflowState
from wagtail.signals import workflow_approved, workflow_rejected

from cooperation.models import ListingPage
from core.emails import send_templated_email
from directory.models import StructurePage

from .moderation import rejection_comment
from .notifications import told_by_wagtail


def _page_emails(page: Page) -> tuple[str, dict] | None:
    """The templates' prefix and context for `page` (specific), None for other page types."""
    base = settings.WAGTAILADMIN_BASE_URL
    url = base + (page.get_url() or "")
    if isinstance(page, StructurePage):
        return "members/emails/profile", {"structure": page, "url": url}
    if isinstance(page, ListingPage):
        return "members/emails/listing", {
            "listing": page, "structure": page.structure, "url": url,
            "member_space_url": base + reverse("members:listings"),
        }
    return None


def _notify(state: WorkflowState, outcome: str, comment: str = "", user=None) -> None:
    member = state.requested_by
    if member is None or not member.email:
        return
    if member in told_by_wagtail(state, outcome, user):
        return  # staff who submitted in the admin keep Wagtail's e-mail: one, not two
    page = state.content_object.specific  # the generic relation gives a plain Page
    with translation.override("fr"):
        emails = _page_emails(page)
    if emails is None:
        return
    prefix, context = emails
    context.update(member=member, comment=comment)
    send_templated_email(f"{prefix}_{outcome}", context, [member.email], language="fr",
                         fail_silently=True)


@receiver(workflow_approved)
def tell_member_approved(sender, instance: WorkflowState, user=None, **kwargs) -> None:
    _notify(instance, "approved", user=user)


@receiver(workflow_rejected)
def tell_member_rejected(sender, instance: WorkflowState, user=None, **kwargs) -> None:
    _notify(instance, "rejected", rejection_comment(instance), user=user)
