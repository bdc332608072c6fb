"""What a listing holds besides its own fields: its tags and its images."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class ListingPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "cooperation.ListingPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ListingImage(Orderable):
    page = ParentalKey("cooperation.ListingPage", related_name="images", on_delete=models.CASCADE)
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(_("alternative text"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text")]
