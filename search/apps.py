from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The one search service of the site; imports no other app of the project."""

    name = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from . import sorting  # noqa: F401  (registers SQLite's sort key function)
