"""The anonymous page cache of production (core/page_cache/): cached pages
are served without touching the database, and never stale, private, or in another language."""

from wsgiref.util import setup_testing_defaults

import pytest
from bs4 import BeautifulSoup

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.test import Client, RequestFactory, override_settings
from django.test.client import ClientHandler
from django.utils.cache import get_cache_key

from core.form_token import PLACEHOLDER
from core.page_cache import with_page_cache
from home.models import HomePage, NewsPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(demo):
    caches["pages"].clear()
    chain = with_page_cache(settings.MIDDLEWARE, settings.PER_VISITOR_MIDDLEWARE)
    with override_settings(MIDDLEWARE=chain):
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


FORM_PAGES = [
    pytest.param(("directory", "StructurePage", {"slug": "roue-libre"}), id="structure"),
    pytest.param(("cooperation", "ListingPage", {"slug": "annonce-01"}), id="listing"),
]


def form_page_url(spec) -> str:
    from django.apps import apps

    app, model, lookup = spec
    return apps.get_model(app, model).objects.get(locale__language_code="fr", **lookup).url


def token_in(response) -> str:
    field = BeautifulSoup(response.content, "html.parser").find(
        "input", attrs={"name": "csrfmiddlewaretoken"})
    return field["value"]


@pytest.mark.parametrize("spec", FORM_PAGES)
def test_a_page_with_a_form_is_cached_and_each_visitor_gets_their_own_token(
    page_cache, spec, django_assert_num_queries
):
    url = form_page_url(spec)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    assert first.get(url).status_code == 200
    with django_assert_num_queries(0):  # served from the cache
        response = second.get(url)
    assert token_in(response) != token_in(first.get(url))
    assert second.cookies["csrftoken"].value != first.cookies["csrftoken"].value
    assert "private" in response["Cache-Control"]  # no shared cache may keep a token
    assert int(response["Content-Length"]) == len(response.content)
    # What the cache holds is the same page for everybody: a placeholder, never a token.
    cookieless = RequestFactory().get(url)
    del cookieless.META["HTTP_COOKIE"]  # stored as for a browser without cookies
    key = get_cache_key(cookieless, settings.CACHE_MIDDLEWARE_KEY_PREFIX, "GET",
                        cache=page_cache)
    stored = page_cache.get(key)
    assert PLACEHOLDER.encode() in stored.content
    assert b'name="csrfmiddlewaretoken"' in stored.content
    assert PLACEHOLDER not in response.content.decode()
    assert not stored.cookies


@pytest.mark.parametrize("spec", FORM_PAGES)
def test_the_form_of_a_cached_page_is_accepted_with_its_visitor_s_token_only(
    page_cache, spec, django_capture_on_commit_callbacks
):
    from directory.models import ContactMessage

    url = form_page_url(spec)
    Client().get(url)  # stored for the next visitors
    visitor, other = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    message = {"name": "Camille Durand", "email": "camille@example.org", "nickname": "",
               "message": "Bonjour, votre proposition nous intéresse beaucoup."}
    token = token_in(visitor.get(url))
    other.get(url)
    # Someone else's token (or none) is refused, and nothing is stored.
    assert other.post(url, {**message, "csrfmiddlewaretoken": token}).status_code == 403
    assert visitor.post(url, message).status_code == 403
    assert not ContactMessage.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        sent = visitor.post(url, {**message, "csrfmiddlewaretoken": token})
    assert sent.status_code == 302
    assert ContactMessage.objects.get().sender_email == "camille@example.org"


def test_a_search_is_served_from_the_cache_and_still_counted(
    page_cache, django_assert_num_queries
):
    from search.models import QueryLog

    url = "/fr/recherche/?q=velo"
    first = Client().get(url)
    with django_assert_num_queries(1):  # its count, nothing else
        again = Client().get(url)
    assert again.content == first.content
    assert "private" not in again.get("Cache-Control", "")
    assert QueryLog.objects.get(query="velo", language="fr").searches == 2
    # Its next pages are not new searches, computed or cached.
    Client().get(f"{url}&page=2")
    Client().get(f"{url}&page=2")
    assert QueryLog.objects.get(query="velo", language="fr").searches == 2
    # A search that finds nothing is counted as such from the cache too.
    Client().get("/fr/recherche/?q=zzzqqq")
    Client().get("/fr/recherche/?q=zzzqqq")
    empty = QueryLog.objects.get(query="zzzqqq")
    assert (empty.searches, empty.empty_searches) == (2, 2)


