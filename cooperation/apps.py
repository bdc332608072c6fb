from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    """Offers and requests between member structures (issue #4)."""

    name = "cooperation"
    verbose_name = _("Cooperation")
