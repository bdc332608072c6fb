"""The database search backend (`WAGTAILSEARCH_BACKENDS`), with French word forms everywhere.

PostgreSQL gets them from its `french_unaccent` text search configuration (unaccent, then
the Snowball French stemmer: search/migrations/0001) and search/postgres.py; SQLite from
search/sqlite.py, which stores and looks for the same Snowball stems. Both look for the query
words the same way (search.text.query_terms). Other databases get modelsearch's choice.
"""

from django.db import connection

from modelsearch.backends.database import SearchBackend as database_backend


def SearchBackend(params: dict):  # the name Wagtail looks up
    backend = database_backend(params)
    # search/sqlite.py can only be imported on SQLite (its FTS5 model exists only there).
    if connection.vendor == "sqlite" and type(backend).__name__ == "SQLiteSearchBackend":
        from .sqlite import FrenchSQLiteSearchBackend

        return FrenchSQLiteSearchBackend(params)
    if connection.vendor == "postgresql":
        from .postgres import FrenchPostgresSearchBackend

        return FrenchPostgresSearchBackend(params)
    return backend
