"""What visitors search for: the daily counts, and the admin report "Searches on the site"."""

import csv
import datetime

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search.models import QueryLog
from search.stats import purge_query_log, record_search

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/searches/"


def user(username: str):
    return get_user_model().objects.get(username=username)


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def log(query: str, searches: int, empty: int = 0, *, age: int = 0, language: str = "fr"):
    return QueryLog.objects.create(day=days_ago(age), query=query, language=language,
                                   searches=searches, empty_searches=empty)


def table(response, table_id: str) -> list[dict[str, str]]:
    """The rows of one report table as the user reads them: {column heading: cell text}."""
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    found = soup.find("table", id=table_id)
    if found is None:
        return []
    headings = [th.get_text(" ", strip=True) for th in found.select("thead th[scope=col]")]
    return [
        dict(zip(headings, (td.get_text(" ", strip=True) for td in tr.find_all("td")),
                 strict=True))
        for tr in found.select("tbody tr")
    ]


def queries(response, table_id: str) -> list[str]:
    return [next(iter(row.values())) for row in table(response, table_id)]


def counts(response, table_id: str) -> dict[str, list[str]]:
    """{query: the numbers of its row, in column order}."""
    return {
        cells[0]: [cell for cell in cells[1:] if cell.isdigit()]
        for cells in (list(row.values()) for row in table(response, table_id))
    }


@pytest.fixture
def admin_client(client, demo):
    client.force_login(user("admin"))
    return client


# The counts


def test_each_search_counts_and_those_without_result_count_apart(demo):
    record_search("vélo", "fr", 12)
    record_search("vélo", "fr", 12)
    record_search("vélo", "fr", 0)
    record_search("vélo", "en", 0)
    french = QueryLog.objects.get(query="vélo", language="fr")
    assert (french.day, french.searches, french.empty_searches) == (timezone.localdate(), 3, 1)
    english = QueryLog.objects.get(query="vélo", language="en")
    assert (english.searches, english.empty_searches) == (1, 1)


def test_queries_are_counted_lowercase_with_single_spaces(demo):
    record_search("  Vélos   SOLIDAIRES ", "fr", 1)
    record_search("vélos solidaires", "fr", 1)
    assert list(QueryLog.objects.values_list("query", "searches")) == [("vélos solidaires", 2)]


def test_nothing_is_counted_for_an_empty_query(demo):
    record_search("   ", "fr", 0)
    assert not QueryLog.objects.exists()


def test_counting_inside_a_transaction_leaves_it_usable(demo):
    with transaction.atomic():
        record_search("jardin", "fr", 2)
        record_search("jardin", "fr", 2)
        assert QueryLog.objects.get(query="jardin").searches == 2


def test_the_purge_deletes_only_old_days(demo):
    log("ancien", 3, age=401)
    log("récent", 3, age=400)
    assert purge_query_log() == 1
    assert list(QueryLog.objects.values_list("query", flat=True)) == ["récent"]
    assert purge_query_log(older_than_days=10) == 1
    assert not QueryLog.objects.exists()


# The report


def test_most_frequent_queries_come_first_and_add_up_over_days(admin_client):
    log("vélo", 4)
    log("vélo", 3, 1, age=5)
    log("jardin", 5, 2)
    log("local", 1)
    response = admin_client.get(REPORT)
    assert queries(response, "search-report-frequent") == ["vélo", "jardin", "local"]
    assert counts(response, "search-report-frequent") == {
        "vélo": ["7", "1"], "jardin": ["5", "2"], "local": ["1", "0"],
    }


def test_the_no_result_table_holds_only_queries_that_found_nothing(admin_client):
    log("vélo", 10)
    log("zzzqqq", 2, 2)
    log("jardin", 5, 3)
    response = admin_client.get(REPORT)
    assert queries(response, "search-report-empty") == ["jardin", "zzzqqq"]
    assert counts(response, "search-report-empty")["jardin"][0] == "3"


