"""Espace membre: a member edits its structure's profile; an editor approves the change.

Saving never touches the live page: it stores a revision and submits it to the directory's
moderation workflow. The member sees where each change stands and is told by e-mail.
"""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _

from wagtail.models import Locale

from . import moderation, privacy
from .conflicts import BASE_REVISION, conflict_message, differences, is_stale, revision_marker
from .forms import DeleteAccountForm, StructureProfileForm
from .models import Membership, StructurePage
from .moderation import ModerationState, moderation_state
from .workflows import directory_workflow

__all__ = ["ModerationState", "moderation_state", "structures_of", "submit_for_moderation"]


def structures_of(user) -> list[StructurePage]:
    """The (source-language) structures this account may edit."""
    ids = Membership.objects.filter(user=user).values("structure_id")
    return list(StructurePage.objects.filter(pk__in=ids).order_by("title"))


MAX_ID = 2**31 - 1  # beyond any page id; larger numbers overflow the database's integers


def editable_structure(request: HttpRequest, pk: int) -> StructurePage:
    if pk > MAX_ID:
        raise Http404
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
    locale = Locale.objects.get(pk=structure.locale_id)
    context = {"structure": structure, "state": moderation_state(structure),
               "base_revision": request.POST.get(BASE_REVISION, revision_marker(structure))}
    if request.method == "POST":
        with transaction.atomic():
            if is_stale(request, structure):
                return _conflict(request, structure, locale, context)
            draft = structure.get_latest_revision_as_object()
            form = StructureProfileForm(request.POST, instance=draft, locale=locale)
            if form.is_valid():
                submit_for_moderation(form.apply(), request.user)
                messages.success(
                    request,
                    _("Thank you: your changes were sent to the APESS 53 team. They will be "
                      "published once approved; you will be told by e-mail."),
                )
                return redirect("directory:member_space")
    else:
        draft = structure.get_latest_revision_as_object()
        form = StructureProfileForm(instance=draft, locale=locale)
    return TemplateResponse(
        request, "directory/member_space/edit.html", {**context, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _conflict(request: HttpRequest, structure: StructurePage, locale, context) -> HttpResponse:
    """Nothing saved: the member's text in the form, beside what is saved now."""
    structure.refresh_from_db()
    saved = StructureProfileForm(instance=structure.get_latest_revision_as_object(), locale=locale)
    # The member's text, to be sent again on the revision now saved.
    data = request.POST.copy()
    data[BASE_REVISION] = revision_marker(structure)
    form = StructureProfileForm(data, instance=structure.get_latest_revision_as_object(),
                                locale=locale)
    form.is_valid()
    return TemplateResponse(
        request, "directory/member_space/edit.html",
        {**context, "form": form, "base_revision": data[BASE_REVISION],
         "conflict": conflict_message(), "differences": differences(form, saved)},
        status=409,
    )


def submit_for_moderation(page: StructurePage, user) -> None:
    """A revision of `page`, submitted to the directory workflow (replacing any pending one)."""
    moderation.submit_for_moderation(page, user, directory_workflow())


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    """What the site holds about me: download it, or delete my account."""
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        if request.user.email:
            send_mail(
                _("Your APESS 53 account was deleted"),
                render_to_string(
                    "directory/emails/account_deleted_body.txt", {"user": request.user}
                ),
                None, [request.user.email],
            )
        privacy.forget_account(request.user)
        logout(request)
        messages.success(request, _("Your account was deleted. Thank you for your trust."))
        return redirect("/")
    return TemplateResponse(
        request, "directory/member_space/my_data.html", {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def my_data_json(request: HttpRequest) -> HttpResponse:
    response = JsonResponse(
        privacy.personal_data(request.user), encoder=DjangoJSONEncoder,
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = 'attachment; filename="mes-donnees-apess53.json"'
    return response


urlpatterns = [
    path("", member_space, name="member_space"),
    path("structures/<int:pk>/", edit_structure, name="edit_structure"),
    path("mes-donnees/", my_data, name="my_data"),
    path("mes-donnees/export.json", my_data_json, name="my_data_json"),
]
