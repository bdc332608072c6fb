"""`load_scale` (thousands of French pages in bulk) and `benchmark` (timed pages), in small."""

import json
from io import StringIO

import pytest

from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings

from wagtail.models import Locale, Page

from cooperation.models import ListingPage, ListingStatus
from directory.models import StructurePage
from home.models import EventPage, NewsPage
from home.scale import tree_problems

SIZES = {"structures": 5, "listings": 20, "news": 5, "events": 3}
MODELS = {"structures": StructurePage, "listings": ListingPage, "news": NewsPage,
          "events": EventPage}
BENCHMARKED = [
    "home", "news_index", "news_index_page_50", "news_page", "agenda", "agenda_ical",
    "directory", "directory_2_filters", "directory_map_json", "directory_csv", "structure_page",
    "cooperation", "cooperation_3_filters", "listing_page",
]


def french(model):
    return model.objects.filter(locale__language_code="fr")


def load_scale(**options) -> str:
    out = StringIO()
    call_command("load_scale", *[f"--{name}={count}" for name, count in SIZES.items()],
                 stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def scaled(demo) -> dict:
    """The demo plus a small scale load: the new pages of each kind, by kind."""
    before = {kind: set(french(model).values_list("pk", flat=True))
              for kind, model in MODELS.items()}
    output = load_scale()
    new = {kind: list(french(model).exclude(pk__in=before[kind]).order_by("path"))
           for kind, model in MODELS.items()}
    return {"output": output, "new": new}


@pytest.mark.django_db
def test_load_scale_adds_the_numbers_asked_for_in_french(scaled):
    for kind, count in SIZES.items():
        assert len(scaled["new"][kind]) == count, kind
    for kind in ("structures", "news", "events"):
        assert all(page.live for page in scaled["new"][kind]), kind
    listings = scaled["new"]["listings"]
    # Open listings are live and public; closed ones stay offline, as the site keeps them.
    assert all(page.live == (page.status == ListingStatus.OPEN) for page in listings)
    assert ListingPage.objects.open().filter(pk__in=[p.pk for p in listings]).exists()
    # Under the demo's index pages, pointing to French structures.
    assert {page.get_parent().slug for page in scaled["new"]["structures"]} == {"annuaire"}
    assert {page.get_parent().slug for page in listings} == {"cooperation"}
    assert all(page.structure.locale.language_code == "fr" for page in listings)
    # Its own speed and the index rebuild, printed.
    for kind in SIZES:
        assert kind in scaled["output"]
    assert "objects/s" in scaled["output"]
    assert "update_index" in scaled["output"]


@pytest.mark.django_db
def test_the_page_tree_stays_valid(scaled):
    assert tree_problems() == {}
    out = StringIO()
    call_command("fixtree", interactive=False, stdout=out)
    assert "Incorrect" not in out.getvalue() and "Orphaned" not in out.getvalue()
    for pages in scaled["new"].values():
        for page in pages:
            fresh = Page.objects.get(pk=page.pk)
            assert fresh.specific_class is type(page.specific)
            assert fresh.url_path == f"{fresh.get_parent().url_path}{fresh.slug}/"
            page.specific.full_clean()  # every field valid, slug unique among siblings


@pytest.mark.django_db
def test_new_pages_are_served_and_searchable(scaled, client):
    for kind in ("structures", "news", "events"):
        page = scaled["new"][kind][0]
        assert client.get(page.url).status_code == 200
        response = client.get("/fr/recherche/", {"q": page.title})
        assert response.status_code == 200
        assert page.url in response.content.decode(), kind
    listing = next(p for p in scaled["new"]["listings"] if p.status == ListingStatus.OPEN)
    assert client.get(listing.url).status_code == 200
    response = client.get("/fr/recherche/", {"q": listing.title})
    assert listing.url in response.content.decode()


# What an alias has of its own (Page.create_alias): its place in the tree and language.
OWN_TO_THE_ALIAS = {"path", "depth", "numchild", "url_path", "locale_id", "alias_of_id",
                    "latest_revision_id"}


def related(page: Page) -> dict[str, list[int]]:
    """The page's many-to-many values and tags, by field."""
    return {field.name: sorted(getattr(page, field.name).values_list("pk", flat=True))
            for field in page._meta.get_fields() if field.many_to_many and not field.auto_created}


@pytest.mark.django_db
def test_every_new_french_page_has_its_english_alias(scaled):
    english = Locale.objects.get(language_code="en")
    for kind, pages in scaled["new"].items():
        for page in (page.specific for page in pages):
            versions = Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk)
            assert len(versions) == 1, (kind, page.url_path)
            alias = versions[0].specific
            assert alias.alias_of_id == page.pk and alias.locale_id == english.pk
            assert alias.get_parent().pk == page.get_parent().get_translation(english).pk
            assert type(alias) is type(page) and alias.slug == page.slug
            assert alias.live == page.live and alias.title == page.title
            assert alias.url_path == f"{alias.get_parent().url_path}{alias.slug}/"
            # The content the alias shows is its source's, relations and tags included.
            for field in type(page)._meta.concrete_fields:
                if not field.primary_key and field.attname not in OWN_TO_THE_ALIAS:
                    assert getattr(alias, field.attname) == getattr(page, field.attname), (
                        kind, field.attname)
            assert related(alias) == related(page), (kind, page.url_path)
            alias.full_clean()  # slug unique among its siblings, locale of its parent…
    assert tree_problems() == {}