def test_the_report_covers_the_last_30_days(admin_client):
    log("récente", 1, age=29)
    log("trop ancienne", 1, 1, age=30)
    log("bien trop ancienne", 1, 1, age=31)
    response = admin_client.get(REPORT)
    assert queries(response, "search-report-frequent") == ["récente"]
    assert queries(response, "search-report-empty") == []
    longer = admin_client.get(REPORT, {"days": "60"})
    assert set(queries(longer, "search-report-frequent")) == {
        "récente", "trop ancienne", "bien trop ancienne"}
    assert queries(admin_client.get(REPORT, {"days": "1"}), "search-report-frequent") == []


@pytest.mark.parametrize("days", ["abc", "0", "-3", "366", "", "1e3", "30.5"])
def test_a_bad_period_falls_back_to_30_days(admin_client, days):
    log("récente", 1, age=29)
    log("trop ancienne", 1, age=30)
    response = admin_client.get(REPORT, {"days": days})
    assert queries(response, "search-report-frequent") == ["récente"]
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("input", {"name": "days"})["value"] == "30"


def test_only_the_top_50_are_listed(admin_client):
    QueryLog.objects.bulk_create(
        QueryLog(day=timezone.localdate(), query=f"requête {n:02}", language="fr",
                 searches=100 - n, empty_searches=100 - n)
        for n in range(60)
    )
    response = admin_client.get(REPORT)
    assert len(queries(response, "search-report-frequent")) == 50
    assert len(queries(response, "search-report-empty")) == 50
    assert "requête 50" not in response.content.decode()


def test_each_query_links_to_the_site_search_in_its_language(admin_client):
    log("vélo solidaire", 1)
    log("bike", 1, language="en")
    soup = BeautifulSoup(admin_client.get(REPORT).content, "html.parser")
    links = {a.get_text(strip=True): a["href"]
             for a in soup.select("#search-report-frequent tbody td:first-child a")}
    assert links == {
        "vélo solidaire": "/fr/recherche/?q=v%C3%A9lo+solidaire",
        "bike": "/en/search/?q=bike",
    }


def test_each_query_links_to_its_promoted_results(admin_client, demo):
    log("adhérer", 3)
    log("jamais promu", 2, 2)
    promoted = Query.get("adhérer")
    SearchPromotion.objects.create(query=promoted, page=demo, description="")
    soup = BeautifulSoup(admin_client.get(REPORT).content, "html.parser")
    links = {
        row.select_one("td:first-child").get_text(strip=True):
            row.select_one("td:last-child a")["href"]
        for row in soup.select("#search-report-frequent tbody tr")
    }
    assert links == {
        "adhérer": reverse("wagtailsearchpromotions:edit", args=[promoted.pk]),
        "jamais promu": reverse("search_report_promote") + "?q=jamais+promu",
    }


def test_the_report_says_when_nothing_was_searched(admin_client):
    response = admin_client.get(REPORT)
    assert response.status_code == 200
    assert queries(response, "search-report-frequent") == []
    assert queries(response, "search-report-empty") == []
    summary = BeautifulSoup(response.content, "html.parser").find(id="search-report-summary")
    assert [dd.get_text(strip=True) for dd in summary.find_all("dd")] == ["0", "0"]


def test_the_tables_have_headings_for_screen_readers(admin_client):
    log("zzzqqq", 1, 1)
    soup = BeautifulSoup(admin_client.get(REPORT).content, "html.parser")
    for table_id in ("search-report-frequent", "search-report-empty"):
        found = soup.find("table", id=table_id)
        title = soup.find(id=found["aria-labelledby"])
        assert title.name == "h2" and title.get_text(strip=True)
        assert found.select("thead th") == found.select("thead th[scope=col]")


