"""Wagtail admin hooks of the search app: the "Searches on the site" report."""

from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from .report import (
    PROMOTE_URL_NAME,
    URL_NAME,
    SearchReportMenuItem,
    SearchReportView,
    promote_query,
)


@hooks.register("register_admin_urls")
def register_search_report_url() -> list[URLPattern]:
    return [
        path("reports/searches/", SearchReportView.as_view(), name=URL_NAME),
        path("reports/searches/promote/", promote_query, name=PROMOTE_URL_NAME),
    ]


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item() -> SearchReportMenuItem:
    return SearchReportMenuItem(
        _("Searches on the site"), reverse(URL_NAME), name="searches-on-the-site",
        icon_name="search", order=1290,
    )
