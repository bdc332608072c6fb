"""PostgreSQL's search backend with the same query words as SQLite (chosen by
search/database.py): French stop words dropped, the plural "s" dropped, and words of stem
four letters or more matched as prefixes, so "velo" meets "vélos" as it does on SQLite. The
index side is PostgreSQL's own `french_unaccent` configuration (search/migrations/0001)."""

from functools import reduce

from django.contrib.postgres.search import SearchQuery

from modelsearch.backends.database.postgres.postgres import (
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.query import PlainText

from .text import query_terms


class FrenchPostgresSearchQueryCompiler(PostgresSearchQueryCompiler):
    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(query, PlainText):
            terms = query_terms(query.query_string)
            if not terms:
                return None
            lexemes = [Lexeme(word, invert=invert, prefix=prefix) for word, _stem, prefix in terms]
            combine = (lambda a, b: a & b) if query.operator == "and" else (lambda a, b: a | b)
            return SearchQuery(reduce(combine, lexemes), search_type="raw", config=config)
        return super().build_tsquery_content(query, config=config, invert=invert)

    def search(self, config, start, stop, score_field=None, backend=None):
        # Only stop words ("de la"): nothing to look for, as on SQLite.
        if isinstance(self.query, PlainText) and not query_terms(self.query.query_string):
            return self.queryset.none()
        return super().search(config, start, stop, score_field=score_field, backend=backend)


class FrenchPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = FrenchPostgresSearchQueryCompiler

    def __init__(self, params: dict) -> None:
        super().__init__(params)
        # Suggestions without accents: search/migrations/0004.
        self.autocomplete_config = "simple_unaccent"
