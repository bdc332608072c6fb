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
