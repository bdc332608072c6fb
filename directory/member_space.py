"""Espace membre: a member edits its structure's profile; an editor approves the change.

Saving never touches the live page: it stores a revision and submits it to the directory's
moderation workflow. The member sees where each change stands and is told by e-mail.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _

from wagtail.models import Locale, TaskState, WorkflowState
from wagtail.users.models import UserProfile

from .forms import StructureProfileForm
from .models import Membership, StructurePage
from .workflows import directory_workflow


@dataclass
class ModerationState:
    code: str  # "live", "in_moderation", "rejected", "approved"
    label: str
    comment: str = ""


def moderation_state(structure: StructurePage) -> ModerationState:
    state = (
        WorkflowState.objects.for_instance(structure).order_by("-created_at").first()
    )
    if state is None or state.status == WorkflowState.STATUS_CANCELLED:
        return ModerationState("live", _("Published"))
    if state.status == WorkflowState.STATUS_IN_PROGRESS:
        return ModerationState("in_moderation", _("Your changes are waiting for moderation"))
    if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        rejected = (
            TaskState.objects.filter(workflow_state=state, status=TaskState.STATUS_REJECTED)
            .order_by("-finished_at")
            .first()
        )
        return ModerationState(
            "rejected", _("Your changes were not accepted"), rejected.comment if rejected else ""
        )
    return ModerationState("approved", _("Your last changes were approved and published"))


def structures_of(user) -> list[StructurePage]:
    """The (source-language) structures this account may edit."""
    ids = Membership.objects.filter(user=user).values("structure_id")
    return list(StructurePage.objects.filter(pk__in=ids).order_by("title"))


def editable_structure(request: HttpRequest, pk: int) -> StructurePage:
    structure = get_object_or_404(StructurePage, pk=pk)
    if not Membership.objects.filter(user=request.user, structure=structure).exists():
        raise PermissionDenied(_("You can only edit the structures you belong to."))
    return structure


@login_required
def member_space(request: HttpRequest) -> HttpResponse:
    rows = [(structure, moderation_state(structure)) for structure in structures_of(request.user)]
    return TemplateResponse(request, "directory/member_space/home.html", {"rows": rows})


@login_required
def edit_structure(request: HttpRequest, pk: int) -> HttpResponse:
    structure = editable_structure(request, pk)
    draft = structure.get_latest_revision_as_object()
    locale = Locale.objects.get(pk=structure.locale_id)
    form = StructureProfileForm(request.POST or None, instance=draft, locale=locale)
    if request.method == "POST" and form.is_valid():
        submit_for_moderation(form.apply(), request.user)
        messages.success(
            request,
            _("Thank you: your changes were sent to the APESS 53 team. They will be published "
              "once approved; you will be told by e-mail."),
        )
        return redirect("directory:member_space")
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(
        request,
        "directory/member_space/edit.html",
        {"structure": structure, "form": form, "state": moderation_state(structure)},
        status=status,
    )


@transaction.atomic
def submit_for_moderation(page: StructurePage, user) -> None:
    """A revision of `page`, submitted to the directory workflow (replacing any pending one)."""
    page.save_revision(user=user, log_action=True)
    pending = WorkflowState.objects.active().for_instance(page).first()
    if pending:
        pending.cancel(user=user)
    # Members are told by our own e-mails (directory.signals), in French, without admin links.
    UserProfile.objects.update_or_create(
        user=user,
        defaults={"submitted_notifications": False, "approved_notifications": False,
                  "rejected_notifications": False, "updated_comments_notifications": False},
    )
    directory_workflow().start(page, user)


urlpatterns = [
    path("", member_space, name="member_space"),
    path("structures/<int:pk>/", edit_structure, name="edit_structure"),
]
