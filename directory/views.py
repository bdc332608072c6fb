"""Public views of the directory: a structure's page with its contact form."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from .contact import CONFIRMATION_TAG, ContactForm, confirm, confirmation, submit


def serve_structure(structure, request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """The structure's page, and its contact form (POST, then redirect: no double sending)."""
    if request.method == "POST":
        form = ContactForm(request.POST, request=request, user=request.user, recipient=structure)
        if form.is_valid():
            submit(form, structure, structure)
            confirm(
                request,
                _("Thank you, your message has been sent to %(name)s. They will answer you by "
                  "e-mail.") % {"name": structure.title},
            )
            return redirect(f"{structure.get_url(request)}#{CONFIRMATION_TAG}")
    else:
        form = ContactForm(user=request.user, recipient=structure)
    context = structure.get_context(request, *args, **kwargs)
    context["contact_form"] = form
    context.update(confirmation(request))
    response = TemplateResponse(
        request,
        structure.get_template(request, *args, **kwargs),
        context,
        status=400 if request.method == "POST" else 200,  # shown again with its errors
    )
    if request.user.is_authenticated:  # the form holds the member's name and address
        patch_cache_control(response, private=True, no_store=True)
    return response
