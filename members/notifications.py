"""Wagtail's moderation e-mails to the team: one per person and submission, in French by default.

Wagtail sends, on a submission, one e-mail for the workflow (to the superusers) and one for its
first task (to the task's groups and the superusers): a superuser got both. It writes them in
each person's chosen admin language, or else in the language of the request that triggered
them, so a member posting from /en/ made every moderator's e-mail English. Its notifiers are
replaced here (same signals, same dispatch ids) by subclasses that fix both.
"""

from django.conf import settings
from django.utils import translation

from wagtail.admin.mail import (
    GroupApprovalTaskStateSubmissionEmailNotifier,
    WorkflowStateApprovalEmailNotifier,
    WorkflowStateRejectionEmailNotifier,
    WorkflowStateSubmissionEmailNotifier,
)
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted


class SiteLanguageMixin:
    def send_emails(self, template_set, context, recipients, **kwargs) -> bool:
        # Wagtail renders in `preferred_language`, else in the active language: make the
        # active language the site's (French) for whoever chose none.
        with translation.override(settings.LANGUAGE_CODE):
            return super().send_emails(template_set, context, recipients, **kwargs)


class TaskSubmissionNotifier(SiteLanguageMixin, GroupApprovalTaskStateSubmissionEmailNotifier):
    pass


task_submission_notifier = TaskSubmissionNotifier()


class WorkflowSubmissionNotifier(SiteLanguageMixin, WorkflowStateSubmissionEmailNotifier):
    def get_recipient_users(self, workflow_state: WorkflowState, **kwargs):
        recipients = super().get_recipient_users(workflow_state, **kwargs)
        # Those whom the first task's e-mail reaches already know; Wagtail also forgets to
        # leave out the person who submitted (its `exclude` result is dropped).
        task_state = workflow_state.current_task_state
        if task_state is not None and task_submission_notifier.can_handle(task_state):
            told = task_submission_notifier.get_recipient_users(task_state, **kwargs)
            recipients = recipients.exclude(pk__in=told.values("pk"))
        if user := kwargs.get("user"):
            recipients = recipients.exclude(pk=user.pk)
        return recipients


class ApprovalNotifier(SiteLanguageMixin, WorkflowStateApprovalEmailNotifier):
    def get_context(self, workflow_state: WorkflowState, **kwargs) -> dict:
        context = super().get_context(workflow_state, **kwargs)
        # Wagtail links to `page.full_url`, the host of the Site record (often "localhost"):
        # every other link of these e-mails starts with WAGTAILADMIN_BASE_URL
        # (site/templates/wagtailadmin/notifications/workflow_state_approved.txt).
        if page := context.get("page"):
            parts = page.get_url_parts()
            context["page_url"] = settings.WAGTAILADMIN_BASE_URL + parts[2] if parts else ""
        return context


class RejectionNotifier(SiteLanguageMixin, WorkflowStateRejectionEmailNotifier):
    pass


workflow_submission_notifier = WorkflowSubmissionNotifier()
approval_notifier = ApprovalNotifier()
rejection_notifier = RejectionNotifier()

# Wagtail's dispatch ids (wagtail.admin.signal_handlers): whichever app is ready first, only one
# notifier per signal stays connected, ours.
_CONNECTIONS = [
    (task_submitted, TaskState, task_submission_notifier,
     "group_approval_task_submitted_email_notification"),
    (workflow_submitted, WorkflowState, workflow_submission_notifier,
     "workflow_state_submitted_email_notification"),
    (workflow_rejected, WorkflowState, rejection_notifier,
     "workflow_state_rejected_email_notification"),
    (workflow_approved, WorkflowState, approval_notifier,
     "workflow_state_approved_email_notification"),
]


def connect() -> None:
    for signal, sender, notifier, uid in _CONNECTIONS:
        signal.disconnect(sender=sender, dispatch_uid=uid)
        signal.connect(notifier, sender=sender, dispatch_uid=uid)


def told_by_wagtail(state: WorkflowState, outcome: str, user=None) -> set:
    """Who gets Wagtail's own e-mail about this approval or rejection (staff who keep them on)."""
    notifier = approval_notifier if outcome == "approved" else rejection_notifier
    return notifier.get_valid_recipients(state, user=user)

