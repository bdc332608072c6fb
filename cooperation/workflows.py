"""Moderation of listings: "Modération des annonces", approved by the moderators and editors."""

from wagtail.models import Workflow

from directory.workflows import APPROVER_GROUPS, moderation_workflow

WORKFLOW_NAME = "Modération des annonces"
TASK_NAME = "Validation des annonces"


def listings_workflow() -> Workflow:
    return moderation_workflow(WORKFLOW_NAME, TASK_NAME, APPROVER_GROUPS)
