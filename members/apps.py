from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    """Everything a logged-in member does: accounts, member space, moderation hand-off."""

    name = "members"
    verbose_name = _("Members")