@pytest.mark.django_db
def test_english_aliases_of_scale_listings_are_served_listed_and_found(scaled, client):
    listing = next(p for p in scaled["new"]["listings"] if p.status == ListingStatus.OPEN)
    alias = ListingPage.objects.get(alias_of=listing)
    assert alias.url.startswith("/en/cooperation/")
    response = client.get(alias.url)
    assert response.status_code == 200 and listing.title in response.content.decode()
    assert alias.url in client.get("/en/cooperation/", {"q": listing.title}).content.decode()
    assert alias.url in client.get("/en/search/", {"q": listing.title}).content.decode()
    structure = scaled["new"]["structures"][0]
    structure_alias = StructurePage.objects.get(alias_of=structure)
    assert client.get(structure_alias.url).status_code == 200
    assert structure_alias.url in client.get(
        "/en/search/", {"q": structure.title}).content.decode()


@pytest.mark.django_db
def test_load_scale_is_deterministic(demo):
    def content() -> list[tuple]:
        return list(french(ListingPage).order_by("-path").values_list(
            "slug", "title", "summary", "structure__slug", "status", "expires_on",
        )[:SIZES["listings"]])

    with transaction.atomic():
        load_scale(no_index=True)
        first = content()
        transaction.set_rollback(True)
    load_scale(no_index=True)
    assert content() == first


@pytest.mark.django_db
def test_benchmark_reports_every_page_and_the_floor(demo, tmp_path, client):
    target = tmp_path / "bench" / "figures.json"
    out = StringIO()
    call_command("benchmark", "--repeat", "2", "--json", str(target), stdout=out,
                 stderr=StringIO())
    report = json.loads(target.read_text())
    pages = report["pages"]
    searches = [name for name in pages if name.startswith("search q=")]
    autocompletes = [name for name in pages if name.startswith("autocomplete q=")]
    assert len(searches) == 10
    assert autocompletes
    for name in [*BENCHMARKED, *searches, *autocompletes]:
        assert name in pages, name
        for who in ("anonymous", "member"):
            figures = pages[name][who]
            assert figures["status"] == 200, (name, who)
            for key in ("median_ms", "p95_ms", "queries", "size", "ratio_median"):
                assert key in figures, (name, who, key)
            assert figures["p95_ms"] >= figures["median_ms"] > 0
            assert figures["size"] > 0
    assert pages["home"]["anonymous"]["queries"] > 0
    for who in ("anonymous", "member"):
        floor = report["floor"][who]
        assert floor["median_ms"] > 0 and floor["size"] > 0 and "queries" in floor
        assert floor["median_ms"] < pages["home"][who]["median_ms"]
    # The floor's URL is the command's own: never part of the public URLs.
    assert client.get(report["floor"]["url"], follow=True).status_code == 404
    assert "floor" in out.getvalue() and "home" in out.getvalue()


@pytest.mark.django_db
def test_benchmark_serves_anonymous_pages_from_productions_page_cache(demo, tmp_path):
    target = tmp_path / "figures.json"
    out = StringIO()
    call_command("benchmark", "--repeat", "2", "--only", "home", "news_page", "search q=vélo",
                 "--json", str(target), stdout=out, stderr=StringIO())
    report = json.loads(target.read_text())
    pages = report["pages"]
    # A cached page is served without a single query, the same bytes as computed; a cached
    # search with one, its count for the search statistics; members are never served from
    # the cache.
    for name in ("home", "news_page", "search q=vélo"):
        assert pages[name]["cached"]["status"] == 200
        assert pages[name]["cached"]["queries"] == (1 if name.startswith("search") else 0), name
        assert pages[name]["cached"]["size"] == pages[name]["anonymous"]["size"]
        assert pages[name]["member"]["queries"] > 0
    # Ratios of cached pages are to the trivial view computed, not to a cached trivial view.
    floor = report["floor"]["anonymous"]["median_ms"]
    home = pages["home"]["cached"]
    assert home["ratio_median"] == round(home["median_ms"] / floor, 1)
    targets = {target["target"]: target for target in report["targets"]}
    cached = next(t for name, t in targets.items() if "cached" in name and "uncached" not in name)
    assert cached["pages"] == 3
    assert cached["met"] + len(cached["missed"]) == 3
    assert "Target anonymous median ≤ 3× floor, cached" in out.getvalue()
    assert "cached" in out.getvalue().splitlines()[2]


@pytest.mark.django_db
@override_settings(DEMO_CONTENT_ALLOWED=False)
@pytest.mark.parametrize("command", ["load_scale", "benchmark"])
def test_commands_refuse_production_settings(demo, command):
    pages = Page.objects.count()
    with pytest.raises(CommandError, match="refusé en production"):
        call_command(command, stdout=StringIO())
    assert Page.objects.count() == pages
