"""An index page whose items are filtered from the query string (news, agenda, directory,
marketplace): one sequence of steps, hooks filled by each page type."""

from typing import Any, ClassVar

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, QueryDict

from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from .filters import QueryFilters


def paginate(
    request: HttpRequest, items: Any, per_page: int, parameter: str = "page"
) -> PaginatorPage:
    """Page `items` from the `?page=` parameter (or another); a bad or out-of-range number
    gives a valid page."""
    return Paginator(items, per_page).get_page(request.GET.get(parameter))


class FilteredIndexPage(RoutablePageMixin, Page):
    """The index (route "") runs: the GET parameters read by `filters_class` → the page's
    items (`items()`) → `filtered()`, which filters, searches or counts them → `paginate()`
    → the template's context (`index_context()`).

    `renamed_parameters` maps an old parameter name to its new one: a link still using the
    old one is permanently redirected to the same query under the new name."""

    filters_class: ClassVar[type[QueryFilters] | None] = None
    # A key of settings.PAGE_SIZES, and the parameter holding the page number.
    page_size: ClassVar[str] = ""
    page_parameter: ClassVar[str] = "page"
    renamed_parameters: ClassVar[dict[str, str]] = {}

    class Meta:
        abstract = True

    def items(self) -> QuerySet:
        raise NotImplementedError

    def read_filters(self, params: QueryDict) -> QueryFilters | None:
        return self.filters_class(params) if self.filters_class is not None else None

    def filtered(self, items: QuerySet, filters: QueryFilters | None) -> Any:
        """The items the filters keep (a queryset, or a search whose `page()` pages them)."""
        return items

    def paginate(self, request: HttpRequest, filtered: Any, filters: QueryFilters | None
                 ) -> PaginatorPage:
        return paginate(request, filtered, settings.PAGE_SIZES[self.page_size],
                        self.page_parameter)

    def index_context(self, request: HttpRequest, filters: QueryFilters | None,
                      filtered: Any, page: PaginatorPage) -> dict[str, Any]:
        return {"filters": filters, "items": page}

    def renamed_redirect(self, request: HttpRequest) -> HttpResponse | None:
        if not any(old in request.GET for old in self.renamed_parameters):
            return None
        params = QueryDict(mutable=True)
        for name, values in request.GET.lists():
            params.setlist(self.renamed_parameters.get(name, name), values)
        return HttpResponsePermanentRedirect(f"{request.path}?{params.urlencode()}")

    @path("")
    def index(self, request: HttpRequest) -> HttpResponse:
        redirect = self.renamed_redirect(request)
        if redirect is not None:
            return redirect
        filters = self.read_filters(request.GET)
        filtered = self.filtered(self.items(), filters)
        page = self.paginate(request, filtered, filters)
        return self.render(
            request, context_overrides=self.index_context(request, filters, filtered, page)
        )
