"""Pieces shared by the editorial page types."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from home.blocks import BaseStreamBlock


class BodyMixin(models.Model):
    """An introduction and a StreamField body of the shared blocks."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=600,
        help_text=_("A short paragraph shown at the top of the page and in listings."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [FieldPanel("intro"), FieldPanel("body")]
    search_fields = [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        abstract = True


class FeaturedImageMixin(models.Model):
    featured_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("featured image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True
