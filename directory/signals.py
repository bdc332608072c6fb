"""E-mails to members when the APESS 53 team approves or rejects what they submitted.

Each moderation workflow that members use registers its e-mails here: the directory's own
(profile changes) below, the cooperation app's (listings) from its `ready()`. A workflow that
registered nothing sends nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import translation

from wagtail.models import Page, WorkflowState
from wagtail.signals import workflow_approved, workflow_rejected

from search.indexing import reindex

from .models import Sector, StructurePage, Territory
from .moderation import rejection_comment
from .notifications import told_by_wagtail
from .workflows import WORKFLOW_NAME


@dataclass(frozen=True)
class ModerationEmails:
    # Templates "<prefix>_approved_subject.txt", "<prefix>_approved_body.txt", "…_rejected_…".
    template_prefix: str
    # The template context for the (specific) page, or None when no e-mail should be sent.
    context: Callable[[Page], dict | None]


_REGISTRY: dict[str, ModerationEmails] = {}


def register_moderation_emails(
    workflow_name: str, template_prefix: str, context: Callable[[Page], dict | None]
) -> None:
    _REGISTRY[workflow_name] = ModerationEmails(template_prefix, context)


def _profile_context(page: Page) -> dict | None:
    if not isinstance(page, StructurePage):
        return None
    return {"structure": page, "url": settings.WAGTAILADMIN_BASE_URL + (page.get_url() or "")}


register_moderation_emails(WORKFLOW_NAME, "directory/emails/profile", _profile_context)


def _notify(state: WorkflowState, outcome: str, comment: str = "", user=None) -> None:
    emails = _REGISTRY.get(state.workflow.name)
    member = state.requested_by
    if emails is None or member is None or not member.email:
        return
    if member in told_by_wagtail(state, outcome, user):
        return  # staff who submitted in the admin keep Wagtail's e-mail: one, not two
    page = state.content_object.specific  # the generic relation gives a plain Page
    with translation.override("fr"):
        context = emails.context(page)
        if context is None:
            return
        context.update(member=member, comment=comment)
        prefix = f"{emails.template_prefix}_{outcome}"
        # One line, whatever a member typed in a title: a line break would be a header.
        subject = " ".join(render_to_string(f"{prefix}_subject.txt", context).split())
        body = render_to_string(f"{prefix}_body.txt", context)
    send_mail(subject, body, None, [member.email], fail_silently=True)


@receiver(workflow_approved)
def tell_member_approved(sender, instance: WorkflowState, user=None, **kwargs) -> None:
    _notify(instance, "approved", user=user)


@receiver(workflow_rejected)
def tell_member_rejected(sender, instance: WorkflowState, user=None, **kwargs) -> None:
    _notify(instance, "rejected", rejection_comment(instance), user=user)


@receiver(post_save, sender=Sector)
@receiver(post_save, sender=Territory)
def reindex_classified_structures(sender, instance, raw: bool = False, **kwargs) -> None:
    """A renamed sector or territory: its structures are found by the new name at once."""
    if raw:
        return
    relation = "sectors" if sender is Sector else "territories"
    reindex(StructurePage.objects.filter(**{relation: instance}).only("pk"))
