"""Query discipline (issue #7): a page's number of SQL queries does not grow with the number
of items it shows, and no page takes more than 30.

The demo is enlarged by `load_scale` (through the same generators as the benchmark), then
each page is counted with 5 and with 50 items a page (settings.PAGE_SIZES): the counts must
be equal (the search page: see PER_TYPE), while the page shows more items. Counts are taken
after one warm-up request, as a visitor after another sees them (the header's menu and the
footer are cached fragments).
"""

from io import StringIO

import pytest
from bs4 import BeautifulSoup

from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from cooperation.models import ListingPage
from directory.models import StructurePage
from home.models import EventPage, NewsPage

pytestmark = pytest.mark.django_db

MAX_QUERIES = 30
SIZES = ("news", "upcoming_events", "past_events", "directory", "cooperation", "search")

# (name, URL or a function giving it, CSS selector of the items shown or None)
PAGES = [
    ("home", "/fr/", None),
    ("news index", "/fr/actualites/", ".card-list > li"),
    ("news index, a category", "/fr/actualites/?category=vie-du-reseau", ".card-list > li"),
    ("news page", lambda: NewsPage.objects.live().filter(locale__language_code="fr")
     .order_by("-date").first().url, None),
    ("agenda", "/fr/agenda/", ".card-list > li"),
    ("event page", lambda: EventPage.objects.live().filter(locale__language_code="fr")
     .first().url, None),
    ("directory", "/fr/annuaire/", ".card-list > li"),
    ("directory, two filters", "/fr/annuaire/?legal_form=association&relation=adherent",
     ".card-list > li"),
    ("directory, words", "/fr/annuaire/?q=association", ".card-list > li"),
    ("structure page", lambda: StructurePage.objects.live().get(
        slug="roue-libre", locale__language_code="fr").url, None),
    ("cooperation", "/fr/cooperation/", ".card-list > li"),
    # Three filters leave few listings: the count must still be the same.
    ("cooperation, three filters", "/fr/cooperation/?kind=offer&terms=loan&category=materiel",
     None),
    ("listing page", lambda: ListingPage.objects.open().filter(locale__language_code="fr")
     .first().url, None),
    ("search", "/fr/recherche/?q=association", "li.search-result"),
    ("search, a facet", "/fr/recherche/?q=association&type=structure", "li.search-result"),
    ("English directory", "/en/directory/", ".card-list > li"),
    ("English cooperation", "/en/cooperation/", ".card-list > li"),
    ("suggestions", "/fr/recherche/suggestions/?q=asso", None),
    ("agenda calendar", "/fr/agenda/ical/", None),
    ("directory CSV", "/fr/annuaire/export/csv/", None),
    ("directory map", "/fr/annuaire/map/json/", None),
    ("directory map, two filters",
     "/fr/annuaire/map/json/?legal_form=association&relation=adherent", None),
]


def visit(client: Client, url: str) -> bytes:
    """The page's content; a streamed one (the CSV export) reads the database as it is sent,
    so it is read here, where its queries are counted."""
    response = client.get(url)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content) if response.streaming else response.content


def measure(url: str, selector: str | None, size: int) -> tuple[int, int]:
    """(queries, items shown) of an anonymous visit, after a first one."""
    with override_settings(PAGE_SIZES=dict.fromkeys(SIZES, size)):
        client = Client()
        visit(client, url)
        with CaptureQueriesContext(connection) as queries:
            content = visit(client, url)
    shown = len(BeautifulSoup(content, "html.parser").select(selector)) if selector else 0
    return len(queries), shown


# The search page shows pages of several types: Wagtail fetches each type's fields in one
# query, so a page of results costs one query more per type it holds (news, event, structure,
# offer, request, page: at most six), whatever the number of results.
PER_TYPE = {"search": 6}


def test_no_page_s_queries_grow_with_its_items(demo):
    call_command("load_scale", structures=40, listings=70, news=60, events=15, stdout=StringIO())
    report, problems = [], []
    for name, url, selector in PAGES:
        url = url() if callable(url) else url
        few, shown_few = measure(url, selector, 5)
        many, shown_many = measure(url, selector, 50)
        report.append(f"{name}: {few} / {many} queries, {shown_few} / {shown_many} items")
        if not few <= many <= few + PER_TYPE.get(name, 0):
            problems.append(f"{name} ({url}): {few} queries for 5 items, {many} for 50")
        if many > MAX_QUERIES:
            problems.append(f"{name} ({url}): {many} queries (at most {MAX_QUERIES})")
        if selector and not shown_many > shown_few:
            problems.append(f"{name}: shows {shown_many} items at 50 a page, {shown_few} at 5")
    assert not problems, "\n".join(problems + ["", *report])
