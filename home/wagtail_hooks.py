"""Admin configuration of the editorial snippets; privacy of aliases when serving pages."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import Page, PageViewRestriction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.wagtail_hooks import require_wagtail_login

from home.models import NewsCategory
from search.visibility import source_restrictions


class NewsCategoryViewSet(SnippetViewSet):
    model = NewsCategory
    icon = "tag"
    menu_label = _("News categories")
    add_to_admin_menu = False
    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]


register_snippet(NewsCategoryViewSet)


@hooks.register("before_serve_page")
def check_alias_source_restrictions(page: Page, request: HttpRequest, serve_args, serve_kwargs):
    """An alias is as private as its source's section (search/visibility.py): Wagtail checks
    the source page's own restrictions, not those of the source's ancestors."""
    for restriction in source_restrictions(page):
        if restriction.accept_request(request):
            continue
        if restriction.restriction_type == PageViewRestriction.PASSWORD:
            form = PasswordViewRestrictionForm(
                instance=restriction, initial={"return_url": request.get_full_path()}
            )
            action_url = reverse("wagtailcore_authenticate_with_password",
                                 args=[restriction.pk, page.pk])
            response = page.serve_password_required_response(request, form, action_url)
        else:
            response = require_wagtail_login(next=request.get_full_path())
        add_never_cache_headers(response)
        return response
    return None
