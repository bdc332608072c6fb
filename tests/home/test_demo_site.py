"""The demo site: every page answers in French and English, and `load_demo` is re-runnable."""

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command

from wagtail.images.models import Image
from wagtail.models import Page, Revision

from home.models import EventPage, HomePage, NewsPage, StandardPage
from tests.pages import html

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_demo_page_answers_200(client, demo, language):
    pages = Page.objects.live().filter(locale__language_code=language, depth__gt=1)
    assert pages.count() >= 13
    for page in pages:
        url = page.get_url()
        assert url.startswith(f"/{language}/"), url
        response = client.get(url)
        assert response.status_code == 200, url
        assert html(response).html["lang"] == language, url


def test_demo_tells_the_association_in_its_own_words(client, demo):
    text = html(client.get("/fr/association/")).get_text(" ")
    for words in [
        "Objet social",
        "Faciliter la coopération et favoriser la mutualisation entre acteurs de l'ESS",
        "Genèse",
        "PIC 2000",
        "Objectifs opérationnels",
        "Exemples d'activités",
        "Financements",
        "Région des Pays de la Loire",
        "Perspectives futures",
    ]:
        assert words in text
    contact = html(client.get("/fr/contact/")).get_text(" ")
    assert "06 95 67 54 63" in contact and "53810 Changé" in contact


def test_sample_news_and_events_are_marked_as_examples(demo):
    samples = list(NewsPage.objects.all()) + list(EventPage.objects.all())
    assert samples
    assert all(page.title.startswith("Exemple") for page in samples)


def test_main_pages_are_translated_into_english(client, demo):
    home = html(client.get("/en/"))
    assert home.h1.get_text(strip=True) == "The social and solidarity economy in Mayenne"
    assert client.get("/en/association/").status_code == 200
    assert "Purpose" in html(client.get("/en/association/")).get_text()
    assert client.get("/en/news/").status_code == 200
    assert client.get("/en/events/").status_code == 200


def test_home_lists_latest_news_and_upcoming_events(client, demo):
    page = html(client.get("/fr/"))
    news = page.find(id="latest-news").find_parent("section").find_all("article")
    events = page.find(id="upcoming-events").find_parent("section").find_all("article")
    assert news[0].h3.get_text(strip=True) == "Exemple : le mois de l'ESS en Mayenne"
    titles = [a.h3.get_text(strip=True) for a in events]
    assert "Exemple : rencontre des adhérents" in titles
    assert "Exemple : assises territoriales de l'ESS" not in titles  # past


def snapshot() -> dict:
    return {
        "pages": list(Page.objects.order_by("pk").values_list("pk", "path", "title", "live")),
        "revisions": Revision.objects.count(),
        "images": Image.objects.count(),
        "users": list(get_user_model().objects.order_by("pk").values_list("username", "password")),
    }


def test_load_demo_twice_changes_nothing(demo):
    before = snapshot()
    call_command("load_demo", verbosity=0)
    assert snapshot() == before


def test_load_demo_if_empty_leaves_an_existing_site_alone(demo):
    assert HomePage.objects.count() == 2
    StandardPage.objects.filter(slug="contact", locale__language_code="fr").delete()
    call_command("load_demo", "--if-empty", verbosity=0)
    assert not StandardPage.objects.filter(slug="contact", locale__language_code="fr").exists()


def test_demo_accounts_and_groups(demo):
    User = get_user_model()
    editor = User.objects.get(username="redaction")
    moderator = User.objects.get(username="moderation")
    assert editor.check_password("apess53-redaction")
    assert editor.groups.filter(name="Editors").exists()
    assert moderator.check_password("apess53-moderation")
    assert moderator.groups.filter(name="Moderators").exists()


def test_root_redirects_by_browser_language(client, demo):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").url == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9").url == "/fr/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de").url == "/fr/"  # French by default


def test_unknown_page_is_a_french_404(client, demo):
    response = client.get("/fr/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
