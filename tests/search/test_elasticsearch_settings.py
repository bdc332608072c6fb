"""What the project sends to Elasticsearch, checked without a server: French analysis in the
index settings, and every text field of the searchable pages analysed with it."""

import pytest

from cooperation.models import ListingPage, OfferPage
from directory.models import StructurePage
from home.models import NewsPage
from search.elasticsearch import FRENCH_ANALYZER, FrenchElasticsearchBackend, FrenchMapping


@pytest.fixture
def backend() -> FrenchElasticsearchBackend:
    # The client connects lazily: building the backend needs no server.
    return FrenchElasticsearchBackend({"URLS": ["http://127.0.0.1:9"], "INDEX_PREFIX": "t_"})


def test_index_settings_define_the_french_analyzer(backend):
    analysis = backend.settings["settings"]["analysis"]
    assert analysis["analyzer"][FRENCH_ANALYZER]["filter"] == [
        "french_elision", "lowercase", "asciifolding", "french_stop", "french_stemmer",
    ]
    assert analysis["filter"]["french_stemmer"] == {"type": "stemmer", "language": "light_french"}
    assert analysis["filter"]["french_stop"]["stopwords"] == "_french_"
    assert {"l", "d", "qu", "jusqu"} <= set(analysis["filter"]["french_elision"]["articles"])
    # modelsearch's own analyzers (autocomplete) are kept.
    assert "edgengram_analyzer" in analysis["analyzer"]


def text_fields(properties: dict, prefix: str = ""):
    for name, mapping in properties.items():
        if mapping.get("type") == "nested":
            yield from text_fields(mapping["properties"], f"{prefix}{name}.")
        elif mapping.get("type") == "text":
            yield f"{prefix}{name}", mapping


@pytest.mark.parametrize("model", [NewsPage, StructurePage, OfferPage, ListingPage])
def test_every_text_field_is_analysed_in_french(model):
    properties = FrenchMapping(model).get_mapping()["properties"]
    fields = dict(text_fields(properties))
    assert {"_all_text", "title"} <= set(fields)
    for name, mapping in fields.items():
        if name.endswith("edgengrams"):
            assert mapping["analyzer"] == "edgengram_analyzer"  # autocomplete (title_edgengrams)
        else:
            assert mapping["analyzer"] == FRENCH_ANALYZER, name


def test_settings_choose_the_french_backend_when_elasticsearch_url_is_set(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    environment.update(ELASTICSEARCH_URL="http://127.0.0.1:9", DJANGO_SETTINGS_MODULE=(
        "config.settings.test"))
    script = ("from django.conf import settings; import django; django.setup(); "
              "print(settings.WAGTAILSEARCH_BACKENDS['default']['BACKEND'])")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parents[2], env=environment,
                            timeout=60)
    assert result.stdout.strip() == "search.elasticsearch", result.stderr


def test_the_search_service_asks_for_every_word_with_titles_weighing_more(backend):
    """The query the search service sends (search/service.py: live pages, all words)."""
    from wagtail.models import Page

    body = backend.search("velo reparation", Page.objects.live(), operator="and")._get_es_body()
    match = body["query"]["bool"]["must"]["multi_match"]
    assert match["query"] == "velo reparation"
    assert match["operator"] == "and"
    # Titles are copied to a boosted catch-all field: a title match scores twice.
    assert "_all_text" in match["fields"]
    assert any(field.endswith("^2.0") for field in match["fields"])
    assert {"term": {"live_filter": True}} in body["query"]["bool"]["filter"]


def test_title_is_copied_to_the_boosted_field_and_analysed_in_french():
    properties = FrenchMapping(StructurePage).get_mapping()["properties"]
    boosted = [name for name in properties if name.startswith("_all_text_boost")]
    assert boosted, "no boosted catch-all field"
    for name in boosted:
        assert properties[name]["analyzer"] == FRENCH_ANALYZER
    assert any(name in properties["title"].get("copy_to", []) for name in boosted)
