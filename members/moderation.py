"""What members submit goes through a Wagtail workflow: the helpers shared by the member spaces.

Both member spaces (structure profiles, listings) save a revision, submit it to the page's
workflow (members/workflows.py) and show the member where it stands.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from wagtail.models import Page, TaskState, Workflow, WorkflowState
from wagtail.users.models import UserProfile

from cooperation.models import ListingPage

from .workflows import LISTINGS_WORKFLOW, PROFILE_WORKFLOW, ensure_workflows


def workflow_for(page: Page) -> Workflow:
    """The moderation a member's change to `page` goes through: the one assigned above it in
    the tree, else (an index page nobody assigned one to) the default one for its page type."""
    workflow = page.get_workflow()
    if workflow is not None:
        return workflow
    name = LISTINGS_WORKFLOW if isinstance(page, ListingPage) else PROFILE_WORKFLOW
    return Workflow.objects.get(pk=ensure_workflows()[name])


@dataclass
class ModerationState:
    code: str  # "live", "in_moderation", "rejected", "approved"
    label: str
    comment: str = ""


def latest_workflow_state(page: Page) -> WorkflowState | None:
    return WorkflowState.objects.for_instance(page).order_by("-created_at", "-pk").first()


def rejection_comment(state: WorkflowState) -> str:
    rejected = (
        TaskState.objects.filter(workflow_state=state, status=TaskState.STATUS_REJECTED)
        .order_by("-finished_at")
        .first()
    )
    return rejected.comment if rejected else ""


def moderation_state(page: Page) -> ModerationState:
    state = latest_workflow_state(page)
    if state is None or state.status == WorkflowState.STATUS_CANCELLED:
        return ModerationState("live", _("Published"))
    if state.status == WorkflowState.STATUS_IN_PROGRESS:
        return ModerationState("in_moderation", _("Your changes are waiting for moderation"))
    if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return ModerationState(
            "rejected", _("Your changes were not accepted"), rejection_comment(state)
        )
    return ModerationState("approved", _("Your last changes were approved and published"))


def silence_wagtail_notifications(user) -> None:
    """Members are told by our own e-mails (members/emails.py), in French, without admin links."""
    UserProfile.objects.update_or_create(
        user=user,
        defaults={"submitted_notifications": False, "approved_notifications": False,
                  "rejected_notifications": False, "updated_comments_notifications": False},
    )


def cancel_moderation(page: Page, user) -> WorkflowState | None:
    """Take back what is waiting for (or was refused by) moderation; return that state."""
    pending = WorkflowState.objects.active().for_instance(page).first()
    if pending:
        pending.cancel(user=user)
    return pending


@transaction.atomic
def save_draft(page: Page, user) -> None:
    """A revision only: nothing is published, and nothing waits for moderation any more."""
    page.save_revision(user=user, log_action=True)
    cancel_moderation(page, user)


@transaction.atomic
def submit_for_moderation(page: Page, user) -> WorkflowState:
    """A revision of `page`, submitted to its workflow (replacing any pending submission)."""
    page.save_revision(user=user, log_action=True)
    cancel_moderation(page, user)
    silence_wagtail_notifications(user)
    return workflow_for(page).start(page, user)
