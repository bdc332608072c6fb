"""The read-only Wagtail API v2 at /api/v2/: live pages (structures included), images,
documents. Pages expose only their `api_fields`: a structure's e-mail is not among them."""

from django.db.models import Q
from django.utils import timezone

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from cooperation.models.listings import ListingStatus
from home.collections import private_collection_ids


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Live pages, less the listings that are closed or past their last day (until the
    periodic jobs unpublish them)."""

    def get_base_queryset(self):
        return super().get_base_queryset().exclude(
            Q(listingpage__status__in=[ListingStatus.FULFILLED, ListingStatus.WITHDRAWN])
            | Q(listingpage__expires_on__lt=timezone.localdate())
        )


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    """Images, less those of private collections (a listing's before it is approved)."""

    def get_queryset(self):
        return super().get_queryset().exclude(collection_id__in=private_collection_ids())


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
