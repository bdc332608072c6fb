from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Plumbing every app may use and that knows no app (DESIGN.md, Layout)."""

    name = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from .page_cache import purge

        purge.connect()  # anonymous page cache emptied when published content changes
