"""The members' part of the demo: the moderation workflows (made by the migration, or again
after a test emptied the tables) assigned to the directory's and the marketplace's index pages."""

from collections.abc import Callable

from cooperation.models import CooperationIndexPage
from directory.models import DirectoryIndexPage

from .workflows import LISTINGS_WORKFLOW, PROFILE_WORKFLOW, assign_workflow


def load(log: Callable[[str], None]) -> None:
    for model, workflow_name in ((DirectoryIndexPage, PROFILE_WORKFLOW),
                                 (CooperationIndexPage, LISTINGS_WORKFLOW)):
        # The French index only: the English one is its translation (as before).
        for index in model.objects.filter(locale__language_code="fr"):
            assign_workflow(index, workflow_name)
            log(f"  {index.title}: {workflow_name}")
