"""What visitors search for: one counter per day, query and language (issue #5's admin report).

Only counts are kept (no visitor, address or session), and `purge_query_log` bounds how long
even the typed words are kept.

Not Wagtail's `Query.get(q).add_hit()`: its daily hits keep neither the language nor the
searches without result, and it stores a promotions `Query` for every typed search (here one
is made only when an editor promotes results from the report).
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from .models import QUERY_MAX_LENGTH, QueryLog

RETENTION_DAYS = 400
LANGUAGE_MAX_LENGTH = QueryLog._meta.get_field("language").max_length


def normalise_logged_query(query: str) -> str:
    """The form a query is counted under: "Vélos  Solidaires" → "vélos solidaires".

    Lowercase with single spaces, as Wagtail's search promotions key their queries, so that
    the report can link a query to its promoted results.
    """
    return " ".join(query.lower().split())[:QUERY_MAX_LENGTH]


def record_search(query: str, language: str, results: int) -> None:
    """Count one search of `query` in `language` that found `results` pages."""
    query = normalise_logged_query(query)
    if not query:
        return
    key = {
        "day": timezone.localdate(),
        "query": query,
        "language": (language or "")[:LANGUAGE_MAX_LENGTH],
    }
    empty = 1 if results == 0 else 0
    # An UPDATE with F() adds in the database: two searches at the same time both count.
    increment = {"searches": F("searches") + 1, "empty_searches": F("empty_searches") + empty}
    if QueryLog.objects.filter(**key).update(**increment):
        return
    try:
        # The savepoint keeps a surrounding transaction usable when another request created
        # the row between our UPDATE and this INSERT; then our count goes to its row.
        with transaction.atomic():
            QueryLog.objects.create(**key, searches=1, empty_searches=empty)
    except IntegrityError:
        QueryLog.objects.filter(**key).update(**increment)


def count_search(response: HttpResponse, query: str, language: str, results: int) -> None:
    """Have `SearchCountMiddleware` count this search whenever `response` is sent, from the
    view or from the page cache."""
    response.search_to_count = (query, language, results)


class SearchCountMiddleware:
    """Counts the searches whose response says so (`count_search`). Outside the page cache
    (core/page_cache/): a search answered from the cache counts as much as one computed,
    so that the search page may be cached at all."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        search = getattr(response, "search_to_count", None)
        if search is not None and response.status_code == 200:
            record_search(*search)
        return response


def purge_query_log(older_than_days: int = RETENTION_DAYS) -> int:
    """Delete the counts of days more than `older_than_days` ago; return how many rows went."""
    cutoff = timezone.localdate() - datetime.timedelta(days=older_than_days)
    deleted, _by_model = QueryLog.objects.filter(day__lt=cutoff).delete()
    return deleted
