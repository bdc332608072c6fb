"""Moderation of what members change: a Wagtail workflow approved by the APESS 53 team."""

from django.contrib.auth.models import Group

from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

WORKFLOW_NAME = "Modération de l'annuaire"
TASK_NAME = "Validation par l'équipe APESS 53"
APPROVER_GROUPS = ["Editors", "Moderators"]


def directory_workflow() -> Workflow:
    """The workflow of member edits (created on first use: it needs Wagtail's groups)."""
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if created or not workflow.workflow_tasks.exists():
        task, _ = GroupApprovalTask.objects.get_or_create(name=TASK_NAME)
        task.groups.set(Group.objects.filter(name__in=APPROVER_GROUPS))
        # Workflow is a ClusterableModel: its related manager would only keep this in memory.
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def assign_to(index: Page) -> None:
    """Edits of the structures below `index`, in the admin too, go through the same moderation."""
    WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": directory_workflow()})
