"""Cooperation models, split by concept."""

from .listings import (
    CooperationIndexPage,
    ListingImage,
    ListingPage,
    ListingPageTag,
    ListingStatus,
    OfferPage,
    RequestPage,
)
from .submissions import ListingSubmission
from .taxonomies import ListingTerm, ResourceCategory, Terms

__all__ = [
    "CooperationIndexPage",
    "ListingImage",
    "ListingPage",
    "ListingPageTag",
    "ListingStatus",
    "ListingSubmission",
    "ListingTerm",
    "OfferPage",
    "RequestPage",
    "ResourceCategory",
    "Terms",
]
