"""The admin's moderation buttons ("Approve", "Request changes") confirm what they did.

Wagtail's workflow action view only redirects to the page's editor, so a moderator approving
from the dashboard saw nothing happen. config/urls.py routes its URL here first: Wagtail's own
view does the work, then a message says what was decided.
"""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from wagtail.admin import messages
from wagtail.admin.auth import require_admin_access
from wagtail.admin.utils import get_latest_str
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.models import Page, TaskState

# The path of Wagtail's "wagtailadmin_pages:workflow_action", below /admin/.
WORKFLOW_ACTION_PATH = "pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/"

_wagtail_workflow_action = page_viewset_registry.as_view("workflow_action", page_id_kwarg="page_id")


def _status(task_state_id: int) -> str | None:
    return TaskState.objects.filter(pk=task_state_id).values_list("status", flat=True).first()


@require_admin_access
def workflow_action(
    request: HttpRequest, page_id: int, action_name: str, task_state_id: int
) -> HttpResponse:
    before = _status(task_state_id)
    response = _wagtail_workflow_action(
        request, page_id=page_id, action_name=action_name, task_state_id=task_state_id
    )
    after = _status(task_state_id)
    if request.method == "POST" and before == TaskState.STATUS_IN_PROGRESS and after != before:
        title = get_latest_str(Page.objects.get(pk=page_id))
        if after == TaskState.STATUS_APPROVED:
            messages.success(request, _("You approved “%(title)s”.") % {"title": title})
        elif after == TaskState.STATUS_REJECTED:
            messages.success(
                request, _("You requested changes to “%(title)s”.") % {"title": title}
            )
    return response
