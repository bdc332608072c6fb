"""PostgreSQL: full-text search is served by an index (search/migrations/0005), not by reading
the whole table: the index is on the very expression the search backend matches."""

import pytest

from django.db import connection

from wagtail.models import Page

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="PostgreSQL's full-text index; SQLite searches its FTS5 table"),
]

MATCHED = '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body") @@'


def test_full_text_search_matches_an_indexed_expression(demo):
    results = Page.objects.live().search("velo", operator="and", order_by_relevance=True)
    sql, _params = results.get_queryset().query.sql_with_params()
    assert MATCHED in sql, sql
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'wagtailsearch_indexentry'"
        )
        definitions = [row[0] for row in cursor.fetchall()]
    assert any("USING gin" in definition and "(title || body)" in definition
               for definition in definitions), definitions
    assert len(list(results)) > 0  # the demo's "vélo" pages are found
