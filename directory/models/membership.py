"""Member accounts belong to structures through memberships."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Membership(models.Model):
    class Role(models.TextChoices):
        MANAGER = "manager", _("Manager")
        CONTRIBUTOR = "contributor", _("Contributor")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), on_delete=models.CASCADE,
        related_name="memberships",
    )
    structure = models.ForeignKey(
        "directory.StructurePage", verbose_name=_("structure"), on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.MANAGER)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "structure"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.structure}"
