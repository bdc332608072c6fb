"""The read-only Wagtail API v2 at /api/v2/: live pages (structures included), images,
documents. Pages expose only their `api_fields`: a structure's e-mail is not among them."""

from django.db.models import Exists, OuterRef

from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, PageViewRestriction

from cooperation.models import ListingPage
from core.visibility import visible

# Beyond any row count the site will reach, and far below the databases' 64-bit integers:
# a larger offset reached SQLite as an integer it cannot hold (a 500).
MAX_OFFSET = 2**31 - 1


class BoundedPagination(WagtailPagination):
    """Wagtail's paging, with an offset no database integer overflows on."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0")
        if offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view=view)


class AliasRestrictionsViewSet(PagesAPIViewSet):
    """Wagtail's API hides the pages under a view restriction the request does not satisfy,
    but not the aliases of those pages in the other languages' trees: hide them too."""

    def get_base_queryset(self):
        refused = [
            restriction
            for restriction in PageViewRestriction.objects.select_related("page__alias_of")
            if not restriction.accept_request(self.request)
        ]
        queryset = super().get_base_queryset()
        return visible(queryset, refused) if refused else queryset


class PublicPagesAPIViewSet(AliasRestrictionsViewSet):
    """Live pages, less the listings that are closed or past their last day (until the
    periodic jobs unpublish them)."""

    pagination_class = BoundedPagination

    def get_base_queryset(self):
        hidden = ListingPage.objects.closed_or_expired()
        # An alias (English) copies its source's fields only when the source is published:
        # the source's own status and last day decide for both.
        return super().get_base_queryset().exclude(
            Exists(hidden.filter(pk=OuterRef("pk")))
        ).exclude(Exists(hidden.filter(pk=OuterRef("alias_of_id"))))

    def get_queryset(self):
        queryset = super().get_queryset()
        if queryset.model is not Page:
            return queryset  # one type: Wagtail already selects it by `pk__in`
        # The search backend cannot apply the listing rule above (`status` is not an indexed
        # field of every page): it applies "one of these pages" to any type, as Wagtail does
        # for `?type=` with a single type.
        return Page.objects.filter(pk__in=queryset.values_list("pk", flat=True))


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    """Images (Wagtail already leaves out those of collections the request may not see, such
    as a listing's before it is approved)."""

    pagination_class = BoundedPagination


class PublicDocumentsAPIViewSet(DocumentsAPIViewSet):
    """Documents (Wagtail already leaves out those of collections the request may not see)."""

    pagination_class = BoundedPagination


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
