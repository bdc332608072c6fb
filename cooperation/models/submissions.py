"""One new-listing form, one listing: the form carries a one-time token, recorded with the
listing it created, so that sending the same form again (a double click, a reload, a retry
after a slow answer) leads to that listing instead of a duplicate."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ListingSubmission(models.Model):
    # The primary key: two requests with one token cannot both be recorded, even at once.
    token = models.UUIDField(_("form token"), primary_key=True)
    listing = models.ForeignKey(
        "cooperation.ListingPage", verbose_name=_("listing"), on_delete=models.CASCADE,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("listing form sent")
        verbose_name_plural = _("listing forms sent")

    def __str__(self) -> str:
        return str(self.token)
