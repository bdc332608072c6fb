"""The index follows the site at once: what editors publish, change, approve, unpublish or
delete is found (or no longer found) on the next search, with real Wagtail operations
(indexing runs through django-tasks, immediately in tests).

Pages made here hold invented words ("zorglub…") found nowhere in the demo content.
"""

import datetime
import io

import pytest

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page, WorkflowState
from wagtail.search.models import IndexEntry

from cooperation.models import ListingPage
from directory.models import Sector, StructurePage
from home.models import EventPage, NewsIndexPage, NewsPage
from members.moderation import submit_for_moderation

from .query_table import QUERY_TABLE
from .results import SUGGESTIONS_URL, all_result_urls, language_and_slug

pytestmark = pytest.mark.django_db


def found(client, query: str, language: str = "fr", **filters) -> set[str]:
    """The slugs the search page finds, checking they are of the visitor's language."""
    located = [language_and_slug(url)
               for url in all_result_urls(client, language, {"q": query, **filters})]
    assert {lang for lang, _slug in located} <= {language}
    return {slug for _lang, slug in located}


def suggested(client, query: str, language: str = "fr") -> list[str]:
    response = client.get(SUGGESTIONS_URL[language], {"q": query})
    assert response.status_code == 200
    return [item["title"] for item in response.json()["suggestions"]]


def user(username: str):
    return get_user_model().objects.get(username=username)


def approve(client, page: Page, approver: str = "moderation") -> None:
    """An editor approves the pending moderation in the Wagtail admin."""
    task = WorkflowState.objects.active().for_instance(page).get().current_task_state
    client.force_login(user(approver))
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task.pk])
    assert client.post(url).status_code == 302
    client.logout()


def index_entries(page: Page):
    return IndexEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(page.specific_class),
        object_id=str(page.pk),
    )


def french_news_index() -> NewsIndexPage:
    return NewsIndexPage.objects.get(locale__language_code="fr")


def new_news(title: str, intro: str, slug: str = "zorglub-actualite") -> NewsPage:
    news = NewsPage(title=title, slug=slug, intro=intro, date=timezone.localdate(), live=False)
    french_news_index().add_child(instance=news)
    news.save_revision()
    return news


# ------------------------------------------------------------------------------- publishing

def test_a_published_page_is_found_at_once(client, demo):
    news = new_news("Inauguration de la zorglubothèque", "Une fête zorglubéclatante à Laval.")
    assert found(client, "zorglubotheque") == set()

    news.get_latest_revision().publish()

    assert found(client, "zorglubotheque") == {"zorglub-actualite"}
    assert found(client, "ZORGLUBÉCLATANTE fete") == {"zorglub-actualite"}
    assert found(client, "zorglubotheque", type="news") == {"zorglub-actualite"}
    assert "Inauguration de la zorglubothèque" in suggested(client, "inauguration")


def test_a_new_title_is_found_and_the_old_one_no_longer(client, demo):
    event = EventPage.objects.get(
        locale__language_code="fr", slug="exemple-rencontre-des-adherents"
    )
    assert "exemple-rencontre-des-adherents" in found(client, "rencontre")

    event.title = "Exemple : soirée zorglubconviviale des adhérents"
    event.save_revision().publish()

    assert found(client, "zorglubconviviale") == {"exemple-rencontre-des-adherents"}
    assert "exemple-rencontre-des-adherents" not in found(client, "rencontre")
    assert "Exemple : soirée zorglubconviviale des adhérents" in suggested(client, "zorglubconv")
    assert "Exemple : rencontre des adhérents" not in suggested(client, "rencontre")
    # Its English alias follows its source.
    assert found(client, "zorglubconviviale", "en") == {"exemple-rencontre-des-adherents"}


def test_a_saved_draft_changes_nothing_until_it_is_published(client, demo):
    event = EventPage.objects.get(locale__language_code="fr", slug="exemple-assises-de-less")
    event.title = "Exemple : assises zorglubreportees"
    revision = event.save_revision()

    assert found(client, "zorglubreportees") == set()
    assert "exemple-assises-de-less" in found(client, "assises territoriales")

    revision.publish()
    assert found(client, "zorglubreportees") == {"exemple-assises-de-less"}


# ------------------------------------------------------------------------------- moderation

def test_an_approved_listing_is_found_at_once(client, listing_factory):
    listing = listing_factory("zorglubmodere", state="moderation")
    assert found(client, "zorglubmodere") == set()
    assert suggested(client, "zorglubmod") == []

    approve(client, listing)

    assert found(client, "zorglubmodere") == {"zorglubmodere"}
    assert found(client, "zorglubmodere", type="offer") == {"zorglubmodere"}
    assert suggested(client, "zorglubmod") == ["Annonce zorglubmodere"]


def test_an_approved_change_of_a_listing_replaces_its_words(client, listing_factory):
    listing = listing_factory("zorglubavant")
    member = user("membre-jardins")
    listing.title = "Annonce zorglubapres"
    listing.summary = "Résumé zorglubapres"
    listing.description = "Description zorglubapres"
    submit_for_moderation(listing, member)
    assert found(client, "zorglubavant") == {"zorglubavant"}
    assert found(client, "zorglubapres") == set()

    approve(client, listing, approver="redaction")

    assert found(client, "zorglubapres") == {"zorglubavant"}  # the slug stays
    assert found(client, "zorglubavant") == set()


