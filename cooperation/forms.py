"""The plain forms of the member space: post or edit a listing, close it (no Wagtail admin).

An existing image's two fields are keyed by its image id, not a modelcluster ClusterForm
formset: a draft's unpublished images have no primary key, so the formset would need the image
id posted back and re-checked against the listing's, and the conflict page compares only the
form's own fields.
"""

import datetime
from decimal import Decimal

from PIL import Image as PILImage

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Exists, OuterRef
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from taggit.forms import TagField
from taggit.utils import edit_string_for_tags
from wagtail.images.fields import WagtailImageField
from wagtail.models import Locale

from directory.fields import BoundedModelChoiceField, BoundedModelMultipleChoiceField
from directory.forms import refuse_control_characters
from directory.models import ContactMessage, StructurePage, Territory
from search.sorting import Folded

from .images import bounded_copy, store_image
from .models import (
    ListingImage,
    ListingPage,
    ListingStatus,
    ListingTerm,
    OfferPage,
    RequestPage,
    ResourceCategory,
)
from .models.listings import MAX_EXCHANGE_HOURS, MAX_EXCHANGE_VALUE, MAX_IMAGES, MAX_VALIDITY

IMAGE_MIN_SIDE = 200
# What a phone gives (12 Mpx, 4000 × 3000) with room to spare; checked from the file's header
# before anything is decoded, since decoding costs memory and CPU in proportion to the pixels
# (cooperation/images.py then stores at most 2400 px on the long side).
IMAGE_MAX_SIDE = 6000
IMAGE_MAX_PIXELS = 24_000_000
MAX_TAGS = 10
TAG_MAX_LENGTH = 50


def lazy_format(message, params):
    """`message % params()`, computed when shown (in the language of the moment)."""
    return lazy(lambda: str(message) % params(), str)()


