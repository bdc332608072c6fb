"""Moderation of what members change: Wagtail workflows approved by the APESS 53 team.

The workflows, their task and its groups are made by a data migration
(members/migrations/0001_moderation_workflows.py), through `ensure_workflows`; the demo
(members/demo.py) assigns them to the directory's and the marketplace's index pages. A
member's submission goes to the workflow Wagtail finds for the page in the tree (as an
editor's submission in the admin does), and the e-mails are chosen by page type
(members/emails.py), so renaming a workflow in the admin changes nothing.
"""

from django.apps import apps as django_apps

from wagtail.models import Page, Workflow, WorkflowPage

from cooperation.models import ListingPage

PROFILE_WORKFLOW = "Modération de l'annuaire"
PROFILE_TASK = "Validation par l'équipe APESS 53"
LISTINGS_WORKFLOW = "Modération des annonces"
LISTINGS_TASK = "Validation des annonces"
# DESIGN.md: editors moderate what members post, with the moderators.
APPROVER_GROUPS = ["Editors", "Moderators"]
WORKFLOWS = {PROFILE_WORKFLOW: PROFILE_TASK, LISTINGS_WORKFLOW: LISTINGS_TASK}


def ensure_workflows(apps=django_apps) -> dict[str, int]:
    """The two one-step group-approval workflows, created if missing: {name: pk}.

    `apps` is the migration's historical registry or Django's own: historical models have no
    custom `__init__`, so the task's content type is set here, as Wagtail's migration 0048 does.
    """
    content_type_model = apps.get_model("contenttypes", "ContentType")
    group_model = apps.get_model("auth", "Group")
    workflow_model = apps.get_model("wagtailcore", "Workflow")
    task_model = apps.get_model("wagtailcore", "GroupApprovalTask")
    workflow_task_model = apps.get_model("wagtailcore", "WorkflowTask")
    task_type, _ = content_type_model.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    groups = [group_model.objects.get_or_create(name=name)[0] for name in APPROVER_GROUPS]
    created = {}
    for workflow_name, task_name in WORKFLOWS.items():
        workflow, _ = workflow_model.objects.get_or_create(name=workflow_name)
        if not workflow_task_model.objects.filter(workflow=workflow).exists():
            task, _ = task_model.objects.get_or_create(
                name=task_name, defaults={"content_type": task_type}
            )
            task.groups.set(groups)
            workflow_task_model.objects.create(workflow=workflow, task=task, sort_order=0)
        created[workflow_name] = workflow.pk
    return created


def assign_workflow(index: Page, workflow_name: str) -> None:
    """Edits of the pages below `index`, in the admin too, go through this moderation."""
    if not WorkflowPage.objects.filter(page=index).exists():
        workflow = Workflow.objects.get(pk=ensure_workflows()[workflow_name])
        WorkflowPage.objects.create(page=index, workflow=workflow)


def workflow_for(page: Page) -> Workflow:
    """The moderation a member's change to `page` goes through: the one assigned above it in
    the tree, else (an index page nobody assigned one to) the default one for its page type."""
    workflow = page.get_workflow()
    if workflow is not None:
        return workflow
    name = LISTINGS_WORKFLOW if isinstance(page, ListingPage) else PROFILE_WORKFLOW
    return Workflow.objects.get(pk=ensure_workflows()[name])
