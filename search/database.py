"""The database search backend (`WAGTAILSEARCH_BACKENDS`), with French word forms everywhere.

PostgreSQL gets them from its `french_unaccent` text search configuration (unaccent, then
the Snowball French stemmer: search/migrations/0001); SQLite from search/sqlite.py, which
stores and looks for the same Snowball stems. Other databases get modelsearch's choice.
"""

from django.db import connection

from modelsearch.backends.database import SearchBackend as database_backend


def SearchBackend(params: dict):  # the name Wagtail looks up
    backend = database_backend(params)
    # search/sqlite.py can only be imported on SQLite (its FTS5 model exists only there).
    if connection.vendor == "sqlite" and type(backend).__name__ == "SQLiteSearchBackend":
        from .sqlite import FrenchSQLiteSearchBackend

        return FrenchSQLiteSearchBackend(params)
    return backend
