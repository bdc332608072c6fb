"""A view restriction ("Privacy: private") hides the page in every language and every list.

The synchronised tree gives each French page an English alias in another branch of the tree:
Wagtail's `.public()` and its API hide what lies below a restricted page, not its aliases.
Each case restricts a French structure, news or event (or the section above it) that has an
English alias, then reads every public endpoint of both languages as an anonymous visitor:
neither its private word nor its address appears anywhere.
"""

import pytest

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction

from directory.models import StructurePage
from home.models import EventPage, NewsPage

pytestmark = pytest.mark.django_db

SECRET = "zorglubconfidentiel"  # in the title: the search page repeats what is searched
WORD = "zorglubprive"  # in the text, and searched for

ENDPOINTS = [
    "/fr/annuaire/", "/en/directory/",
    "/fr/annuaire/export/csv/", "/en/directory/export/csv/",
    "/fr/annuaire/export/json/", "/en/directory/export/json/",
    "/fr/annuaire/map/json/", "/en/directory/map/json/",
    "/fr/actualites/", "/en/news/",
    "/fr/actualites/rss/", "/en/news/rss/", "/fr/actualites/atom/", "/en/news/atom/",
    "/fr/agenda/", "/en/events/", "/fr/agenda/ical/", "/en/events/ical/",
    "/fr/", "/en/",
    f"/fr/recherche/?q={WORD}", f"/en/search/?q={WORD}",
    f"/fr/recherche/suggestions/?q={WORD[:9]}", f"/en/search/suggestions/?q={WORD[:9]}",
    "/api/v2/pages/?limit=100&fields=*", "/api/v2/pages/?limit=100&locale=en&fields=*",
    f"/api/v2/pages/?search={WORD}&type=directory.StructurePage",
    f"/api/v2/pages/?search={WORD}&type=home.NewsPage",
    f"/api/v2/pages/?search={WORD}&type=home.EventPage",
    "/api/v2/pages/?type=directory.StructurePage&limit=100&fields=*",
    "/api/v2/pages/?type=home.NewsPage&limit=100&fields=*",
    "/api/v2/pages/?type=home.EventPage&limit=100&fields=*",
    "/sitemap.xml",
]


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def with_secret(page: Page) -> Page:
    """The French page's text (and title) carry the secret words, published: its alias
    follows."""
    page = page.specific
    if isinstance(page, StructurePage):
        # Its name stays: public listings name the structure that posted them.
        page.summary = f"Texte {WORD} {SECRET}"
    else:
        page.title = f"{page.title} {SECRET}"
        page.intro = f"Texte {WORD} {SECRET}"
    if isinstance(page, EventPage):  # in the calendar feed's window
        page.start = timezone.now() + timezone.timedelta(days=3)
        page.end = page.start + timezone.timedelta(hours=2)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def french_with_alias(model, slug: str) -> tuple[Page, Page]:
    page = with_secret(model.objects.get(slug=slug, locale__language_code="fr"))
    alias = model.objects.get(alias_of=page, locale__language_code="en")
    return page, alias


CASES = {
    # name: (model, slug, restrict the section above it rather than the page itself)
    "structure": (StructurePage, "roue-libre", False),
    "news": (NewsPage, "exemple-mutualiser-un-vehicule", False),
    "event": (EventPage, "exemple-rencontre-des-adherents", False),
    "news of a private section": (NewsPage, "exemple-mutualiser-un-vehicule", True),
}


@pytest.mark.parametrize("case", CASES)
def test_a_private_french_page_leaks_through_no_endpoint(client, demo, case):
    model, slug, whole_section = CASES[case]
    page, alias = french_with_alias(model, slug)
    # Before the restriction, the secret is there to be found (the probes can fail).
    assert alias.url in body(client.get(f"/en/search/?q={WORD}"))
    assert client.get(f"/api/v2/pages/{alias.pk}/").status_code == 200

    restricted = page.get_parent() if whole_section else page
    PageViewRestriction.objects.create(page=restricted,
                                       restriction_type=PageViewRestriction.LOGIN)

    leaks = {}
    for url in ENDPOINTS:
        response = client.get(url)
        if whole_section and url.startswith(restricted.url):
            assert response.status_code == 302, url  # the private section itself
            continue
        assert response.status_code == 200, url
        text = body(response)
        found = [needle for needle in (SECRET, alias.url, page.url) if needle in text]
        if found:
            leaks[url] = found
    assert leaks == {}
    for hidden in (page, alias):
        # Not found (LocaleMiddleware sends a 404 outside /fr/ to /fr/…, not found either).
        assert client.get(f"/api/v2/pages/{hidden.pk}/", follow=True).status_code == 404
        assert client.get(hidden.url).status_code == 302  # to the login page


def test_a_logged_in_editor_still_reads_the_private_page_through_the_api(client, demo):
    """The API keeps Wagtail's rule: a restriction the request satisfies hides nothing."""
    page, alias = french_with_alias(NewsPage, "exemple-mutualiser-un-vehicule")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(f"/api/v2/pages/{alias.pk}/", follow=True).status_code == 404
    client.force_login(get_user_model().objects.get(username="redaction"))
    assert client.get(f"/api/v2/pages/{alias.pk}/").status_code == 200
