"""PostgreSQL's search backend with the same query words as SQLite (chosen by
search/database.py): French stop words dropped, each word looked for in any of its forms (as
typed, singular, plural: search.text.query_terms), stems of four letters or more matched as
prefixes, so "velo" meets "vélos" and "mois" meets "mois" as on SQLite. The
index side is PostgreSQL's own `french_unaccent` configuration (search/migrations/0001)."""

from functools import reduce

from django.contrib.postgres.search import SearchQuery
from django.db.models.sql.subqueries import InsertQuery

from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    ObjectIndexer,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.query import PlainText
from modelsearch.utils import get_content_type_pk

from .text import query_terms

# PostgreSQL's parser reads "d’insertion" (typographic apostrophe) as one word, kept whole,
# where "d'insertion" is "d" and "insertion": the text indexed gets the straight apostrophe,
# as query words are split at both (search.text.WORD).
APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'"})


class FrenchObjectIndexer(ObjectIndexer):
    def prepare_value(self, value) -> str:
        return super().prepare_value(value).translate(APOSTROPHES)


class FrenchPostgresIndex(PostgresIndex):
    def add_items(self, model, objs) -> None:
        # A copy of modelsearch 1.3.2's add_items with the French indexer, which it has no
        # hook for; tests/search/test_modelsearch_pin.py fails on another version.
        search_fields = model.get_search_fields()
        if not search_fields:
            return

        indexers = [FrenchObjectIndexer(obj, self.backend) for obj in objs]

        # TODO: Delete unindexed objects while dealing with proxy models.
        if not indexers:
            return

        content_type_pk = get_content_type_pk(model)
        compiler = InsertQuery(IndexEntry).get_compiler(
            connection=self.write_connection
        )
        title_sql = []
        autocomplete_sql = []
        body_sql = []
        data_params = []

        for indexer in indexers:
            data_params.extend((content_type_pk, indexer.id))

            # Compile title value
            value = compiler.prepare_value(
                IndexEntry._meta.get_field("title"), indexer.title
            )
            sql, params = value.as_sql(compiler, self.write_connection)
            title_sql.append(sql)
            data_params.extend(params)

            # Compile autocomplete value
            value = compiler.prepare_value(
                IndexEntry._meta.get_field("autocomplete"), indexer.autocomplete
            )
            sql, params = value.as_sql(compiler, self.write_connection)
            autocomplete_sql.append(sql)
            data_params.extend(params)

            # Compile body value
            value = compiler.prepare_value(
                IndexEntry._meta.get_field("body"), indexer.body
            )
            sql, params = value.as_sql(compiler, self.write_connection)
            body_sql.append(sql)
            data_params.extend(params)

            # Plain text values for fuzzy search
            data_params.append(indexer.title_text)
            data_params.append(indexer.body_text)

        data_sql = ", ".join(
            [
                f"(%s, %s, {a}, {b}, {c}, 1.0, %s, %s)"
                for a, b, c in zip(title_sql, autocomplete_sql, body_sql, strict=True)
            ]
        )

        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO {IndexEntry._meta.db_table} (content_type_id, object_id, title,
                    autocomplete, body, title_norm, title_text, body_text)
                (VALUES {data_sql})
                ON CONFLICT (content_type_id, object_id)
                DO UPDATE SET title = EXCLUDED.title,
                              title_norm = 1.0,
                              autocomplete = EXCLUDED.autocomplete,
                              body = EXCLUDED.body,
                              title_text = EXCLUDED.title_text,
                              body_text = EXCLUDED.body_text
                """,
                data_params,
            )

        self._refresh_title_norms()



class FrenchPostgresSearchQueryCompiler(PostgresSearchQueryCompiler):
    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(query, PlainText):
            terms = query_terms(query.query_string)
            if not terms:
                return None
            words = [
                reduce(lambda a, b: a | b, [Lexeme(form, invert=invert, prefix=prefix)
                                            for form, _stem, prefix in alternatives])
                for alternatives in terms
            ]
            combine = (lambda a, b: a & b) if query.operator == "and" else (lambda a, b: a | b)
            return SearchQuery(reduce(combine, words), search_type="raw", config=config)
        return super().build_tsquery_content(query, config=config, invert=invert)

    def search(self, config, start, stop, score_field=None, backend=None):
        # Only stop words ("de la"): nothing to look for, as on SQLite.
        if isinstance(self.query, PlainText) and not query_terms(self.query.query_string):
            return self.queryset.none()
        return super().search(config, start, stop, score_field=score_field, backend=backend)


class FrenchPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = FrenchPostgresSearchQueryCompiler
    index_class = FrenchPostgresIndex

    def __init__(self, params: dict) -> None:
        super().__init__(params)
        # Suggestions without accents: search/migrations/0004.
        self.autocomplete_config = "simple_unaccent"