def test_a_visitor_who_sent_a_message_sees_its_confirmation_not_the_cached_page(page_cache):
    """The CSRF cookie is left out of the cache's key (next test); other cookies, such as the
    one holding a confirmation message, still count."""
    from directory.models import StructurePage

    structure = StructurePage.objects.get(slug="roue-libre", locale__language_code="fr").url
    Client().get(structure)  # stored
    visitor = Client(enforce_csrf_checks=True)
    message = {"name": "Camille Durand", "email": "camille@example.org", "nickname": "",
               "message": "Bonjour, pouvez-vous nous prêter un vélo cargo samedi ?",
               "csrfmiddlewaretoken": token_in(visitor.get(structure))}
    confirmed = visitor.post(structure, message, follow=True)
    assert confirmed.status_code == 200
    # The confirmation is shown where the form was (#contact-sent).
    assert BeautifulSoup(confirmed.content, "html.parser").select_one("#contact-sent")
    assert not BeautifulSoup(Client().get(structure).content, "html.parser").select_one(
        "#contact-sent")


def as_a_browser(url: str, cookie: str = ""):
    """A GET as a browser sends it: without a Cookie header until it holds a cookie (Django's
    test client always sends one, empty or not, and Django keys the two apart)."""
    environ = {"PATH_INFO": url, "REQUEST_METHOD": "GET", "HTTP_HOST": "testserver",
               "SERVER_NAME": "testserver"}
    if cookie:
        environ["HTTP_COOKIE"] = cookie
    setup_testing_defaults(environ)
    return ClientHandler()(environ)


def test_a_browser_shown_a_form_shares_the_pages_of_browsers_without_cookies(
    page_cache, django_assert_num_queries
):
    from directory.models import StructurePage

    structure = StructurePage.objects.get(slug="roue-libre", locale__language_code="fr").url
    home = HomePage.objects.get(locale__language_code="fr").url
    assert as_a_browser(home).status_code == 200  # stored for browsers without cookies
    shown = as_a_browser(structure)
    secret = shown.cookies["csrftoken"].value
    with django_assert_num_queries(0):
        assert as_a_browser(home, f"csrftoken={secret}").status_code == 200
        again = as_a_browser(structure, f"csrftoken={secret}")
    # Its own cookie (sent again by Django to renew it), and a token of that cookie.
    assert again.cookies["csrftoken"].value == secret
    assert token_in(again) != PLACEHOLDER


def test_an_empty_cookie_header_is_no_cookie(page_cache, django_assert_num_queries):
    """Django's test client (as some clients) sends an empty Cookie header: the same pages."""
    home = HomePage.objects.get(locale__language_code="fr").url
    assert as_a_browser(home).status_code == 200
    with django_assert_num_queries(0):
        assert Client().get(home).status_code == 200


def test_only_the_form_s_field_is_filled_in_not_the_word(page_cache):
    """The placeholder's word typed by a visitor (or written by a member) stays as it is."""
    response = Client().get("/fr/recherche/", {"q": PLACEHOLDER})
    assert response.status_code == 200
    field = BeautifulSoup(response.content, "html.parser").find("input", attrs={"name": "q"})
    assert field["value"] == PLACEHOLDER
    assert "csrftoken" not in response.cookies


def test_making_a_page_private_empties_the_cache(page_cache):
    """A view restriction hides the page (and its alias) from every list at once: no cached
    copy of the English news list keeps showing it."""
    from wagtail.models import PageViewRestriction

    news = NewsPage.objects.get(slug="exemple-mutualiser-un-vehicule", locale__language_code="fr")
    alias_url = NewsPage.objects.get(alias_of=news).url
    assert alias_url in Client().get("/en/news/").content.decode()
    PageViewRestriction.objects.create(page=news, restriction_type=PageViewRestriction.LOGIN)
    assert alias_url not in Client().get("/en/news/").content.decode()
