from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    """Offers and requests between member structures: the marketplace of APESS 53."""

    name = "cooperation"
    verbose_name = _("Cooperation")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (closed listings kept off the site)
