from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConfigConfig(AppConfig):
    """Wiring only: holds the management commands that span apps (load_demo)."""

    name = "config"
    verbose_name = _("Site configuration")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the project's system checks)
