"""The search box's suggestions: titles of live pages of the visitor's language, as JSON."""

import pytest

pytestmark = pytest.mark.django_db


def titles(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return [item["title"] for item in response.json()["suggestions"]]


def test_suggests_titles_as_one_types(client, demo):
    assert "Atelier vélo Roue Libre" in titles(client, "/fr/recherche/suggestions/?q=atel")
    assert "Actualités" in titles(client, "/fr/recherche/suggestions/?q=actu")


def test_suggestions_follow_the_language(client, demo):
    assert "News" in titles(client, "/en/search/suggestions/?q=new")
    assert "Actualités" not in titles(client, "/en/search/suggestions/?q=actu")


@pytest.mark.parametrize("query", ["", "a", '"', "<script>", "x" * 5000, "%00"])
def test_odd_input_gives_an_empty_or_safe_answer(client, demo, query):
    response = client.get("/fr/recherche/suggestions/", {"q": query})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_closed_listings_are_not_suggested(client, demo):
    # Both demo listings "Local de stockage…" are fulfilled (cooperation/demo.py: n % 10 == 3).
    assert not [t for t in titles(client, "/fr/recherche/suggestions/?q=stockage")
                if t.startswith("Local de stockage")]
    assert "Salle de réunion libre le mardi" in titles(client, "/fr/recherche/suggestions/?q=salle")
