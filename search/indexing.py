"""Keeping the index fresh when what a page's entry holds changes elsewhere.

Wagtail re-indexes a page when the page itself is saved. An entry also holds related names
(a structure's sectors, a listing's structure and category): when those change, the apps
ask for the pages that show them to be indexed again, through the same background task as
Wagtail's own updates (django-tasks: at once in tests, by the worker in production).
"""

from collections.abc import Iterable

from django.db.models import Model

from modelsearch.tasks import insert_or_update_object_task


def reindex(objects: Iterable[Model]) -> int:
    """Queue each object's index entry to be rebuilt; return how many were queued."""
    count = 0
    for obj in objects:
        insert_or_update_object_task.enqueue(obj._meta.app_label, obj._meta.model_name, str(obj.pk))
        count += 1
    return count
