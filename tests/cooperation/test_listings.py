"""Coopération: the marketplace shows exactly the open listings that match, and nothing else.

The demo (cooperation/demo.py) posts 40 French listings, annonce-01 … annonce-40: offers for
odd numbers, requests for even ones, each by the structure whose activity it fits (every demo
structure posts one to four; no two share a title); annonce-04, -14, -24, -34 are fulfilled
and unpublished; annonce-01, -10, -19, -28 and -37 expire in 5 days, the others in 30 days
or more. English has an alias of each
(annonce-NN) except annonce-01, translated as van-at-weekends.

The expected listings are computed here with plain ORM filters on the demo data, not with the
marketplace's filter code; a few are also written out by hand, to check those computations.
"""

import datetime
import re
from urllib.parse import parse_qsl, urljoin

import pytest
from bs4 import BeautifulSoup

from django.utils import timezone

from cooperation.models import ListingPage, ListingTerm, ResourceCategory, Terms
from cooperation.models.index import STRUCTURES_SHOWN
from cooperation.models.listings import ListingKind, ListingStatus
from directory.models import StructurePage, Territory

pytestmark = pytest.mark.django_db

INDEX = {"fr": "/fr/cooperation/", "en": "/en/cooperation/"}
HOME = {"fr": "/fr/", "en": "/en/"}
STRUCTURE = {"fr": "/fr/annuaire/", "en": "/en/directory/"}

# What the search finds in the demo listings (French words of their titles and summaries).
SEARCH = {
    "camion": {"annonce-01", "annonce-21"},  # "Camion utilitaire…", "Camion frigorifique…"
    "barnum": {"annonce-06"},
    "cargo": {"annonce-19"},
    "zzzqqq": set(),
}


