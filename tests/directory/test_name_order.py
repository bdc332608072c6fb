"""Names sort as a French reader expects, on SQLite and PostgreSQL alike: accents and case set
aside ("Énergies" between "éducation" and "Théâtre", not after "Zèbre"). In the directory, its
filter options, and the partner list of a listing's close form."""

import pytest

from cooperation.forms import CloseListingForm
from directory.factories import StructurePageFactory
from directory.models import Sector
from tests.cooperation.conftest import make_listing
from tests.pages import html, listed

from .test_directory import facets

pytestmark = pytest.mark.django_db

# Created in this order; expected in alphabetical order, accents and case aside.
NAMES = ["Zèbre", "Théâtre", "Énergies", "éducation", "Économie", "abeille", "Ecole"]
ALPHABETICAL = ["abeille", "Ecole", "Économie", "éducation", "Énergies", "Théâtre", "Zèbre"]
SLUGS = {name: f"zorglub-{index}" for index, name in enumerate(NAMES)}


@pytest.fixture
def named_structures(demo, french):
    """A structure per name, each with a sector of the same name."""
    structures = {}
    for name in NAMES:
        sector = Sector.objects.create(name=f"{name} zorglub", slug=SLUGS[name], locale=french)
        structure = StructurePageFactory(title=f"{name} zorglub", slug=SLUGS[name],
                                         sectors=[sector])
        structures[name] = structure
    return structures


def in_order(labels: list[str]) -> list[str]:
    """The names of ours among `labels`, in their order."""
    return [label.removesuffix(" zorglub") for label in labels if label.endswith(" zorglub")]


def test_the_directory_lists_structures_by_name_accents_aside(client, named_structures):
    slugs, _pages = listed(client, "/fr/annuaire/")
    by_slug = {slug: name for name, slug in SLUGS.items()}
    assert [by_slug[slug] for slug in slugs if slug in by_slug] == ALPHABETICAL


def test_the_sector_filter_lists_its_options_by_name_accents_aside(client, named_structures):
    options = facets(html(client.get("/fr/annuaire/")))["sector"]
    assert in_order([label for label, _count, _selected in options.values()]) == ALPHABETICAL


def test_the_close_form_lists_partners_by_name_accents_aside(named_structures):
    listing = make_listing("zorglubcloture")
    form = CloseListingForm(listing=listing)
    labels = [str(label) for _value, label in form.fields["partner_structure"].choices]
    assert in_order(labels) == ALPHABETICAL
