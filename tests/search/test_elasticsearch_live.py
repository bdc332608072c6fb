"""The same French analysis against a real Elasticsearch 9 server.

No server can run on the project's machines: these tests run when ELASTICSEARCH_URL points to
one (e.g. `ELASTICSEARCH_URL=http://localhost:9200 make test`) and are reported as skipped,
with the reason, otherwise.
"""

import os
import uuid

import pytest

from directory.models import StructurePage
from search.elasticsearch import FRENCH_ANALYZER, FrenchElasticsearchBackend

from .query_table import QUERY_TABLE
from .test_queries import test_search_finds_what_a_visitor_expects as check_scenario

URL = os.environ.get("ELASTICSEARCH_URL", "")

pytestmark = pytest.mark.skipif(
    not URL, reason="ELASTICSEARCH_URL is not set: no Elasticsearch server to test against"
)

# Words a French visitor types → words of the content they must meet.
SAME_TERMS = [
    ("equipement", "équipement"),
    ("equipements", "équipement"),
    ("vehicules", "véhicule"),
    ("cooperative", "Coopérative"),
    ("locaux", "local"),
    ("l'association", "associations"),
]


@pytest.fixture
def backend():
    backend = FrenchElasticsearchBackend(
        {"URLS": [URL], "INDEX_PREFIX": f"apess53_test_{uuid.uuid4().hex[:8]}_"}
    )
    index = backend.get_index_for_model(StructurePage)
    index.reset()
    index.add_model(StructurePage)
    yield backend
    backend.es.indices.delete(index=index.name, ignore_unavailable=True)


def tokens(backend, text: str) -> list[str]:
    index = backend.get_index_for_model(StructurePage)
    result = backend.es.indices.analyze(index=index.name, analyzer=FRENCH_ANALYZER, text=text)
    return [token["token"] for token in result["tokens"]]


@pytest.mark.parametrize(("typed", "written"), SAME_TERMS)
def test_typed_words_meet_the_written_ones(backend, typed, written):
    assert tokens(backend, typed) == tokens(backend, written)


@pytest.mark.django_db
def test_structures_are_found_without_accents(backend, demo):
    index = backend.get_index_for_model(StructurePage)
    structures = list(StructurePage.objects.live().filter(locale__language_code="fr"))
    index.add_items(StructurePage, structures)
    index.refresh()
    found = [page.slug for page in backend.search("velo reparation", StructurePage)]
    assert found[:1] == ["roue-libre"]


# The search scenarios of tests/search/query_table.py, through the search page, with the
# whole demo indexed in Elasticsearch.


@pytest.fixture(scope="module")
def elasticsearch_site(django_db_setup, django_db_blocker):
    from io import StringIO

    from django.core.management import call_command
    from django.test import override_settings

    from wagtail.search.backends import get_search_backend

    prefix = f"apess53_test_{uuid.uuid4().hex[:8]}_"
    backends = {"default": {"BACKEND": "search.elasticsearch", "URLS": [URL],
                            "INDEX_PREFIX": prefix, "TIMEOUT": 30}}
    with override_settings(WAGTAILSEARCH_BACKENDS=backends), django_db_blocker.unblock():
        call_command("update_index", stdout=StringIO())
        backend = get_search_backend()
        backend.es.indices.refresh(index=f"{prefix}*")
        yield
        backend.es.indices.delete(index=f"{prefix}*", ignore_unavailable=True)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "params", "expected"),
    [pytest.param(language, params, expected, id=row_id)
     for row_id, language, params, expected in QUERY_TABLE],
)
def test_the_search_scenarios_hold_on_elasticsearch(
    elasticsearch_site, client, language, params, expected
):
    check_scenario(client, None, language, params, expected)
