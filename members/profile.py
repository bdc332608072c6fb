"""Espace membre: a member edits its structure's profile; an editor approves the change.

Saving never touches the live page: it stores a revision and submits it to the directory's
moderation workflow. The member sees where each change stands and is told by e-mail.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from wagtail.models import Locale

from directory.models import Membership, StructurePage

from .conflicts import BASE_REVISION, conflict_message, differences, is_stale, revision_marker
from .forms import StructureProfileForm
from .moderation import moderation_state, submit_for_moderation


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
    return TemplateResponse(request, "members/member_space/home.html", {"rows": rows})


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
                return redirect("members:member_space")
    else:
        draft = structure.get_latest_revision_as_object()
        form = StructureProfileForm(instance=draft, locale=locale)
    return TemplateResponse(
        request, "members/member_space/edit.html", {**context, "form": form},
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
        request, "members/member_space/edit.html",
        {**context, "form": form, "base_revision": data[BASE_REVISION],
         "conflict": conflict_message(), "differences": differences(form, saved)},
        status=409,
    )
