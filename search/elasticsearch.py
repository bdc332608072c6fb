"""Elasticsearch 9 backend with French analysis, used when ELASTICSEARCH_URL is set.

Every text field (and the catch-all `_all_text` fields) is analysed the French way: elision
(l', d', qu'…), lowercase, ASCII folding (so "equipement" meets "équipement"), French stop
words and the light French stemmer (so "véhicules" meets "véhicule", "locaux" meets
"local"). Autocomplete keeps modelsearch's edge n-grams, with ASCII folding.

A subclass, not only the backend's `INDEX_SETTINGS`: those settings define analysers but
cannot put one on each text field of modelsearch's mappings (tests/search/
test_elasticsearch_settings.py checks every field names the French analyser).
"""

from copy import deepcopy

from modelsearch.backends.elasticsearch9 import (
    Elasticsearch9Mapping,
    Elasticsearch9SearchBackend,
    Elasticsearch9SearchResults,
)

FRENCH_ANALYZER = "apess_french"

FRENCH_ANALYSIS = {
    "settings": {
        "analysis": {
            "filter": {
                "french_elision": {
                    "type": "elision",
                    "articles_case": True,
                    "articles": [
                        "l", "m", "t", "qu", "n", "s", "j", "d", "c",
                        "jusqu", "quoiqu", "lorsqu", "puisqu",
                    ],
                },
                "french_stop": {"type": "stop", "stopwords": "_french_"},
                "french_stemmer": {"type": "stemmer", "language": "light_french"},
            },
            "analyzer": {
                FRENCH_ANALYZER: {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": [
                        "french_elision", "lowercase", "asciifolding",
                        "french_stop", "french_stemmer",
                    ],
                },
            },
        }
    }
}


def _with_french_analyzer(properties: dict) -> None:
    for mapping in properties.values():
        if mapping.get("type") == "text" and "analyzer" not in mapping:
            mapping["analyzer"] = FRENCH_ANALYZER
        if mapping.get("type") == "nested":
            _with_french_analyzer(mapping["properties"])


class FrenchMapping(Elasticsearch9Mapping):
    def get_mapping(self) -> dict:
        mapping = super().get_mapping()
        _with_french_analyzer(mapping["properties"])
        return mapping


class FrenchSearchResults(Elasticsearch9SearchResults):
    def ranked_pks(self, limit: int) -> list:
        """The primary keys of the best `limit` matches, best first, in one request and
        without loading the objects: the search service (search/service.py) filters and
        counts them in the database."""
        model = self.query_compiler.queryset.model
        response = self._backend_do_search(
            self._get_es_body(),
            index=self.backend.get_index_for_model(model).name,
            _source=False,
            **{self.fields_param_name: "pk"},
            from_=0,
            size=limit,
        )
        to_python = model._meta.pk.to_python
        return [to_python(hit["fields"]["pk"][0]) for hit in response["hits"]["hits"]]


class FrenchElasticsearchBackend(Elasticsearch9SearchBackend):
    # The index's mapping only: the query compilers read field names from their own
    # mapping, which FrenchMapping does not change.
    mapping_class = FrenchMapping
    results_class = FrenchSearchResults

    def __init__(self, params: dict) -> None:
        super().__init__(params)
        analysis = self.settings["settings"]["analysis"]
        for section, entries in deepcopy(FRENCH_ANALYSIS["settings"]["analysis"]).items():
            analysis.setdefault(section, {}).update(entries)


SearchBackend = FrenchElasticsearchBackend
