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
from .taxonomies import ListingTerm, ResourceCategory, Terms

__all__ = [
    "CooperationIndexPage",
    "ListingImage",
    "ListingPage",
    "ListingPageTag",
    "ListingStatus",
    "ListingTerm",
    "OfferPage",
    "RequestPage",
    "ResourceCategory",
    "Terms",
]
