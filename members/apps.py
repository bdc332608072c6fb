from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    """Everything a logged-in member does: accounts, member space, moderation hand-off."""

    name = "members"
    verbose_name = _("Members")

    def ready(self) -> None:
        from . import emails, notifications  # noqa: F401  (e-mails on moderation decisions)
        from .accounts import signals  # noqa: F401  (failures reset on login)

        notifications.connect()  # Wagtail's e-mails to the team: one each, in French
