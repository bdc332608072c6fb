"""Moderation of what members change: Wagtail workflows approved by the APESS 53 team.

The workflows, their task and its groups are made, and assigned to the directory's and the
marketplace's index pages, by a data migration (members/migrations/0001_moderation_workflows.py);
the demo (members/demo.py) assigns them to the index pages it creates, by the same function. A
member's submission goes to the workflow Wagtail finds for the page in the tree (as an
editor's submission in the admin does: members/moderation.py), and the e-mails are chosen by
page type (members/emails.py), so renaming a workflow in the admin changes nothing. This module
imports no model of the project: the migration imports it.
"""

from django.apps import apps as django_apps
from django.conf import settings

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


INDEX_PAGES = {("directory", "DirectoryIndexPage"): PROFILE_WORKFLOW,
               ("cooperation", "CooperationIndexPage"): LISTINGS_WORKFLOW}


def assign_to_index_pages(apps=django_apps) -> None:
    """The source-language directory and marketplace index pages get their workflow, unless
    one was assigned already (else Wagtail's default, at the root, would moderate them)."""
    workflow_ids = ensure_workflows(apps)
    workflow_page_model = apps.get_model("wagtailcore", "WorkflowPage")
    for (app_label, model_name), workflow_name in INDEX_PAGES.items():
        pages = apps.get_model(app_label, model_name).objects.filter(
            locale__language_code=settings.LANGUAGE_CODE
        )
        for page in pages:
            workflow_page_model.objects.get_or_create(
                page_id=page.pk, defaults={"workflow_id": workflow_ids[workflow_name]}
            )