def test_the_report_exports_every_query_of_the_period(admin_client):
    """Wagtail's report export: one row per query and language, the frequent list's order."""
    log("vélo", 4)
    log("vélo", 3, 1, age=5)
    log("jardin", 5, 2)
    log("bike", 1, language="en")
    log("trop ancienne", 9, age=30)
    response = admin_client.get(REPORT, {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="searches.csv"'
    rows = list(csv.reader(b"".join(response.streaming_content).decode().splitlines()))
    assert rows[1:] == [
        ["vélo", "fr", "7", "1", str(days_ago(5))],
        ["jardin", "fr", "5", "2", str(days_ago(0))],
        ["bike", "en", "1", "0", ""],
    ]
    assert len(rows[0]) == 5
    xlsx = admin_client.get(REPORT, {"export": "xlsx", "days": "60"})
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


# Who may see it


def test_anonymous_visitors_are_sent_to_the_login_page(client, demo):
    response = client.get(REPORT)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


@pytest.fixture
def promoter(demo):
    """A user whose only rights are the admin and adding search promotions."""
    group = Group.objects.create(name="Search promoters")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="add_searchpromotion"),
    )
    account = get_user_model().objects.create_user("promoter", "promoter@example.org")
    account.groups.add(group)
    return account


@pytest.fixture
def admin_only(demo):
    """A user who may open the admin but not add search promotions."""
    group = Group.objects.create(name="Admin only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    account = get_user_model().objects.create_user("reader", "reader@example.org")
    account.groups.add(group)
    return account


def test_a_user_without_the_permission_is_turned_away_and_has_no_menu_entry(client, admin_only):
    client.force_login(admin_only)
    response = client.get(REPORT)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] != REPORT
    home = client.get(reverse("wagtailadmin_home"))
    assert home.status_code == 200
    assert REPORT not in home.content.decode()


def test_a_user_who_may_add_promotions_sees_the_report_in_the_reports_menu(client, promoter):
    log("vélo", 1)
    client.force_login(promoter)
    assert queries(client.get(REPORT), "search-report-frequent") == ["vélo"]
    assert REPORT in client.get(reverse("wagtailadmin_home")).content.decode()


def test_superusers_see_the_report(admin_client):
    assert admin_client.get(REPORT).status_code == 200
    assert REPORT in admin_client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.parametrize(("username", "allowed"), [("redaction", True), ("moderation", False)])
def test_editors_promote_results_and_see_the_report(client, demo, username, allowed):
    """Editors (search/migrations/0003) promote results; moderators only moderate."""
    account = user(username)
    client.force_login(account)
    assert account.has_perm("wagtailsearchpromotions.add_searchpromotion") is allowed
    assert (client.get(REPORT).status_code == 200) is allowed


# From the search page to the report


def test_searches_on_the_site_appear_in_the_report(client, demo):
    assert client.get("/fr/recherche/", {"q": "velos"}).status_code == 200
    assert client.get("/fr/recherche/", {"q": "Velos"}).status_code == 200
    assert client.get("/fr/recherche/", {"q": "zzzqqq"}).status_code == 200
    # Further result pages ("mayenne" has more than 10) and the empty search page are not
    # new searches.
    client.get("/fr/recherche/", {"q": "mayenne"})
    client.get("/fr/recherche/", {"q": "mayenne", "page": "2"})
    client.get("/fr/recherche/")

    client.force_login(user("admin"))
    response = client.get(REPORT)
    assert counts(response, "search-report-frequent") == {
        "velos": ["2", "0"], "zzzqqq": ["1", "1"], "mayenne": ["1", "0"],
    }
    assert queries(response, "search-report-empty") == ["zzzqqq"]
    # Searching stores no promotions query; the report's link makes it and opens its form
    # with the words filled in.
    assert not Query.objects.filter(query_string="zzzqqq").exists()
    soup = BeautifulSoup(response.content, "html.parser")
    promote = soup.select_one("#search-report-empty tbody td:last-child a")["href"]
    form = client.get(promote, follow=True)
    assert form.redirect_chain[-1][0] == reverse(
        "wagtailsearchpromotions:edit", args=[Query.objects.get(query_string="zzzqqq").pk])
    assert form.status_code == 200
    assert 'value="zzzqqq"' in form.content.decode()