class ListingImageField(WagtailImageField):
    """One uploaded image: a real image (checked by Willow/Pillow, not by its name), ≤ 10 MB
    (WAGTAILIMAGES_MAX_UPLOAD_SIZE), of sensible dimensions and at most 24 megapixels; cleaned,
    it is the bounded copy that will be stored (cooperation/images.py)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.max_image_pixels = IMAGE_MAX_PIXELS
        # Wagtail formats these when the field is made (at import): in the visitor's language
        # only if formatted when shown.
        formats = lambda: ", ".join(self.allowed_image_extensions).upper()  # noqa: E731
        size = lambda: filesizeformat(self.max_upload_size)  # noqa: E731
        self.help_text = lazy_format(
            _("%(formats)s images; 10 MB at most each, at least %(min)s pixels wide and high."),
            lambda: {"formats": formats(), "min": IMAGE_MIN_SIDE},
        )
        self.error_messages["invalid_image_extension"] = lazy_format(
            _("Not a supported image format. Supported formats: %(supported_formats)s."),
            lambda: {"supported_formats": formats()},
        )
        self.error_messages["file_too_large_unknown_size"] = lazy_format(
            _("This file is too big. Maximum filesize %(max_filesize)s."),
            lambda: {"max_filesize": size()},
        )

    def to_python(self, data):
        # The header may be sound while the rest is not (a cut file, a script after a GIF
        # header): Willow then fails while measuring it, and the file is decoded in full
        # now rather than when a thumbnail is made for the page.
        try:
            f = super().to_python(data)
        except ValidationError:
            raise
        except Exception as error:  # Pillow and Willow raise OSError, struct.error, ValueError…
            raise ValidationError(
                _("This file is damaged or is not really an image."), code="invalid_image"
            ) from error
        return bounded_copy(f) if f is not None else None

    def check_image_pixel_size(self, f) -> None:
        # From the file's header, as Pillow opens lazily: Wagtail's check asks Willow for the
        # size, which decodes the whole picture first, even to refuse it. Pillow refuses
        # decompression bombs (> 2 × 89 Mpx) as it opens them.
        try:
            f.image.f.seek(0)
            with PILImage.open(f.image.f) as header:
                width, height = header.size
                pixels = width * height * getattr(header, "n_frames", 1)
        except Exception as error:  # Pillow's DecompressionBombError, OSError…
            raise ValidationError(
                _("This file is damaged or is not really an image."), code="invalid_image"
            ) from error
        if pixels > self.max_image_pixels:
            raise ValidationError(
                self.error_messages["file_too_many_pixels"]
                % {"num_pixels": pixels, "max_pixels_count": self.max_image_pixels},
                code="file_too_many_pixels",
            )
        if min(width, height) < IMAGE_MIN_SIDE:
            raise ValidationError(
                _("This image is too small (%(width)s × %(height)s pixels): each side must "
                  "measure at least %(min)s pixels."),
                code="image_too_small",
                params={"width": width, "height": height, "min": IMAGE_MIN_SIDE},
            )
        if max(width, height) > IMAGE_MAX_SIDE:
            raise ValidationError(
                _("This image is too large (%(width)s × %(height)s pixels): each side must "
                  "measure at most %(max)s pixels."),
                code="image_too_large",
                params={"width": width, "height": height, "max": IMAGE_MAX_SIDE},
            )


class MultipleImageInput(forms.FileInput):
    allow_multiple_selected = True


class ListingImagesField(ListingImageField):
    """Several images in one file input; each is checked, and errors name the file."""

    widget = MultipleImageInput

    def clean(self, data, initial=None) -> list[UploadedFile]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > MAX_IMAGES:
            raise ValidationError(
                _("You can add %(max)s images at most."), code="too_many_images",
                params={"max": MAX_IMAGES},
            )
        cleaned, errors = [], []
        for upload in files:
            try:
                cleaned.append(super().clean(upload, initial))
            except ValidationError as error:
                errors.extend(
                    ValidationError(
                        _("%(name)s: %(error)s"), code="invalid_image_file",
                        params={"name": upload.name, "error": message},
                    )
                    for message in error.messages
                )
        if errors:
            raise ValidationError(errors)
        return cleaned


class ListingForm(forms.ModelForm):
    """What a member writes in a listing. `apply()` returns the page, unsaved: the view makes
    a revision of it (never a live change)."""

    structure = BoundedModelChoiceField(
        label=_("Posted by"), queryset=StructurePage.objects.none(), empty_label=None
    )
    terms = BoundedModelMultipleChoiceField(
        label=_("Terms"), queryset=ListingTerm.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    tags = TagField(
        label=_("Tags"), required=False,
        help_text=_("Optional: a few keywords, separated by commas."),
    )
    new_images = ListingImagesField(label=_("Add images"), required=False)

    field_order = [
        "structure", "title", "summary", "description", "category", "terms", "price",
        "quantity", "available_from", "available_until", "needed_by", "city", "territory",
        "expires_on", "tags",
    ]

    class Meta:
        model = ListingPage
        fields = [
            "title", "summary", "description", "category", "price", "quantity", "city",
            "territory", "expires_on",
        ]
        labels = {"title": _("Title"), "city": _("Town")}
        field_classes = {"category": BoundedModelChoiceField, "territory": BoundedModelChoiceField}
        help_texts = {
            "title": _("Short and concrete: what is offered or looked for."),
            "expires_on": _("The listing leaves the site after this day (one year at most)."),
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 10}),
            "expires_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, structures: list[StructurePage], locale: Locale, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = ResourceCategory.objects.filter(locale=locale)
        self.fields["territory"].queryset = Territory.objects.filter(locale=locale)
        # No default: a listing filed under the first category by mistake is hard to find.
        self.fields["category"].empty_label = _("— choose —")
        self.fields["category"].error_messages["required"] = _("Choose a resource category.")
        self.fields["territory"].empty_label = _("Your structure's territory")
        self.fields["quantity"].widget.attrs["min"] = 1
        # The model's default is a callable: no hidden "initial" copy of the date.
        self.fields["expires_on"].show_hidden_initial = False
        page = self.instance
        creating = page.pk is None
        if creating:
            self.fields["structure"].queryset = StructurePage.objects.filter(
                pk__in=[structure.pk for structure in structures]
            ).order_by("title")
            if len(structures) == 1:
                self.fields["structure"].initial = structures[0].pk
        else:
            del self.fields["structure"]  # a listing stays with the structure that posted it
        for name in ("available_from", "available_until", "needed_by"):
            if name in self.fields:
                self.fields[name].widget = forms.DateInput(
                    attrs={"type": "date"}, format="%Y-%m-%d"
                )
        self.existing_images = [] if creating else list(page.images.all())
        for item in self.existing_images:
            self.fields[f"remove_image_{item.image_id}"] = forms.BooleanField(
                label=_("Remove this image"), required=False
            )
            self.fields[f"alt_text_{item.image_id}"] = forms.CharField(
                label=_("Description of the image, for people who cannot see it"),
                max_length=ListingImage._meta.get_field("alt_text").max_length,
                required=False, initial=item.alt_text,
            )
        if not self.is_bound:
            self.initial["terms"] = [] if creating else list(page.terms.all())
            self.initial["tags"] = "" if creating else edit_string_for_tags(page.tags.all())

    # The template shows each existing image with its two fields.
    @property
    def image_rows(self) -> list[tuple]:
        return [
            (item, self[f"remove_image_{item.image_id}"], self[f"alt_text_{item.image_id}"])
            for item in self.existing_images
        ]

    @property
    def main_fields(self) -> list:
        image_fields = {
            name for name in self.fields
            if name.startswith(("remove_image_", "alt_text_")) or name == "new_images"
        }
        return [field for field in self if field.name not in image_fields]

    def clean_expires_on(self) -> datetime.date:
        expires_on = self.cleaned_data["expires_on"]
        today = timezone.localdate()
        if expires_on < today:
            raise ValidationError(_("The end date cannot be in the past."), code="past")
        if expires_on > today + MAX_VALIDITY:
            raise ValidationError(
                _("A listing can stay online for one year at most."), code="too_late"
            )
        return expires_on

    def clean_tags(self) -> list[str]:
        tags = self.cleaned_data["tags"]
        if len(tags) > MAX_TAGS:
            raise ValidationError(
                _("%(max)s tags at most, please."), code="too_many_tags", params={"max": MAX_TAGS}
            )
        if any(len(tag) > TAG_MAX_LENGTH for tag in tags):
            raise ValidationError(
                _("A tag has %(max)s characters at most."), code="tag_too_long",
                params={"max": TAG_MAX_LENGTH},
            )
        return tags

    def kept_images(self) -> list[ListingImage]:
        return [
            item for item in self.existing_images
            if not self.cleaned_data.get(f"remove_image_{item.image_id}")
        ]

    def clean(self) -> dict:
        cleaned = super().clean()
        refuse_control_characters(self)
        if "new_images" in cleaned and (
            len(self.kept_images()) + len(cleaned["new_images"]) > MAX_IMAGES
        ):
            self.add_error("new_images", ValidationError(
                _("A listing has %(max)s images at most: remove some before adding others."),
                code="too_many_images", params={"max": MAX_IMAGES},
            ))
        return cleaned

    def apply(self, user) -> ListingPage:
        """The listing with the submitted changes, not saved; new images are stored."""
        page = self.instance
        data = self.cleaned_data
        if "structure" in data:
            page.structure = data["structure"]
        if page.pk is not None and page.expires_on != self.initial.get("expires_on"):
            page.reminder_sent_on = None  # a new end date: remind the member again
        page.expire_at = page.expires_at
        page.terms = list(data["terms"])
        page.tags.set(data["tags"])
        items = self.kept_images()
        for item in items:
            item.alt_text = data.get(f"alt_text_{item.image_id}", item.alt_text)
        for number, upload in enumerate(data["new_images"], start=len(items) + 1):
            items.append(ListingImage(image=store_image(upload, user, page.title, number)))
        for position, item in enumerate(items):
            item.sort_order = position
        page.images = items
        return page


class OfferForm(ListingForm):
    class Meta(ListingForm.Meta):
        model = OfferPage
        fields = ListingForm.Meta.fields + ["available_from", "available_until"]


class RequestForm(ListingForm):
    class Meta(ListingForm.Meta):
        model = RequestPage
        fields = ListingForm.Meta.fields + ["needed_by"]


def listing_form_class(page: ListingPage) -> type[ListingForm]:
    return OfferForm if isinstance(page, OfferPage) else RequestForm




class CloseListingForm(forms.Form):
    """Close a listing: fulfilled (the exchange counts in the network's figures) or withdrawn."""

    status = forms.ChoiceField(
        label=_("Outcome"), widget=forms.RadioSelect,
        choices=[
            (ListingStatus.FULFILLED, _("Fulfilled: the exchange took place")),
            (ListingStatus.WITHDRAWN, _("Withdrawn: the listing is no longer relevant")),
        ],
    )
    partner_structure = BoundedModelChoiceField(
        label=_("With which structure?"), queryset=StructurePage.objects.none(), required=False,
        empty_label=_("Another structure, or not a member of the network"),
        help_text=_("Optional, if the listing was fulfilled."),
    )
    estimated_value = forms.DecimalField(
        label=_("Estimated value (€)"), required=False, min_value=Decimal(0),
        max_value=MAX_EXCHANGE_VALUE, max_digits=10, decimal_places=2,
        help_text=_("Optional: what the exchange would have cost otherwise."),
    )
    hours_saved = forms.DecimalField(
        label=_("Hours saved"), required=False, min_value=Decimal(0),
        max_value=MAX_EXCHANGE_HOURS, max_digits=8, decimal_places=1, help_text=_("Optional."),
    )

    def __init__(self, *args, listing: ListingPage, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The structures that answered the listing come first: most likely the partner.
        answered = ContactMessage.objects.filter(
            page__translation_key=listing.translation_key,
            sender_structure__translation_key=OuterRef("translation_key"),
        )
        self.fields["partner_structure"].queryset = (
            StructurePage.objects.live().filter(locale_id=listing.locale_id)
            .exclude(pk=listing.structure_id)
            .annotate(answered=Exists(answered))
            .order_by("-answered", Folded("title"), "pk")
        )

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("status") == ListingStatus.WITHDRAWN:
            # Only a fulfilled listing has a partner and counts in the figures.
            cleaned.update(partner_structure=None, estimated_value=None, hours_saved=None)
        return cleaned
