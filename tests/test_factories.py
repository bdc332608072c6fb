"""Each factory builds a valid page of its type, published under the demo's French index of
its type, with its aliases in the other language, and found by the site's search."""

import pytest

from cooperation.factories import OfferPageFactory, RequestPageFactory, ResourceCategoryFactory
from cooperation.models import CooperationIndexPage, ListingStatus, OfferPage, RequestPage
from directory.factories import (
    MemberFactory,
    SectorFactory,
    StructurePageFactory,
    TerritoryFactory,
)
from directory.models import DirectoryIndexPage, Sector, StructurePage
from home.factories import (
    EventPageFactory,
    NewsCategoryFactory,
    NewsPageFactory,
    StandardPageFactory,
)
from home.models import EventIndexPage, EventPage, HomePage, NewsIndexPage, NewsPage, StandardPage
from tests.search.results import result_links, search

pytestmark = pytest.mark.django_db

# factory, its model, the type of its default parent, the English tree's path of the alias.
PAGES = [
    (StandardPageFactory, StandardPage, HomePage, "/en/"),
    (NewsPageFactory, NewsPage, NewsIndexPage, "/en/news/"),
    (EventPageFactory, EventPage, EventIndexPage, "/en/events/"),
    (StructurePageFactory, StructurePage, DirectoryIndexPage, "/en/directory/"),
    (OfferPageFactory, OfferPage, CooperationIndexPage, "/en/cooperation/"),
    (RequestPageFactory, RequestPage, CooperationIndexPage, "/en/cooperation/"),
]


@pytest.mark.parametrize(("factory", "model", "parent_type", "english_path"), PAGES,
                         ids=lambda value: getattr(value, "__name__", ""))
def test_factory_builds_a_valid_published_page_under_its_index(
    client, demo, factory, model, parent_type, english_path
):
    page = factory(title="Xylophone Quokka")
    assert type(page) is model
    page.full_clean()
    parent = page.get_parent().specific
    assert type(parent) is parent_type and parent.locale.language_code == "fr"
    assert page.live and page.locale.language_code == "fr"
    assert page.latest_revision is not None and page.live_revision == page.latest_revision
    assert page.first_published_at is not None
    assert client.get(page.get_url()).status_code == 200
    alias = model.objects.get(alias_of=page)
    assert alias.locale.language_code == "en" and alias.live
    assert alias.get_url().startswith(english_path)


@pytest.mark.parametrize("factory", [NewsPageFactory, EventPageFactory, StructurePageFactory,
                                     OfferPageFactory, RequestPageFactory],
                         ids=lambda value: value.__name__)
def test_factory_pages_are_found_by_the_site_search(client, demo, factory):
    page = factory(title="Xylophone Quokka")
    assert result_links(search(client, "fr", {"q": "xylophone quokka"})) == [page.get_url()]


def test_a_draft_is_neither_live_nor_found(client, demo):
    page = NewsPageFactory(title="Xylophone Brouillon", publish=False)
    assert not page.live and page.latest_revision is not None
    assert not NewsPage.objects.filter(alias_of=page).exists()
    assert result_links(search(client, "fr", {"q": "xylophone"})) == []


def test_structure_with_its_taxonomies_and_member(demo):
    sector = SectorFactory(name="Apiculture", english="Beekeeping")
    territory = TerritoryFactory(name="Pays de Zorglub")
    structure = StructurePageFactory(title="Atelier Zorglub", sectors=[sector],
                                     territories=[territory], tags=["ruches"])
    assert list(structure.sectors.all()) == [sector]
    assert list(structure.territories.all()) == [territory]
    assert list(structure.tags.names()) == ["ruches"]
    assert Sector.objects.get(locale__language_code="en",
                              translation_key=sector.translation_key).name == "Beekeeping"
    member = MemberFactory(structure=structure)
    assert member.check_password("mot-de-passe-de-test")
    assert [m.structure for m in member.memberships.all()] == [structure]


def test_listing_has_its_structure_category_status_and_expiry(demo):
    category = ResourceCategoryFactory(name="Ruches")
    structure = StructurePageFactory(title="Atelier Zorglub")
    offer = OfferPageFactory(structure=structure, category=category, days=3)
    assert offer.structure == structure and offer.category == category
    assert offer.status == ListingStatus.OPEN and offer.kind == "offer"
    assert (offer.expires_on - offer.latest_revision.created_at.date()).days == 3
    assert OfferPage.objects.open().filter(pk=offer.pk).exists()


def test_news_with_category_and_tags(demo):
    category = NewsCategoryFactory(name="Apiculture")
    news = NewsPageFactory(category=category, tags=["ruches", "miel"])
    assert news.category == category
    assert sorted(news.tags.names()) == ["miel", "ruches"]
