"""Factories of the marketplace, for tests: open offers and requests of a structure, in a
resource category (core/factories.py says how pages are made)."""

import datetime

import factory

from django.utils import timezone

from cooperation.models import (
    CooperationIndexPage,
    ListingStatus,
    OfferPage,
    RequestPage,
    ResourceCategory,
)
from core.factories import PublishedPageFactory, french_page_of
from directory.factories import StructurePageFactory
from home.factories import TranslatableFactory


class ResourceCategoryFactory(TranslatableFactory):
    name = factory.Sequence(lambda number: f"Catégorie {number}")

    class Meta:
        model = ResourceCategory


class ListingPageFactory(PublishedPageFactory):
    """An open listing, published as an editor approves it, expiring in 30 days
    (`days` to change); its structure and category are made unless given."""

    parent = factory.LazyFunction(lambda: french_page_of(CooperationIndexPage))
    summary = factory.LazyAttribute(lambda page: f"Résumé de {page.title}.")
    description = factory.LazyAttribute(lambda page: f"Description de {page.title}.")
    category = factory.SubFactory(ResourceCategoryFactory)
    structure = factory.SubFactory(StructurePageFactory)
    city = "Laval"
    status = ListingStatus.OPEN
    expires_on = factory.LazyAttribute(
        lambda page: timezone.localdate() + datetime.timedelta(days=page.days)
    )

    class Params:
        days = 30

    class Meta:
        abstract = True


class OfferPageFactory(ListingPageFactory):
    title = factory.Sequence(lambda number: f"Offre {number}")

    class Meta:
        model = OfferPage


class RequestPageFactory(ListingPageFactory):
    title = factory.Sequence(lambda number: f"Demande {number}")

    class Meta:
        model = RequestPage
