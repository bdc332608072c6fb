"""Time the site's main pages in-process, anonymous and logged in, against a trivial view.

Three visitors: `anonymous` (every request computed: the uncached cost), `cached` (anonymous
with production's page cache in front, `core.page_cache.with_page_cache`, in the "pages"
cache of the settings: `make bench` points it at files, as production does; the first request
fills it) and `member` (logged in: never cached).

For each page: the median and 95th percentile of `--repeat` timed requests (after one
warm-up request and one request that counts the SQL queries, neither timed), the number of
SQL queries, the response size, and both times as a ratio to the floor: a trivial Django
view returning a fixed page, served through the same middleware by a temporary URLconf
(it never exists in the public URLs). Every URL is read from the database: nothing is
hard-coded but the French paths' shape.

The Django test client serves the requests in this process (no network, no static files):
what is measured is Django, Wagtail, the project's code and the database.
"""

import json
import platform
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

import django
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.db.models import Count
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Locale, Page

from config.benchmarking import (
    FLOOR_RUNS,
    code_version,
    measure,
    quiet_request_log,
    urlconf_with_floor,
)
from cooperation.models import CooperationIndexPage, ListingPage, ResourceCategory
from core.page_cache import with_page_cache
from directory.models import DirectoryIndexPage, Sector, StructurePage, Territory
from home.models import EventIndexPage, EventPage, HomePage, NewsIndexPage, NewsPage

MEMBER_EMAIL = "contact@roue-libre.example"  # a member account of the demo (directory/demo.py)
SEARCH_QUERIES = [
    "vélo", "equipement", "locaux laval", "cooperative insertion", "mutualiser vehicule",
    "salle de reunion", "jardin partagé", "aide a domicile", "formation benevoles", "kayak",
]
AUTOCOMPLETE_QUERIES = ["vel", "coop", "lav"]
WHO = ("anonymous", "cached", "member")
# Issue #7's targets, as multiples of the trivial view: anonymous pages' median (uncached and
# cached), and the 95th percentile of searches and filtered lists (uncached).
TARGETS = {"uncached_median": 15, "cached_median": 3, "search_p95": 20}
FILTERED = ("directory_2_filters", "cooperation_3_filters", "search ", "autocomplete ")
BENCHMARK_TARGET_SECONDS = 600


def _most_used(items, relation: str):
    return items.annotate(uses=Count(relation)).order_by("-uses", "slug").first()


def pages_to_measure() -> list[tuple[str, str]]:
    """(name, URL) of every measured page, found in the database (French side)."""
    french = Locale.objects.get(language_code="fr")

    def first(model, queryset=None) -> Page:
        page = (queryset if queryset is not None else model.objects.live()).filter(
            locale=french).order_by("path").first()
        if page is None:
            raise CommandError(
                f"Pas de {model._meta.verbose_name} en ligne : lancez d'abord load_demo. "
                f"(No live French {model._meta.verbose_name}: run load_demo first.)"
            )
        return page

    home = first(HomePage)
    news_index = first(NewsIndexPage)
    agenda = first(EventIndexPage)
    directory = first(DirectoryIndexPage)
    cooperation = first(CooperationIndexPage)
    # The filters that select the most: the heaviest realistic pages.
    sector = _most_used(Sector.objects.filter(locale=french), "structures")
    territory = _most_used(Territory.objects.filter(locale=french), "structures")
    category = (
        ListingPage.objects.open().filter(locale=french)
        .values("category").annotate(uses=Count("pk")).order_by("-uses", "category").first()
    )
    category_slug = (
        ResourceCategory.objects.get(pk=category["category"]).slug if category else ""
    )
    with translation.override("fr"):
        search_url = reverse("search")
        suggestions_url = reverse("search_suggestions")
    pages = [
        ("home", home.url),
        ("news_index", news_index.url),
        ("news_index_page_50", f"{news_index.url}?page=50"),
        ("news_page", first(NewsPage).url),
        ("agenda", agenda.url),
        ("agenda_ical", agenda.url + agenda.reverse_subpage("ical")),
        ("event_page", first(EventPage).url),
        ("directory", directory.url),
        ("directory_2_filters",
         f"{directory.url}?{urlencode({'sector': sector.slug, 'territory': territory.slug})}"),
        ("directory_map_json", directory.url + directory.reverse_subpage("map_json")),
        ("directory_csv", directory.url + directory.reverse_subpage("export_csv")),
        ("structure_page", first(StructurePage).url),
        ("cooperation", cooperation.url),
        ("cooperation_3_filters", f"{cooperation.url}?" + urlencode(
            {"kind": "offer", "category": category_slug, "territory": territory.slug})),
        ("listing_page", first(ListingPage, ListingPage.objects.open()).url),
    ]
    pages += [(f"search q={query}", f"{search_url}?{urlencode({'q': query})}")
              for query in SEARCH_QUERIES]
    pages += [(f"autocomplete q={query}", f"{suggestions_url}?{urlencode({'q': query})}")
              for query in AUTOCOMPLETE_QUERIES]
    return pages


