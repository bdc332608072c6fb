"""Messages sent to a structure through a contact form: stored first, then relayed by e-mail."""

from django.db import models
from django.utils.translation import gettext_lazy as _

NAME_MAX_LENGTH = 100
MESSAGE_MAX_LENGTH = 5000


class ContactMessage(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")

    structure = models.ForeignKey(
        "directory.StructurePage", verbose_name=_("structure"), on_delete=models.CASCADE,
        related_name="contact_messages",
    )
    # The page the form was on: the structure's own page or one of its listings.
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.SET_NULL, null=True,
        related_name="+",
    )
    # A logged-in member may write on behalf of one of their structures (offered first as the
    # partner when the listing is closed).
    sender_structure = models.ForeignKey(
        "directory.StructurePage", verbose_name=_("on behalf of"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="sent_messages",
    )
    sender_name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    sender_email = models.EmailField(_("e-mail address"))
    message = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    language = models.CharField(_("language"), max_length=10, default="fr")
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.PENDING, db_index=True
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("sending attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["sender_email", "created_at"])]

    def __str__(self) -> str:
        return f"{self.sender_name} → {self.structure}"
