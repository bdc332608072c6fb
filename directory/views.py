"""Public views of the directory."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .contact import ContactForm, submit
from .filters import DirectoryFilters


def directory_index(index, request: HttpRequest) -> HttpResponse:
    filters = DirectoryFilters.from_query(request.GET)
    search = filters.search(
        index.structures().select_related("logo").prefetch_related("sectors"), index.locale
    )
    return index.render(
        request,
        context_overrides={
            "filters": filters,
            "facets": search.facets(),
            # Alphabetical without words; best matches first with words.
            "structures": search.page(
                request.GET.get("page"), settings.PAGE_SIZES["directory"], ["title"]
            ),
            "map_structures": search.matching().filter(
                latitude__isnull=False, longitude__isnull=False
            ).order_by("title"),
            "pagination_query": filters.query_string(),
        },
    )


def serve_structure(structure, request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """The structure's page, and its contact form (POST, then redirect: no double sending)."""
    if request.method == "POST":
        form = ContactForm(request.POST)
        if form.is_valid():
            submit(form, structure, structure)
            messages.success(
                request,
                _("Thank you, your message has been sent to %(name)s. They will answer you by "
                  "e-mail.") % {"name": structure.title},
            )
            return redirect(f"{structure.get_url(request)}#contact")
    else:
        form = ContactForm()
    context = structure.get_context(request, *args, **kwargs)
    context["contact_form"] = form
    return TemplateResponse(
        request,
        structure.get_template(request, *args, **kwargs),
        context,
        status=400 if request.method == "POST" else 200,  # shown again with its errors
    )
