"""The benchmark's measuring instruments: the floor (a trivial view served through the same
middleware), timed requests and their percentiles, and the commit measured.

The `benchmark` command (config/management/commands/benchmark.py) picks the pages and prints
the report; this module knows nothing of the site's pages.
"""

import logging
import math
import statistics
import subprocess
import time
import types
from contextlib import contextmanager
from importlib import import_module

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import path

FLOOR_PATH = "__benchmark-floor__/"
# The floor costs a fraction of a millisecond: many runs keep its 95th percentile steady.
FLOOR_RUNS = 200
FLOOR_HTML = (
    "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Plancher</title>"
    "</head><body><main><h1>Plancher</h1><p>Une page fixe, pour mesurer ce que coûte Django "
    "seul.</p></main></body></html>\n"
)


def floor_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse(FLOOR_HTML)


def urlconf_with_floor() -> types.ModuleType:
    """The site's URLconf plus the floor view, as a module for ROOT_URLCONF."""
    module = types.ModuleType("benchmark_urls")
    module.urlpatterns = [
        path(FLOOR_PATH, floor_view, name="benchmark_floor"),
        *import_module(settings.ROOT_URLCONF).urlpatterns,
    ]
    return module


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: the smallest value with `share` of the values at or below."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def fetch(client: Client, url: str) -> tuple[int, bytes, str]:
    """Status, body and, for a server error, the exception (the client does not raise it)."""
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    error = ""
    if getattr(response, "exc_info", None):
        error = f"{response.exc_info[0].__name__}: {response.exc_info[1]}"
    return response.status_code, body, error


def measure(client: Client, url: str, repeat: int, budget: float) -> dict:
    """Figures of one URL for one client: a warm-up request (templates compiled, caches
    filled), one request counting the queries, then up to `repeat` timed requests, fewer
    once they have taken `budget` seconds. A page whose warm-up alone takes longer than
    `budget` is timed and counted by that one (cold) request: `runs` says how many."""
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        status, body, error = fetch(client, url)
    first = time.perf_counter() - started
    # Read now: the captured list is a slice of the connection's log, which the next request
    # empties.
    query_count = len(queries.captured_queries)
    times = []
    if first > budget:
        times.append(first * 1000)
    else:
        with CaptureQueriesContext(connection) as queries:
            status, body, error = fetch(client, url)
        query_count = len(queries.captured_queries)
        spent = 0.0
        while len(times) < repeat and (not times or spent < budget):
            started = time.perf_counter()
            fetch(client, url)
            elapsed = time.perf_counter() - started
            spent += elapsed
            times.append(elapsed * 1000)
    return {
        "status": status,
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(percentile(times, 0.95), 2),
        "min_ms": round(min(times), 2),
        "runs": len(times),
        "queries": query_count,
        # CaptureQueriesContext keeps the connection's last 9000 queries: a floor, not a count.
        **({"queries_capped": True} if query_count >= connection.queries_limit else {}),
        "size": len(body),
        **({"error": error[:300]} if error else {}),
    }


@contextmanager
def quiet_request_log():
    """Server errors are reported once per page in the summary, not logged per request."""
    logger = logging.getLogger("django.request")
    disabled, logger.disabled = logger.disabled, True
    try:
        yield
    finally:
        logger.disabled = disabled


def code_version() -> dict:
    """The commit measured and whether the working tree differs from it (None without git)."""
    def git(*args: str) -> str | None:
        try:
            result = subprocess.run(["git", *args], cwd=settings.BASE_DIR, capture_output=True,
                                    text=True, timeout=10, check=True)
        except (OSError, subprocess.SubprocessError):
            return None
        return result.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD")
    changes = git("status", "--porcelain", "--untracked-files=no")
    return {"commit": commit, "modified": bool(changes) if changes is not None else None}
