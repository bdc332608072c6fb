from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """Editorial pages: home, standard pages, news, events, site-wide settings."""

    name = "home"
    verbose_name = _("Editorial pages")

    def ready(self) -> None:
        from . import translation_sync

        translation_sync.connect()  # pages created by code get their aliases as in the admin
