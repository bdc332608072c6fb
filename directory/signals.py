"""E-mails to members when the APESS 53 team approves or rejects their changes."""

from django.conf import settings
from django.core.mail import send_mail
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import translation

from wagtail.models import TaskState, WorkflowState
from wagtail.signals import workflow_approved, workflow_rejected

from .models import StructurePage
from .workflows import WORKFLOW_NAME


def _notify(state: WorkflowState, template: str, comment: str = "") -> None:
    page = state.content_object.specific  # the generic relation gives a plain Page
    member = state.requested_by
    if not isinstance(page, StructurePage) or state.workflow.name != WORKFLOW_NAME:
        return
    if member is None or not member.email:
        return
    with translation.override("fr"):
        context = {
            "member": member, "structure": page, "comment": comment,
            "url": settings.WAGTAILADMIN_BASE_URL + (page.get_url() or ""),
        }
        subject = render_to_string(f"directory/emails/{template}_subject.txt", context).strip()
        body = render_to_string(f"directory/emails/{template}_body.txt", context)
    send_mail(subject, body, None, [member.email], fail_silently=True)


@receiver(workflow_approved)
def tell_member_approved(sender, instance: WorkflowState, user=None, **kwargs) -> None:
    _notify(instance, "profile_approved")


@receiver(workflow_rejected)
def tell_member_rejected(sender, instance: WorkflowState, user=None, **kwargs) -> None:
    rejected = (
        TaskState.objects.filter(workflow_state=instance, status=TaskState.STATUS_REJECTED)
        .order_by("-finished_at")
        .first()
    )
    _notify(instance, "profile_rejected", rejected.comment if rejected else "")
