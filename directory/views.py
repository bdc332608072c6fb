"""Public views of the directory: pages holding a contact form to a structure (a structure's
page; a listing's, in cooperation, answers its structure through the same view)."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from .contact import CONFIRMATION_TAG, ContactForm, confirm, confirmation, submit
from .models import StructurePage


class ContactFormView:
    """A page and its contact form to `recipient`: shown; or sent (validated and rate-limited
    by ContactForm, stored and relayed by `submit`), then a redirect to the confirmation at
    the form's place (`#contact-sent`), so that reloading sends nothing twice; or shown again
    with its errors (400)."""

    sent = _("Thank you, your message has been sent to %(name)s. They will answer you by "
             "e-mail.")

    def __init__(self, page: Page, recipient: StructurePage) -> None:
        self.page = page
        self.recipient = recipient

    def extra_context(self) -> dict[str, Any]:
        return {}

    def serve(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        page, recipient = self.page, self.recipient
        if request.method == "POST":
            form = ContactForm(request.POST, request=request, user=request.user,
                               recipient=recipient)
            if form.is_valid():
                submit(form, recipient, page)
                confirm(request, self.sent % {"name": recipient.title})
                return redirect(f"{page.get_url(request)}#{CONFIRMATION_TAG}")
        else:
            form = ContactForm(user=request.user, recipient=recipient)
        context = page.get_context(request, *args, **kwargs)
        context.update(contact_form=form, **self.extra_context(), **confirmation(request))
        response = TemplateResponse(
            request, page.get_template(request, *args, **kwargs), context,
            status=400 if request.method == "POST" else 200,  # shown again with its errors
        )
        if request.user.is_authenticated:  # the form holds the member's name and address
            patch_cache_control(response, private=True, no_store=True)
        return response


def serve_structure(structure: StructurePage, request: HttpRequest, *args, **kwargs
                    ) -> HttpResponse:
    return ContactFormView(structure, structure).serve(request, *args, **kwargs)
