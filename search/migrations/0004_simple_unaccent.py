"""PostgreSQL: an autocomplete configuration that ignores accents.

modelsearch completes words with the `simple` configuration (no stemming: a prefix must stay
a prefix), which keeps accents, so "epicerie" would not suggest "Épicerie". `simple_unaccent`
is `simple` after `unaccent` (search/postgres.py uses it). Other databases need nothing.
"""

from django.db import migrations

CREATE = """
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'simple_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION simple_unaccent (COPY = simple);
        ALTER TEXT SEARCH CONFIGURATION simple_unaccent
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
    END IF;
END
$$;
"""
DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS simple_unaccent;"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_editors_promote_results")]

    operations = [migrations.RunPython(create, drop)]
