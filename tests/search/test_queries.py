"""The search page finds what a French visitor expects: every row of query_table.py, on the
page itself (links of the results, every page of them)."""

import pytest

from .query_table import QUERY_TABLE
from .results import all_result_urls, language_and_slug

pytestmark = pytest.mark.django_db

KNOWN_KEYS = {"found", "not_found", "exactly", "first"}


def test_the_table_is_well_formed():
    ids = [row[0] for row in QUERY_TABLE]
    assert len(ids) >= 30
    assert len(ids) == len(set(ids)), "duplicate row ids"
    for row_id, language, params, expected in QUERY_TABLE:
        assert language in ("fr", "en"), row_id
        assert params.get("q"), row_id
        assert expected and set(expected) <= KNOWN_KEYS, row_id
        if "exactly" in expected:
            assert not {"found", "not_found"} & set(expected), row_id
        if "first" in expected:
            assert expected["first"] in expected.get("found", expected.get("exactly", ())), row_id


@pytest.mark.parametrize(
    ("language", "params", "expected"),
    [pytest.param(language, params, expected, id=row_id)
     for row_id, language, params, expected in QUERY_TABLE],
)
def test_search_finds_what_a_visitor_expects(client, demo, language, params, expected):
    urls = all_result_urls(client, language, params)
    located = [language_and_slug(url) for url in urls]
    # Results are pages of the visitor's language only, each once.
    assert {lang for lang, _slug in located} <= {language}, urls
    slugs = [slug for _lang, slug in located]
    assert len(slugs) == len(set(slugs)), f"a page is listed twice: {urls}"
    found = set(slugs)
    if "exactly" in expected:
        assert found == expected["exactly"]
    assert expected.get("found", set()) <= found, (
        f"missing {expected['found'] - found}; got {slugs}"
    )
    assert not expected.get("not_found", set()) & found, (
        f"unexpected {expected['not_found'] & found}"
    )
    if "first" in expected:
        assert slugs[0] == expected["first"], slugs
