"""The anonymous page cache of production (config/middleware.py, home/cache.py): cached pages
are served without touching the database, and never stale, private, or in another language."""

import pytest
from bs4 import BeautifulSoup

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.test import Client, override_settings

from config.page_cache import with_page_cache
from home.models import HomePage, NewsPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(demo):
    caches["pages"].clear()
    with override_settings(MIDDLEWARE=with_page_cache(settings.MIDDLEWARE)):
        yield caches["pages"]
    caches["pages"].clear()


def title_of(response) -> str:
    return BeautifulSoup(response.content, "html.parser").find("h1").get_text(strip=True)


def test_a_cached_page_is_served_without_the_database(page_cache, django_assert_num_queries):
    news = NewsPage.objects.live().filter(locale__language_code="fr").first()
    first = Client().get(news.url)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        again = Client().get(news.url)
    assert again.content == first.content
    # The cached copy keeps the security headers.
    assert "script-src 'self'" in again["Content-Security-Policy"]


def test_publishing_empties_the_cache(page_cache):
    news = NewsPage.objects.live().filter(locale__language_code="fr").first()
    assert title_of(Client().get(news.url)) == news.title
    news.title = "Titre changé et republié"
    news.save_revision().publish()
    assert title_of(Client().get(news.url)) == "Titre changé et republié"


def test_a_draft_is_never_shown_and_unpublishing_empties_the_cache(page_cache):
    news = NewsPage.objects.live().filter(locale__language_code="fr").first()
    url, title = news.url, news.title
    assert Client().get(url).status_code == 200
    news.title = "Brouillon non publié"
    news.save_revision()  # a draft: the public keeps the live version
    assert title_of(Client().get(url)) == title
    news.unpublish()
    assert Client().get(url).status_code == 404


def test_each_language_has_its_own_pages(page_cache):
    french = Client().get("/fr/")
    english = Client().get("/en/")
    assert french.content != english.content
    assert BeautifulSoup(Client().get("/en/").content, "html.parser").html["lang"] == "en"
    assert Client(HTTP_ACCEPT_LANGUAGE="en").get("/")["Location"].startswith("/en/")
    assert Client(HTTP_ACCEPT_LANGUAGE="fr").get("/")["Location"].startswith("/fr/")


def test_members_never_get_nor_leave_cached_pages(page_cache):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = HomePage.objects.get(locale__language_code="fr").url
    member = Client()
    member.force_login(get_user_model().objects.get(username="membre-roue-libre"))

    def queries(client) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    assert queries(member) > 0
    assert queries(Client()) > 0  # the member's page was not stored for visitors
    assert queries(Client()) == 0  # a visitor's page is
    assert queries(member) > 0  # and is not handed to the member


def test_a_form_s_security_token_is_never_handed_to_someone_else(page_cache):
    from directory.models import StructurePage

    url = StructurePage.objects.get(slug="roue-libre", locale__language_code="fr").url

    def token(client) -> str:
        form = BeautifulSoup(client.get(url).content, "html.parser").find(
            "input", attrs={"name": "csrfmiddlewaretoken"})
        return form["value"]

    first, second = Client(), Client()
    assert token(first) != token(second)
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
