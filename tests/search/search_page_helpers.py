"""Searching and suggesting as a visitor, shared by the test_search_page_* modules."""






from .results import (
    SUGGESTIONS_URL,
    all_result_urls,
    language_and_slug,
)

HIDDEN_STATES = ["expired", "withdrawn", "fulfilled", "draft", "moderation"]


def suggested(client, language: str, query: str) -> list[dict]:
    response = client.get(SUGGESTIONS_URL[language], {"q": query})
    assert response.status_code == 200
    return response.json()["suggestions"]


def found(client, language: str, query: str, **filters) -> list[tuple[str, str]]:
    return [language_and_slug(url)
            for url in all_result_urls(client, language, {"q": query, **filters})]
