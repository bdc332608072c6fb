"""Factories of the directory, for tests: structures with their taxonomies, member accounts
and their memberships (core/factories.py says how pages are made)."""

import factory
from factory.django import DjangoModelFactory

from django.contrib.auth import get_user_model

from core.factories import PublishedPageFactory, french_page_of
from directory.models import (
    DirectoryIndexPage,
    LegalForm,
    Membership,
    Relation,
    Sector,
    StructurePage,
    Territory,
)
from home.factories import TranslatableFactory


class SectorFactory(TranslatableFactory):
    name = factory.Sequence(lambda number: f"Secteur {number}")

    class Meta:
        model = Sector


class TerritoryFactory(TranslatableFactory):
    name = factory.Sequence(lambda number: f"Territoire {number}")

    class Meta:
        model = Territory


class StructurePageFactory(PublishedPageFactory):
    """A published French structure; `sectors=[...]`, `territories=[...]` classify it."""

    parent = factory.LazyFunction(lambda: french_page_of(DirectoryIndexPage))
    title = factory.Sequence(lambda number: f"Structure {number}")
    summary = factory.LazyAttribute(lambda page: f"Présentation de {page.title}.")
    legal_form = LegalForm.ASSOCIATION
    relation = Relation.ADHERENT
    city = "Laval"
    postcode = "53000"

    class Meta:
        model = StructurePage


class MemberFactory(DjangoModelFactory):
    """A member account (`structure=` makes it a manager of that structure)."""

    username = factory.Sequence(lambda number: f"membre-{number}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = "Camille"
    last_name = factory.Sequence(lambda number: f"Membre {number}")
    password = factory.django.Password("mot-de-passe-de-test")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def structure(self, create: bool, structure: StructurePage | None, **kwargs) -> None:
        if create and structure is not None:
            MembershipFactory(user=self, structure=structure, **kwargs)


class MembershipFactory(DjangoModelFactory):
    user = factory.SubFactory(MemberFactory)
    structure = factory.SubFactory(StructurePageFactory)
    role = Membership.Role.MANAGER

    class Meta:
        model = Membership