def test_an_approved_structure_profile_is_found_by_its_new_words(client, demo):
    structure = StructurePage.objects.get(locale__language_code="fr", slug="jardins-du-maine")
    structure.summary = "Chantier d'insertion et zorglubcomposteur partagé."
    submit_for_moderation(structure, user("membre-jardins"))
    assert found(client, "zorglubcomposteur") == set()

    approve(client, structure)

    assert found(client, "zorglubcomposteur") == {"jardins-du-maine"}
    assert found(client, "zorglubcomposteur", type="structure", sector="insertion") == {
        "jardins-du-maine"
    }
    assert "jardins-du-maine" in found(client, "zorglubcomposteur", "en")  # its alias
    # The directory's own search uses the same index.
    response = client.get("/fr/annuaire/", {"q": "zorglubcomposteur"})
    assert "/fr/annuaire/jardins-du-maine/" in response.content.decode()


# ------------------------------------------------------------- unpublishing and deleting

def test_an_unpublished_page_is_no_longer_found(client, demo):
    news = NewsPage.objects.get(locale__language_code="fr", slug="exemple-mutualiser-un-vehicule")
    assert "exemple-mutualiser-un-vehicule" in found(client, "mutualiser")

    news.unpublish()

    assert "exemple-mutualiser-un-vehicule" not in found(client, "mutualiser")
    assert "exemple-mutualiser-un-vehicule" not in found(client, "mutualiser", "en")
    assert not any("mutualiser un véhicule" in title for title in suggested(client, "mutual"))
    # Published again, it is back.
    news.refresh_from_db()
    news.save_revision().publish()
    assert "exemple-mutualiser-un-vehicule" in found(client, "mutualiser")


def test_a_deleted_page_is_no_longer_found_and_leaves_no_index_entry(client, demo):
    news = new_news("Zorglubdisparition annoncée", "Une actualité zorglubdisparition.")
    news.get_latest_revision().publish()
    assert found(client, "zorglubdisparition") == {"zorglub-actualite"}
    assert index_entries(news).exists()
    pk = news.pk

    Page.objects.get(pk=pk).specific.delete()

    assert found(client, "zorglubdisparition") == set()
    assert suggested(client, "zorglubdisp") == []
    assert not IndexEntry.objects.filter(object_id=str(pk)).exists()


def test_a_deleted_listing_leaves_no_index_entry(client, listing_factory):
    listing = listing_factory("zorglubsupprime")
    assert index_entries(listing).exists()
    pk = listing.pk

    listing.delete()

    assert found(client, "zorglubsupprime") == set()
    assert not IndexEntry.objects.filter(object_id=str(pk)).exists()


# ------------------------------------------------------------ names shown on other pages

def test_a_renamed_structure_s_listings_are_found_by_its_new_name(client, demo):
    # A listing is found by the name of the structure that posts it (its card shows it): one
    # of the Roue Libre's whose own words say nothing of bicycles.
    listing = next(listing for listing in ListingPage.objects.open().filter(
        locale__language_code="fr", structure__slug="roue-libre", alias_of__isnull=True,
    ).order_by("pk") if "vélo" not in f"{listing.title} {listing.description}".lower())
    assert listing.slug in found(client, "velo")
    structure = StructurePage.objects.get(locale__language_code="fr", slug="roue-libre")
    structure.title = "Atelier zorglubcycle Roue Libre"
    structure.save_revision().publish()

    assert {"roue-libre", listing.slug} <= found(client, "zorglubcycle")
    assert listing.slug not in found(client, "velo")


def test_structures_are_found_by_the_new_name_of_their_sector(client, demo):
    assert {"roue-libre", "garage-solidaire"} <= found(client, "mobilite")
    sector = Sector.objects.get(locale__language_code="fr", slug="mobilite")
    sector.name = "Mobilité zorglubdouce"
    sector.save()  # what the sectors' edit view of the admin does

    assert found(client, "zorglubdouce") == {"roue-libre", "garage-solidaire"}


# ------------------------------------------------------------------------------- expiry

def test_a_listing_past_its_last_day_is_not_found_before_the_daily_job(client, listing_factory):
    listing = listing_factory("zorglubperime", state="expired")
    assert listing.live  # the daily job has not unpublished it yet
    assert found(client, "zorglubperime") == set()
    assert suggested(client, "zorglubper") == []
    assert "zorglubperime" not in found(client, "annonce", type="offer")


def test_a_listing_on_its_last_day_is_still_found(client, listing_factory):
    listing = listing_factory("zorglubdernier", days=0)
    assert listing.expires_on == timezone.localdate()
    assert found(client, "zorglubdernier") == {"zorglubdernier"}


def test_a_renewed_listing_is_found_again(client, listing_factory):
    listing = listing_factory("zorglubrenouvele", state="expired")
    assert found(client, "zorglubrenouvele") == set()
    listing.expires_on = timezone.localdate() + datetime.timedelta(days=30)
    listing.save_revision().publish()
    assert found(client, "zorglubrenouvele") == {"zorglubrenouvele"}


# ------------------------------------------------------------------ rebuilding the index

def test_rebuilding_the_index_gives_the_same_results(client, listing_factory):
    listing_factory("zorglubreconstruit")
    listing_factory("zorglubretire", state="withdrawn")
    news = NewsPage.objects.get(locale__language_code="fr", slug="exemple-assemblee-generale")
    news.unpublish()
    searches = [(language, params) for _id, language, params, _expected in QUERY_TABLE] + [
        ("fr", {"q": "zorglubreconstruit"}), ("fr", {"q": "zorglubretire"}),
        ("fr", {"q": "assemblee generale"}),
    ]

    def results() -> list[set[str]]:
        return [set(all_result_urls(client, language, params)) for language, params in searches]

    before = results()
    assert before[-3:] == [{"/fr/cooperation/zorglubreconstruit/"}, set(), set()]

    call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())

    assert results() == before
    # The best matches the table names still come first.
    for _id, language, params, expected in QUERY_TABLE:
        if "first" in expected:
            first = all_result_urls(client, language, params)[0]
            assert language_and_slug(first) == (language, expected["first"]), params