def html(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def card_slugs(page: BeautifulSoup, selector: str = ".card__title a") -> list[str]:
    return [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in page.select(selector)]


def listed(client, url: str) -> tuple[list[str], list[BeautifulSoup]]:
    """The listings on every page of the index, following the "next page" links."""
    slugs, pages = [], []
    while url:
        response = client.get(url)
        assert response.status_code == 200, url
        page = html(response)
        pages.append(page)
        slugs += card_slugs(page)
        following = page.select_one(".pagination a[rel=next]")
        url = urljoin(url, following["href"]) if following else None
        assert len(pages) < 5, "pagination does not end"
    return slugs, pages


def visible(language: str):
    """What the public may see, in plain ORM terms."""
    return ListingPage.objects.filter(
        live=True, status="open", expires_on__gte=timezone.localdate(),
        locale__language_code=language,
    )


def expected_slugs(query: str, language: str = "fr") -> set[str]:
    """The listings a query string must show, worked out without the marketplace's code."""
    params = {name: value.strip() for name, value in parse_qsl(query)}
    listings = visible(language)
    if params.get("kind") in ListingKind.values:  # anything else is ignored
        listings = listings.filter(kind=params["kind"])
    if params.get("category"):
        listings = listings.filter(category__slug=params["category"])
    if params.get("terms") in Terms.values:  # anything else is ignored
        listings = listings.filter(terms__code=params["terms"])
    if params.get("structure"):
        listings = listings.filter(structure__slug=params["structure"])
    slugs = set(listings.values_list("slug", flat=True))
    if params.get("territory"):  # the listing's own territory, else its structure's
        slugs = {
            listing.slug for listing in listings.select_related("territory", "structure")
            if (listing.territory or listing.structure.territories.first() or Territory()).slug
            == params["territory"]
        }
    if params.get("q"):
        found = SEARCH[params["q"].lower()]
        if language != "fr":  # an English alias shows its French source's words
            found = set(ListingPage.objects.filter(
                locale__language_code=language, alias_of__slug__in=found,
            ).values_list("slug", flat=True))
        slugs &= found
    return slugs


ALL_FR = {f"annonce-{n:02d}" for n in range(1, 41)} - {
    "annonce-04", "annonce-14", "annonce-24", "annonce-34"}

# query string → the listings /fr/cooperation/ shows (on all its pages). A set is written out by
# hand from cooperation/demo.py; None: worked out by expected_slugs.
FILTERS = [
    ("", ALL_FR),
    # Each filter alone.
    ("kind=offer", {f"annonce-{n:02d}" for n in range(1, 41, 2)}),
    ("kind=request", None),
    ("category=vehicules", {"annonce-01", "annonce-02", "annonce-19", "annonce-21",
                            "annonce-28", "annonce-36"}),
    ("category=locaux", {"annonce-03", "annonce-15", "annonce-16", "annonce-29"}),
    ("category=achats-groupes", {"annonce-13", "annonce-37"}),
    ("category=autre", set()),
    ("terms=loan", None),
    ("terms=shared_use", None),
    ("terms=gift", {"annonce-17", "annonce-22", "annonce-23", "annonce-30", "annonce-36"}),
    ("territory=laval-agglo", None),  # the listings of Laval, Bonchamp, Changé…
    ("territory=ernee", None),
    ("territory=meslay-grez", {"annonce-20", "annonce-21", "annonce-40"}),  # -34: fulfilled
    ("structure=roue-libre", {"annonce-01", "annonce-19", "annonce-35"}),  # -04: fulfilled
    ("structure=cuisine-collective", None),
    ("structure=jardins-du-maine", {"annonce-10", "annonce-28", "annonce-37"}),
    ("q=camion", SEARCH["camion"]),
    ("q=Barnum", SEARCH["barnum"]),
    ("q=zzzqqq", set()),
    # Combinations.
    ("kind=request&category=vehicules", {"annonce-02", "annonce-28", "annonce-36"}),
    ("kind=offer&terms=loan&territory=laval-agglo", None),
    ("category=materiel&structure=ressourcerie-lassay", {"annonce-05"}),
    ("structure=roue-libre&category=locaux", set()),  # its only one, annonce-04, is fulfilled
    ("kind=offer&q=camion", SEARCH["camion"]),
    ("kind=request&q=camion", set()),
    ("terms=rental&q=camion&structure=roue-libre", {"annonce-01"}),
    ("kind=offer&category=vehicules&terms=loan&territory=meslay-grez&structure="
     "ferme-grez", {"annonce-21"}),
    ("kind=offer&category=locaux&terms=gift", set()),
    # Unknown values: an unknown kind, terms or sort is ignored; an unknown category,
    # territory or structure matches nothing.
    ("kind=bogus", ALL_FR),
    ("terms=bogus", ALL_FR),
    ("sort=bogus", ALL_FR),
    ("page=abc", ALL_FR),
    ("category=n-existe-pas", set()),
    ("territory=paris", set()),
    ("structure=inconnue", set()),
    ("kind=offer&category=n-existe-pas", set()),
    ("kind=%20offer%20", {f"annonce-{n:02d}" for n in range(1, 41, 2)}),
    ("kind=offer&terms=bogus", {f"annonce-{n:02d}" for n in range(1, 41, 2)}),
]


def test_demo_is_what_the_table_assumes(demo):
    assert set(visible("fr").values_list("slug", flat=True)) == ALL_FR
    assert visible("fr").count() == 36
    assert visible("en").count() == 36
    assert set(visible("fr").filter(expires_on__lte=timezone.localdate()
                                    + datetime.timedelta(days=7)).values_list("slug", flat=True)
               ) == {"annonce-01", "annonce-10", "annonce-19", "annonce-28", "annonce-37"}


@pytest.mark.parametrize(("query", "hand_written"), FILTERS)
def test_filters_show_exactly_the_matching_listings(client, demo, query, hand_written):
    expected = expected_slugs(query)
    if hand_written is not None:
        assert expected == hand_written, "the ORM expectation disagrees with the demo data"
    slugs, pages = listed(client, f"{INDEX['fr']}?{query}")
    assert len(slugs) == len(set(slugs)), "a listing is shown twice"
    assert set(slugs) == expected
    count = re.match(r"(\d+) ", pages[0].select_one("#results-title").get_text(strip=True))
    assert count and int(count[1]) == len(expected)
    for page in pages:  # every card leads to a French listing
        assert all(a["href"].startswith(INDEX["fr"]) for a in page.select(".card__title a"))


@pytest.mark.parametrize("query", ["", "kind=offer", "category=vehicules", "terms=loan",
                                   "territory=ernee", "structure=roue-libre", "q=camion",
                                   "kind=request&category=materiel", "category=bogus"])
def test_english_index_shows_the_english_listings(client, demo, query):
    slugs, _pages = listed(client, f"{INDEX['en']}?{query}")
    assert len(slugs) == len(set(slugs))
    assert set(slugs) == expected_slugs(query, "en")
    if not query:
        assert "van-at-weekends" in slugs and "annonce-01" not in slugs
        assert len(slugs) == 36


def test_twenty_listings_a_page(client, demo):
    first = card_slugs(html(client.get(INDEX["fr"])))
    second = card_slugs(html(client.get(f"{INDEX['fr']}?page=2")))
    assert (len(first), len(second)) == (20, 16)
    assert set(first) | set(second) == ALL_FR
    assert card_slugs(html(client.get(f"{INDEX['fr']}?page=99"))) == second


@pytest.mark.parametrize("language", ["fr", "en"])
def test_sorting(client, demo, language):
    newest = [p.slug for p in visible(language).order_by("-first_published_at", "-pk")]
    expiring = [p.slug for p in visible(language).order_by("expires_on", "pk")]
    shown, _pages = listed(client, INDEX[language])
    assert shown == newest
    shown, _pages = listed(client, f"{INDEX[language]}?sort=expiring")
    assert shown == expiring
    first = visible(language).get(slug=shown[0])
    assert first.expires_on == min(visible(language).values_list("expires_on", flat=True))
    assert first.expires_on == timezone.localdate() + datetime.timedelta(days=5)
    # Sorting keeps the filters, and filtering keeps the sort.
    shown, _pages = listed(client, f"{INDEX[language]}?sort=expiring&kind=request")
    assert shown == [slug for slug in expiring if slug in expected_slugs("kind=request",
                                                                         language)]


def facets(page: BeautifulSoup) -> dict[str, dict[str, int]]:
    """{filter: {option value: count}} from the filter form's selects."""
    result = {}
    for select in page.select(".filter-form select"):
        options = {}
        for option in select.select("option"):
            if option["value"]:
                options[option["value"]] = int(
                    re.fullmatch(r".+ \((\d+)\)", option.get_text(strip=True))[1]
                )
        result[select["name"]] = options
    return result


def with_option(query: str, name: str, value: str) -> str:
    params = [(key, val) for key, val in parse_qsl(query) if key != name]
    return "&".join(f"{key}={val}" for key, val in [*params, (name, value)])


@pytest.mark.parametrize(("language", "query"), [
    ("fr", ""), ("fr", "kind=request"), ("fr", "category=vehicules&terms=loan"),
    ("fr", "territory=laval-agglo&kind=offer"), ("fr", "q=camion"),
    ("fr", "structure=ressourcerie-lassay&category=materiel"), ("en", ""), ("en", "kind=offer"),
])
def test_option_counts_are_what_choosing_the_option_would_show(client, demo, language, query):
    """Each option counts the listings the filters would show with it chosen instead."""
    shown = facets(html(client.get(f"{INDEX[language]}?{query}")))
    locale = {"locale__language_code": language}
    values = {
        "kind": ListingKind.values,
        "category": list(ResourceCategory.objects.filter(**locale).values_list("slug", flat=True)),
        "terms": list(ListingTerm.objects.values_list("code", flat=True)),
        "territory": list(Territory.objects.filter(**locale).values_list("slug", flat=True)),
    }
    for name, options in values.items():
        assert shown[name] == {
            value: len(expected_slugs(with_option(query, name, value), language))
            for value in options
        }, name
    # Structures: those with a matching listing, the STRUCTURES_SHOWN with the most (ties are
    # test_structure_facet's business), and the chosen one.
    chosen = dict(parse_qsl(query)).get("structure")
    counts = {slug: len(expected_slugs(with_option(query, "structure", slug), language))
              for slug in StructurePage.objects.filter(**locale).values_list("slug", flat=True)}
    matching = {slug: n for slug, n in counts.items() if n or slug == chosen}
    ranked = {slug: n for slug, n in shown["structure"].items() if slug != chosen}
    assert shown["structure"] == {slug: matching[slug] for slug in shown["structure"]}
    assert chosen is None or chosen in shown["structure"]
    assert len(ranked) == min(STRUCTURES_SHOWN, len(set(matching) - {chosen}))
    left_out = set(matching) - set(shown["structure"])
    assert all(matching[slug] <= min(ranked.values()) for slug in left_out)
    if not query:
        assert shown["kind"] == {"offer": 20, "request": 16}


# ---------------------------------------------------------------- what the public never sees

STATES = ["open", "expired", "withdrawn", "fulfilled", "draft", "moderation"]


def shown_on_index(client, listing) -> bool:
    slugs, _pages = listed(client, INDEX["fr"])
    return listing.slug in slugs


def shown_on_index_search(client, listing) -> bool:
    slugs, _pages = listed(client, f"{INDEX['fr']}?q={listing.slug}")
    return listing.slug in slugs


def shown_at_its_url(client, listing) -> bool:
    response = client.get(listing.get_url())
    status = response.status_code
    # 410: a closed listing's address says it is closed, and shows none of its content.
    assert status in (200, 404, 410)
    if status == 410:
        assert listing.summary not in response.content.decode()
    return status == 200


def linked_from(client, url: str, listing) -> bool:
    response = client.get(url)
    assert response.status_code == 200
    return f'href="{listing.get_url()}"' in response.content.decode()


def shown_on_structure_page(client, listing) -> bool:
    return linked_from(client, listing.structure.get_url(), listing)


def shown_on_home_page(client, listing) -> bool:
    return linked_from(client, HOME["fr"], listing)


def shown_in_search(client, listing) -> bool:
    return linked_from(client, f"/fr/recherche/?q={listing.slug}", listing)


def shown_in_api(client, listing) -> bool:
    found = False
    for model in ("OfferPage", "RequestPage"):
        response = client.get(f"/api/v2/pages/?type=cooperation.{model}&limit=100")
        assert response.status_code == 200
        assert response.json()["meta"]["total_count"] <= 100
        found |= listing.pk in [item["id"] for item in response.json()["items"]]
    # Not found, the API answers 404, which the language middleware turns into a redirect.
    detail = client.get(f"/api/v2/pages/{listing.pk}/")
    assert detail.status_code in (200, 302, 404)
    return found or detail.status_code == 200


def shown_in_sitemap(client, listing) -> bool:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return listing.get_url() in response.content.decode()


SURFACES = {
    "index": shown_on_index,
    "index search": shown_on_index_search,
    "its url": shown_at_its_url,
    "structure page": shown_on_structure_page,
    "home page": shown_on_home_page,
    "search page": shown_in_search,
    "api": shown_in_api,
    "sitemap": shown_in_sitemap,
}


def visibility_cases():
    # A closed or expired listing may still be live until the periodic jobs run: every
    # surface must hide it all the same.
    for state in STATES:
        for surface in SURFACES:
            yield pytest.param(state, surface, id=f"{state}-{surface}")


@pytest.mark.parametrize(("state", "surface"), visibility_cases())
def test_only_open_listings_are_ever_public(client, listing_factory, state, surface):
    """An offer and a request in each state; "open" shows the checks can see a listing."""
    listings = [listing_factory(f"zorglub{state}{kind}", state=state, kind=kind)
                for kind in ("offer", "request")]
    for listing in listings:
        assert SURFACES[surface](client, listing) == (state == "open"), listing.slug


def test_a_change_in_moderation_stays_private(client, listing_factory):
    """A member edits a published listing: the public sees the approved version meanwhile."""
    from django.contrib.auth import get_user_model

    from members.moderation import workflow_for

    listing = listing_factory("zorglubpending").specific
    listing.title = "Annonce zorglubchanged"
    listing.summary = "Résumé zorglubchanged"
    member = get_user_model().objects.get(username="membre-jardins")
    listing.save_revision(user=member)
    workflow_for(listing).start(listing, member)
    for url in (INDEX["fr"], f"{INDEX['fr']}?q=zorglubchanged", listing.get_url(),
                listing.structure.get_url(), HOME["fr"], "/fr/recherche/?q=zorglubchanged",
                "/api/v2/pages/?type=cooperation.OfferPage&limit=100&fields=summary",
                "/api/v2/pages/?search=zorglubchanged&type=cooperation.OfferPage"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Annonce zorglubchanged" not in response.content.decode(), url
        assert "Résumé zorglubchanged" not in response.content.decode(), url
    assert "Annonce zorglubpending" in client.get(listing.get_url()).content.decode()


# ---------------------------------------------------------------- the structure and home pages

def cards(page: BeautifulSoup, section: str) -> list[str]:
    return card_slugs(page.select_one(section), ".card__title a")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_structure_page_shows_its_open_listings_only(client, listing_factory, language):
    # The Roue Libre's three open demo listings and eight more: more than the ten the page
    # shows.
    for number in range(8):
        listing_factory(f"zorglubroue{number}", structure="roue-libre")
    structure = StructurePage.objects.get(slug="roue-libre", locale__language_code=language)
    page = html(client.get(structure.get_url()))
    open_listings = visible(language).filter(structure__slug="roue-libre")
    assert open_listings.count() == 11
    newest = [p.slug for p in open_listings.order_by("-first_published_at", "-pk")]
    shown = cards(page, ".structure__listings")
    assert shown == newest[:10]
    assert "annonce-04" not in shown  # fulfilled
    assert all(a["href"].startswith(INDEX[language])
               for a in page.select(".structure__listings .card__title a"))
    # The link leads to all of them, on the marketplace of the same language.
    link = page.select(".structure__listings a")[-1]["href"]
    assert link == f"{INDEX[language]}?structure=roue-libre"
    assert "11" in page.select(".structure__listings a")[-1].get_text()
    slugs, _pages = listed(client, link)
    assert set(slugs) == set(newest)
    if language == "en":
        assert "van-at-weekends" in newest and "annonce-01" not in newest


def test_structure_page_without_listing_says_so(client, demo):
    # Every demo structure posts something: the Charpentiers' only listing is withdrawn.
    ListingPage.objects.filter(structure__slug="scop-charpente").update(
        status=ListingStatus.WITHDRAWN)
    page = html(client.get("/fr/annuaire/scop-charpente/"))
    section = page.select_one(".structure__listings")
    assert section.select(".card") == []
    assert "Cette structure n'a aucune offre ni demande en cours pour le moment." in (
        section.get_text())


def test_structure_page_hides_a_closed_listing(client, listing_factory):
    listing = listing_factory("zorglubcuisine", structure="cuisine-collective")
    url = "/fr/annuaire/cuisine-collective/"
    assert listing.slug in cards(html(client.get(url)), ".structure__listings")
    listing.status = "withdrawn"
    listing.save()
    shown = cards(html(client.get(url)), ".structure__listings")
    assert listing.slug not in shown
    assert set(shown) <= set(visible("fr").filter(structure__slug="cuisine-collective")
                             .values_list("slug", flat=True))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_home_page_shows_the_latest_offers_and_requests(client, demo, language):
    page = html(client.get(HOME[language]))
    section = page.select_one("#latest-listings").parent
    newest = visible(language).order_by("-first_published_at", "-pk")
    offers = [p.slug for p in newest.filter(kind="offer")[:3]]
    requests = [p.slug for p in newest.filter(kind="request")[:3]]
    assert card_slugs(section) == offers + requests
    assert [badge["class"][-1] for badge in section.select(".kind-badge")] == (
        ["kind-badge--offer"] * 3 + ["kind-badge--request"] * 3)
    links = [a["href"] for a in section.select("a")
             if "card__title" not in a.parent.get("class", [])]
    assert links == [f"{INDEX[language]}?kind=offer", f"{INDEX[language]}?kind=request",
                     INDEX[language]]


def test_home_page_without_listings(client, demo):
    ListingPage.objects.update(status="withdrawn")
    section = html(client.get(HOME["fr"])).select_one("#latest-listings").parent
    assert section.select(".card") == []
    assert section.select("a")[-1]["href"] == INDEX["fr"]


def test_a_new_listing_comes_first_on_the_home_page(client, listing_factory):
    offer = listing_factory("zorglubnouvelle")
    request = listing_factory("zorglubrecherche", kind="request")
    shown = card_slugs(html(client.get(HOME["fr"])).select_one("#latest-listings").parent)
    assert shown[0] == offer.slug and shown[3] == request.slug


# ---------------------------------------------------------------- escaping

SCRIPT = "<script>alert(1)</script>"


def test_user_text_is_shown_as_text_everywhere(client, listing_factory):
    listing = listing_factory(
        "zorglubscript", structure="roue-libre", title=f"Prêt {SCRIPT} zorglubscript",
        summary=f"Résumé {SCRIPT}", description=f"Première {SCRIPT}\n\nSeconde <b>gras</b>",
        price=SCRIPT,
    )
    for url in (listing.get_url(), INDEX["fr"], f"{INDEX['fr']}?q=zorglubscript",
                "/fr/annuaire/roue-libre/", HOME["fr"], "/fr/recherche/?q=zorglubscript"):
        content = client.get(url).content.decode()
        assert "<script>alert(1)" not in content, url
        assert "<b>gras" not in content, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content, url
        page = html(client.get(url))
        assert SCRIPT in page.get_text(), url  # shown as text
    page = html(client.get(listing.get_url()))
    assert page.select_one("h1").get_text() == listing.title
    assert page.select_one(".lead").get_text() == listing.summary


def test_publishing_a_closed_listing_takes_it_offline(listing_factory):
    """An editor sets "fulfilled" in the admin and publishes: the listing leaves the site."""
    listing = listing_factory("zorglubpubliee").specific
    listing.status = ListingStatus.FULFILLED
    listing.save_revision().publish()
    listing.refresh_from_db()
    assert not listing.live
    assert listing.status == ListingStatus.FULFILLED


def test_fulfilled_exchanges_are_counted_once_on_the_index(client, demo):
    """Closed listings leave the listings but stay in the network's impact figures."""
    fulfilled = ListingPage.objects.filter(
        status=ListingStatus.FULFILLED, locale__language_code="fr", alias_of__isnull=True
    )
    assert fulfilled.count() == 4  # annonce-04, -14, -24, -34 in the demo
    total = sum(listing.estimated_value for listing in fulfilled)
    page = BeautifulSoup(client.get("/fr/cooperation/").content, "html.parser")
    impact = page.select_one(".impact").get_text(" ", strip=True)
    assert impact.startswith("4 échanges pourvus")
    assert f"environ {total:,.0f} € de valeur".replace(",", "\xa0") in impact
    assert not [a for a in page.select(".listing .card__title a")
                if a["href"].rstrip("/").endswith(("annonce-04", "annonce-14"))]
