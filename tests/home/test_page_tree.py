"""Editors can only build the page tree of DESIGN.md."""

import pytest

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import (
    EventIndexPage,
    EventPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    StandardPage,
)

PAGE_TYPES = [HomePage, StandardPage, NewsIndexPage, NewsPage, EventIndexPage, EventPage]

# parent → the page types an editor may create under it; every other pair is refused.
ALLOWED = {
    Page: {HomePage},
    HomePage: {StandardPage, NewsIndexPage, EventIndexPage},
    StandardPage: {StandardPage},
    NewsIndexPage: {NewsPage},
    NewsPage: set(),
    EventIndexPage: {EventPage},
    EventPage: set(),
}

CASES = [(parent, child) for parent in ALLOWED for child in PAGE_TYPES]


@pytest.mark.parametrize(
    ("parent", "child"), CASES, ids=[f"{p.__name__}>{c.__name__}" for p, c in CASES]
)
def test_page_tree_rules(parent, child):
    case = WagtailPageTestCase()
    if child in ALLOWED[parent]:
        case.assertCanCreateAt(parent, child)
    else:
        case.assertCanNotCreateAt(parent, child)


@pytest.mark.django_db
def test_only_one_news_and_event_index_per_home(demo):
    """A second Actualités or Agenda under the same home page is refused."""
    assert not NewsIndexPage.can_create_at(demo)
    assert not EventIndexPage.can_create_at(demo)
    assert StandardPage.can_create_at(demo)
