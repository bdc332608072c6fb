"""Moderation of what members change: Wagtail workflows approved by the APESS 53 team."""

from django.contrib.auth.models import Group

from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

WORKFLOW_NAME = "Modération de l'annuaire"
TASK_NAME = "Validation par l'équipe APESS 53"
# DESIGN.md: editors moderate what members post, with the moderators.
APPROVER_GROUPS = ["Editors", "Moderators"]


def moderation_workflow(name: str, task_name: str, groups: list[str]) -> Workflow:
    """A one-step group-approval workflow (created on first use: it needs Wagtail's groups)."""
    workflow, created = Workflow.objects.get_or_create(name=name)
    if created or not workflow.workflow_tasks.exists():
        task, _ = GroupApprovalTask.objects.get_or_create(name=task_name)
        task.groups.set(Group.objects.filter(name__in=groups))
        # Workflow is a ClusterableModel: its related manager would only keep this in memory.
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def directory_workflow() -> Workflow:
    return moderation_workflow(WORKFLOW_NAME, TASK_NAME, APPROVER_GROUPS)


def assign_to(index: Page, workflow: Workflow | None = None) -> None:
    """Edits of the pages below `index`, in the admin too, go through this moderation."""
    WorkflowPage.objects.get_or_create(
        page=index, defaults={"workflow": workflow or directory_workflow()}
    )
