from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    """The public directory of ESS structures."""

    name = "directory"
    verbose_name = _("Directory")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (renamed taxonomies reindexed)
