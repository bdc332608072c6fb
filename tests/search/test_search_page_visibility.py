"""The search page as visitors meet it: only what the public may see, in their language.

Listings made here hold invented words ("zorglub…") found nowhere in the demo content.
"""


import pytest

from django.contrib.auth import get_user_model

from home.models import StandardPage
from members.moderation import workflow_for

from .results import (
    all_result_urls,
    language_and_slug,
    results_count,
    search,
)
from .search_page_helpers import (
    HIDDEN_STATES,
    found,
    suggested,
)

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------ what the public may not see

@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_a_listing_the_public_may_not_see_is_neither_found_nor_suggested(
    client, listing_factory, state
):
    # Both share a word of their summary; only the open one may be found by it.
    listing_factory("zorglubouvert", summary="Perceuse zorglubcommun")
    listing_factory(f"zorglub{state}", state=state, summary="Perceuse zorglubcommun")

    assert found(client, "fr", "zorglubouvert") == [("fr", "zorglubouvert")]
    assert found(client, "fr", f"zorglub{state}") == []
    assert found(client, "fr", "zorglubcommun") == [("fr", "zorglubouvert")]
    assert results_count(search(client, "fr", {"q": "zorglubcommun"})) == 1
    assert found(client, "fr", "zorglubcommun", type="offer") == [("fr", "zorglubouvert")]

    titles = [item["title"] for item in suggested(client, "fr", "zorglub")]
    assert titles == ["Annonce zorglubouvert"]
    assert suggested(client, "fr", f"zorglub{state}") == []


def test_changes_waiting_for_moderation_are_not_found_before_approval(client, listing_factory):
    listing = listing_factory("zorglubpublie")
    member = get_user_model().objects.get(username="membre-jardins")
    listing.title = "Annonce zorglubcorrige"
    listing.summary = "Résumé zorglubcorrige"
    listing.save_revision(user=member)
    workflow_for(listing).start(listing, member)

    assert found(client, "fr", "zorglubcorrige") == []
    assert suggested(client, "fr", "zorglubcorr") == []
    assert found(client, "fr", "zorglubpublie") == [("fr", "zorglubpublie")]


def test_a_draft_page_is_neither_found_nor_suggested(client, demo):
    draft = StandardPage(title="Charte zorglubbrouillon", slug="charte-zorglubbrouillon",
                         intro="Texte zorglubbrouillon.", live=False)
    demo.add_child(instance=draft)
    draft.save_revision()

    assert found(client, "fr", "zorglubbrouillon") == []
    assert suggested(client, "fr", "zorglubbrouillon") == []
    assert client.get("/fr/charte-zorglubbrouillon/").status_code == 404


@pytest.mark.parametrize(("language", "query"), [
    ("fr", "velo"), ("fr", "association"), ("en", "velo"), ("en", "association"),
    ("en", "camion"), ("en", "cooperative"),
])
def test_results_and_suggestions_are_pages_of_the_visitors_language(
    client, demo, language, query
):
    urls = all_result_urls(client, language, {"q": query})
    assert urls, "the query must find something for this test to mean anything"
    assert {language_and_slug(url)[0] for url in urls} == {language}
    suggestions = suggested(client, language, query[:4])
    assert {language_and_slug(item["url"])[0] for item in suggestions} <= {language}


def test_a_translation_is_found_in_its_own_language_only(client, demo):
    # "12 m³ van at weekends" is the English translation of annonce-01.
    assert found(client, "en", "weekends") == [("en", "van-at-weekends")]
    assert found(client, "fr", "weekends") == []
    assert "12 m³ van at weekends" in [i["title"] for i in suggested(client, "en", "weeken")]
    assert suggested(client, "fr", "weeken") == []
    # The French original is not found on the English site by its French words.
    assert ("en", "van-at-weekends") not in found(client, "en", "camion")
    assert ("fr", "annonce-01") in found(client, "fr", "camion")
