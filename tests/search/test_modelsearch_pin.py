"""search/sqlite.py and search/postgres.py copy modelsearch's `add_items` (a private API) to
index with their French indexers: another version of modelsearch may have changed it."""

from importlib.metadata import version

from search.postgres import FrenchPostgresIndex
from search.sqlite import FrenchSQLiteIndex

# The modelsearch version whose `SQLiteIndex.add_items` and `PostgresIndex.add_items` the
# copies follow.
COPIED_FROM = "1.3.2"


def test_the_copied_add_items_follow_the_installed_modelsearch():
    installed = version("modelsearch")
    assert installed == COPIED_FROM, (
        f"modelsearch is {installed}, the copies follow {COPIED_FROM}: compare "
        f"{FrenchSQLiteIndex.__module__}.{FrenchSQLiteIndex.__name__}.add_items and "
        f"{FrenchPostgresIndex.__module__}.{FrenchPostgresIndex.__name__}.add_items with "
        "modelsearch's SQLiteIndex.add_items and PostgresIndex.add_items, update them, then "
        "COPIED_FROM."
    )
