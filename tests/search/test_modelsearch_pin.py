"""search/sqlite.py and search/postgres.py copy modelsearch's `add_items` (a private API) to
index with their French indexers: another version of modelsearch may have changed it.

The copies are named, not imported: each module reads its backend's models on import, which
exist only on that database."""

from importlib.metadata import version

# The modelsearch version whose `SQLiteIndex.add_items` and `PostgresIndex.add_items` the
# copies follow.
COPIED_FROM = "1.3.2"
COPIES = ["search.sqlite.FrenchSQLiteIndex.add_items",
          "search.postgres.FrenchPostgresIndex.add_items"]


def test_the_copied_add_items_follow_the_installed_modelsearch():
    installed = version("modelsearch")
    assert installed == COPIED_FROM, (
        f"modelsearch is {installed}, the copies follow {COPIED_FROM}: compare "
        f"{' and '.join(COPIES)} with modelsearch's SQLiteIndex.add_items and "
        "PostgresIndex.add_items, update them, then COPIED_FROM."
    )