def content_counts() -> dict[str, int]:
    counts = {"live pages": Page.objects.live().count()}
    for model in (NewsPage, EventPage, StructurePage, ListingPage):
        counts[model.__name__] = model.objects.filter(locale__language_code="fr").count()
    counts["open listings"] = ListingPage.objects.open().filter(
        locale__language_code="fr").count()
    return counts


class Command(BaseCommand):
    help = (
        "Serve the main pages in-process (anonymous and as a demo member) and print, for each, "
        "the median and 95th percentile time, SQL queries and size, against a trivial view."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--repeat", type=int, default=20,
                            help="Timed requests per page and visitor (default 20).")
        parser.add_argument("--json", dest="json_path", metavar="PATH",
                            help="Also write every figure to this JSON file.")
        parser.add_argument(
            "--budget", type=float, default=10.0, metavar="SECONDS",
            help="Time allowed for the timed requests of one page and visitor (default 10): "
            "slower pages get fewer runs, and a page slower than this is timed once.",
        )
        parser.add_argument(
            "--only", nargs="+", metavar="NAME",
            help="Measure only the pages whose name starts with one of these "
            "(e.g. --only directory 'search q=v'); the floor is always measured.",
        )

    def handle(
        self, *args, repeat: int, json_path: str | None, budget: float,
        only: list[str] | None, **options,
    ) -> None:
        if not settings.DEMO_CONTENT_ALLOWED:
            raise CommandError(
                "benchmark se connecte avec un compte de démonstration : refusé en production. "
                "(benchmark logs in with a demo account: refused in production.)"
            )
        if repeat < 1:
            raise CommandError("--repeat must be at least 1.")
        member = get_user_model().objects.filter(email=MEMBER_EMAIL).first()
        if member is None:
            raise CommandError(f"No account {MEMBER_EMAIL}: run load_demo first.")
        pages = pages_to_measure()
        if only:
            pages = [(name, url) for name, url in pages if name.startswith(tuple(only))]
            if not pages:
                raise CommandError(f"No page named like {only}.")
        host = next(
            (h for h in settings.ALLOWED_HOSTS if h != "*" and not h.startswith(".")),
            "localhost",
        )
        clients = {who: Client(HTTP_HOST=host, raise_request_exception=False) for who in WHO}
        clients["member"].force_login(member)
        if settings.DEBUG:
            self.stderr.write("DEBUG is on: times are pessimistic (`make bench` turns it off).")

        code = code_version()  # what this process loaded, before a long run
        started = time.perf_counter()
        results: dict[str, dict] = {}
        progress = self._progress(len(pages) + 1, options["verbosity"])
        caches["pages"].clear()  # the cached visitor's first request of each page fills it
        cached_chain = override_settings(
            MIDDLEWARE=with_page_cache(settings.MIDDLEWARE, settings.PER_VISITOR_MIDDLEWARE)
        )
        # The suggestions' limit per visitor (60 a minute) would answer 429 to the benchmark's
        # repeated requests: lifted, the limiter itself still runs and is timed.
        with override_settings(ROOT_URLCONF=urlconf_with_floor(),
                               SEARCH_SUGGESTIONS_RATE_LIMIT=10**9), quiet_request_log():
            floor_url = reverse("benchmark_floor")
            for name, url in [("floor", floor_url), *pages]:
                results[name] = {"url": url}
                runs = max(repeat, FLOOR_RUNS) if name == "floor" else repeat
                for who in WHO:
                    if who == "cached":
                        with cached_chain:
                            results[name][who] = measure(clients[who], url, runs, budget)
                    else:
                        results[name][who] = measure(clients[who], url, runs, budget)
                progress(name)
        floor = results.pop("floor")
        for figures in results.values():
            for who in WHO:
                # The cached pages are compared with the trivial view *without* the cache: the
                # floor is what Django costs, not what a cache hit of a fixed page costs.
                base = floor["anonymous" if who == "cached" else who]
                mine = figures[who]
                mine["ratio_median"] = round(mine["median_ms"] / base["median_ms"], 1)
                mine["ratio_p95"] = round(mine["p95_ms"] / base["p95_ms"], 1)

        report = {
            "generated_at": timezone.now().isoformat(timespec="seconds"),
            "repeat": repeat,
            "budget_seconds": budget,
            "seconds": round(time.perf_counter() - started, 1),
            "environment": {
                "python": platform.python_version(),
                "django": django.get_version(),
                "database": connection.vendor,
                "debug": settings.DEBUG,
                "search_backend": settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"],
                "page_cache": settings.CACHES["pages"]["BACKEND"],
                "member": MEMBER_EMAIL,
                "code": code,
            },
            "content": content_counts(),
            "floor": floor,
            "pages": results,
        }
        report["targets"] = target_report(report)
        self._table(report)
        if json_path:
            target = Path(json_path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
            self.stdout.write(f"Figures written to {target}")

    def _progress(self, total: int, verbosity: int) -> Callable[[str], None]:
        done = [0]

        def step(name: str) -> None:
            done[0] += 1
            if verbosity > 1:
                self.stderr.write(f"  [{done[0]}/{total}] {name}")

        return step

    def _table(self, report: dict) -> None:
        write = self.stdout.write
        content = ", ".join(f"{name} {count}" for name, count in report["content"].items())
        write(f"Content: {content}")
        write(f"{report['repeat']} timed requests per page and visitor (* fewer: over the "
              f"{report['budget_seconds']:g} s budget; the floor: at least {FLOOR_RUNS}); median "
              "and 95th percentile in ms, ×floor = time / the trivial view's time, "
              "SQL = queries, size in KB.")
        columns = f"{'med':>8}{'p95':>8}{'×floor':>8}{'×p95':>8}{'SQL':>6}{'KB':>7}"
        write(f"{'':<38}" + "".join(f"{who:<47}" for who in WHO))
        write(f"{'page':<30}{'HTTP':>7} " + "  ".join(columns for _who in WHO))

        def number(value: float) -> str:
            return f"{value:.1f}" if value < 100 else f"{value:.0f}"

        def row(name: str, figures: dict) -> str:
            cells = []
            for who in WHO:
                f = figures[who]
                runs = "" if f["runs"] >= report["repeat"] else "*"
                cells.append(
                    f"{number(f['median_ms']) + runs:>8}{number(f['p95_ms']):>8}"
                    f"{number(f.get('ratio_median', 1.0)):>8}{number(f.get('ratio_p95', 1.0)):>8}"
                    f"{str(f['queries']) + ('+' if f.get('queries_capped') else ''):>6}"
                    f"{f['size'] / 1024:>7.1f}"
                )
            status = "/".join(str(figures[who]["status"]) for who in WHO)
            if len(set(status.split("/"))) == 1:
                status = str(figures[WHO[0]]["status"])
            return f"{name[:30]:<30}{status:>7} " + "  ".join(cells)

        write(row("floor (trivial view)", report["floor"]))
        for name, figures in report["pages"].items():
            write(row(name, figures))
        for name, figures in report["pages"].items():
            for who in WHO:
                if figures[who]["status"] != 200:
                    self.stderr.write(
                        f"Not HTTP 200: {name} ({who}): {figures[who]['status']} "
                        f"{figures[who].get('error', '')}"
                    )
        write(f"Total time: {report['seconds']} s")
        for target in report["targets"]:
            missed = ", ".join(target["missed"]) or "none"
            write(f"Target {target['target']}: {target['met']}/{target['pages']} met; "
                  f"missed: {missed}")


def target_report(report: dict) -> list[dict]:
    """Each target of issue #7, with the pages that meet it and those that miss it."""
    pages = report["pages"]
    checks = [
        (f"anonymous median ≤ {TARGETS['uncached_median']}× floor, uncached",
         [(name, f["anonymous"]["ratio_median"] <= TARGETS["uncached_median"])
          for name, f in pages.items()]),
        (f"anonymous median ≤ {TARGETS['cached_median']}× floor, cached",
         [(name, f["cached"]["ratio_median"] <= TARGETS["cached_median"])
          for name, f in pages.items()]),
        (f"searches and filtered lists p95 ≤ {TARGETS['search_p95']}× floor, uncached",
         [(name, f["anonymous"]["ratio_p95"] <= TARGETS["search_p95"])
          for name, f in pages.items() if name.startswith(FILTERED)]),
        (f"whole run ≤ {BENCHMARK_TARGET_SECONDS} s",
         [("run", report["seconds"] <= BENCHMARK_TARGET_SECONDS)]),
    ]
    return [
        {"target": target, "pages": len(results), "met": sum(ok for _name, ok in results),
         "missed": [name for name, ok in results if not ok]}
        for target, results in checks
    ]
