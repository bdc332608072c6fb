"""Cooperation models, split by concept."""

from .index import CooperationIndexPage
from .listings import ListingPage, OfferPage, RequestPage
from .parts import ListingImage, ListingPageTag
from .rules import ListingKind, ListingStatus
from .submissions import ListingSubmission
from .taxonomies import ListingTerm, ResourceCategory, Terms

__all__ = [
    "CooperationIndexPage",
    "ListingImage",
    "ListingKind",
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
