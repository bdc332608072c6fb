"""Wagtail admin report "Searches on the site": frequent queries and queries that found nothing.

Reserved to those who can act on it, the users who may add search promotions (and
superusers): the report links every query to the promoted results of that query.
Wagtail's own "Search terms" report only counts queries; this one also says which ones
found nothing, from `stats.record_search`'s counts. Wagtail's `ReportView` lists the frequent
queries and exports every query of the period (CSV, XLSX).
"""

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q, QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.search.utils import normalise_query_string

from .models import QueryLog

URL_NAME = "search_report"
PROMOTE_URL_NAME = "search_report_promote"
DEFAULT_DAYS = 30
MAX_DAYS = 365
TOP = 50

promotion_permission_policy = ModelPermissionPolicy(SearchPromotion)


def report_days(value: str | None) -> int:
    """The window asked for by `?days=`, or the default when it is missing or out of range."""
    try:
        days = int(value or "")
    except ValueError:
        return DEFAULT_DAYS
    return days if 1 <= days <= MAX_DAYS else DEFAULT_DAYS


@dataclass
class QueryRow:
    query: str
    language: str
    language_name: str
    searches: int
    empty_searches: int
    last_empty: datetime.date | None
    search_url: str
    promotion_url: str = ""
    has_promotions: bool = False


def in_window(days: int) -> QuerySet:
    """The counts of the last `days` days, today included: 30 is today and the 29 before."""
    return QueryLog.objects.filter(
        day__gte=timezone.localdate() - datetime.timedelta(days=days - 1)
    )


def query_totals(days: int) -> QuerySet:
    """One row per (query, language) searched in the window, with its sums."""
    return (
        in_window(days)
        .values("query", "language")
        .annotate(
            total=Sum("searches"),
            empty=Sum("empty_searches"),
            last_empty=Max("day", filter=Q(empty_searches__gt=0)),
        )
    )


def public_search_url(query: str, language: str) -> str:
    """The site's search page for `query`, in the language it was searched in."""
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        return f"{reverse('search')}?{urlencode({'q': query})}"


class SearchReportView(ReportView):
    permission_policy = promotion_permission_policy
    permission_required = "add"
    template_name = "search/admin/report.html"
    page_title = _("Searches on the site")
    header_icon = "search"
    # The frequent queries: the first page shows the top ones; an export holds them all.
    paginate_by = TOP
    export_filename = "searches"
    list_export = ["query", "language", "total", "empty", "last_empty"]
    export_headings = {
        "query": _("Query"),
        "language": _("Language"),
        "total": _("Searches"),
        "empty": _("Searches without result"),
        "last_empty": _("Last time without result"),
    }

    @cached_property
    def days(self) -> int:
        return report_days(self.request.GET.get("days"))

    def get_queryset(self) -> QuerySet:
        return query_totals(self.days).order_by("-total", "query", "language")

    def get_breadcrumbs_items(self) -> list[dict]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def rows(self, totals) -> list[QueryRow]:
        languages = dict(settings.LANGUAGES)
        return [
            QueryRow(
                query=row["query"], language=row["language"],
                language_name=languages.get(row["language"], row["language"]),
                searches=row["total"], empty_searches=row["empty"],
                last_empty=row["last_empty"],
                search_url=public_search_url(row["query"], row["language"]),
            )
            for row in totals
        ]

    def link_promotions(self, rows: list[QueryRow]) -> None:
        """Point each query at its promoted results: to edit them, or to add the first."""
        user = self.request.user
        can_change = promotion_permission_policy.user_has_permission(user, "change")
        add_url = reverse("wagtailsearchpromotions:add")
        # Wagtail's "add" form takes no query from the URL, but a promotions `Query`'s edit
        # form opens with the words filled in: link to it, made on demand (promote_query).
        existing = {
            query.query_string: query
            for query in Query.objects.filter(
                query_string__in={normalise_query_string(row.query) for row in rows}
            ).annotate(promotions=Count("editors_picks"))
        } if can_change else {}
        for row in rows:
            query = existing.get(normalise_query_string(row.query))
            if query is not None:
                row.promotion_url = reverse("wagtailsearchpromotions:edit", args=[query.pk])
                row.has_promotions = query.promotions > 0
            elif can_change:
                row.promotion_url = (
                    reverse(PROMOTE_URL_NAME) + "?" + urlencode({"q": row.query})
                )
            else:
                row.promotion_url = add_url

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        days = self.days
        frequent = self.rows(context["object_list"])
        without_result = self.rows(
            query_totals(days).filter(empty__gt=0)
            .order_by("-empty", "-last_empty", "query", "language")[:TOP]
        )
        self.link_promotions(frequent + without_result)
        overall = in_window(days).aggregate(
            searches=Sum("searches"), empty_searches=Sum("empty_searches")
        )
        context.update(
            days=days,
            max_days=MAX_DAYS,
            frequent=frequent,
            without_result=without_result,
            total_searches=overall["searches"] or 0,
            total_empty_searches=overall["empty_searches"] or 0,
            top=TOP,
        )
        return context


def promote_query(request: HttpRequest) -> HttpResponse:
    """The promotions form of a query from the report, its words filled in."""
    if not promotion_permission_policy.user_has_permission(request.user, "change"):
        raise PermissionDenied
    words = normalise_query_string(request.GET.get("q", ""))
    if not words:
        return redirect(URL_NAME)
    return redirect("wagtailsearchpromotions:edit", Query.get(words).pk)


class SearchReportMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return promotion_permission_policy.user_has_permission(request.user, "add")
