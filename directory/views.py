"""Public views of the directory."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from home.models.mixins import paginate

from .contact import ContactForm, submit
from .filters import DirectoryFilters

STRUCTURES_PER_PAGE = 20


def directory_index(index, request: HttpRequest) -> HttpResponse:
    filters = DirectoryFilters.from_query(request.GET)
    structures = index.structures()
    matching = (
        filters.apply(structures, index.locale)
        .select_related("logo")
        .prefetch_related("sectors")
        .order_by("title")
    )
    page_obj = paginate(request, matching, STRUCTURES_PER_PAGE)
    return index.render(
        request,
        context_overrides={
            "filters": filters,
            "facets": filters.facets(structures, index.locale),
            "structures": page_obj,
            "map_structures": matching.filter(latitude__isnull=False, longitude__isnull=False),
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
