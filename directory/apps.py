from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    """The public directory of ESS structures, member accounts and the member space."""

    name = "directory"
    verbose_name = _("Directory")

    def ready(self) -> None:
        from . import notifications, signals  # noqa: F401  (signals: e-mails on moderation decisions)
        from .accounts import signals as account_signals  # noqa: F401  (failures reset on login)

        notifications.connect()  # Wagtail's e-mails to the team: one each, in French
