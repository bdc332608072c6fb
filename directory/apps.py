from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    """The public directory of ESS structures and member accounts (issue #3)."""

    name = "directory"
    verbose_name = _("Directory")
