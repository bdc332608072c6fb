"""A listing's images: bounded on upload, private until an editor approves the listing,
deleted once no listing that may still be shown uses them.

- On upload (`bounded_copy`): the file is decoded once, turned upright, shrunk to at most
  STORED_MAX_SIDE pixels on its long side and encoded again, without its metadata (a phone
  photo's EXIF holds where it was taken), under a random name: the original's URL cannot be
  guessed from the member's file name.
- Until its listing is published, an image sits in the private collection PENDING_COLLECTION
  (a Wagtail collection with a view restriction: core/page_cache/purge.py), which the images API
  does not list and whose changes leave the page cache alone; publication moves it to the
  public IMAGES_COLLECTION, taking it offline (closed, expired) moves it back.
- `purge_orphans()` (run by purge_personal_data) deletes, with their files and renditions, the
  images of those two collections that no listing still uses: listings deleted, closed,
  rejected and left aside for REJECTED_KEPT_DAYS, images removed by the member, uploads of
  deleted accounts no listing kept.
"""

import datetime
import io
import secrets

from PIL import Image as PILImage
from PIL import ImageOps

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, WorkflowState
from wagtail.utils.file import hash_filelike

from .models import ListingImage, ListingPage, ListingStatus

IMAGES_COLLECTION = "Annonces"
PENDING_COLLECTION = "Annonces en attente de validation"
# Enough for the listing page (max-600x400) and a zoom on a large screen: a 12 Mpx phone
# photo (4000 × 3000) is stored at 2400 × 1800.
STORED_MAX_SIDE = 2400
JPEG_QUALITY = 85
REJECTED_KEPT_DAYS = 30


def _collection(name: str) -> Collection:
    collection = Collection.objects.filter(name=name, depth=2).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=name)
    return collection


def _existing(name: str) -> Collection | None:
    return Collection.objects.filter(name=name, depth=2).first()


def images_collection() -> Collection:
    """The public collection of approved listings' images."""
    return _collection(IMAGES_COLLECTION)


def pending_collection() -> Collection:
    """The private collection of images no editor has approved yet: only the groups that
    moderate see them (the API and public pages never do)."""
    collection = _collection(PENDING_COLLECTION)
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.set(Group.objects.filter(name__in=["Editors", "Moderators"]))
    return collection


# --------------------------------------------------------------------------- upload

OUTPUT_FORMATS = {"JPEG": ("JPEG", "jpg"), "PNG": ("PNG", "png"), "GIF": ("PNG", "png"),
                  "WEBP": ("WEBP", "webp")}


def bounded_copy(upload: UploadedFile) -> UploadedFile:
    """The upload decoded once (a JPEG at the smallest scale that still gives STORED_MAX_SIDE,
    through Pillow's draft mode), upright, at most STORED_MAX_SIDE on its long side, encoded
    again without metadata under a random name. The field has checked its dimensions; a file
    that still fails to decode is refused as damaged."""
    try:
        upload.seek(0)
        with PILImage.open(upload) as image:
            source_format = image.format
            if source_format == "JPEG":
                image.draft("RGB", (STORED_MAX_SIDE, STORED_MAX_SIDE))
            image.load()
            # In place, and reduce() by whole factors before resampling the rest: never a
            # second full-size copy in memory.
            ImageOps.exif_transpose(image, in_place=True)
            image.thumbnail(
                (STORED_MAX_SIDE, STORED_MAX_SIDE), PILImage.Resampling.LANCZOS, reducing_gap=2.0
            )
            output_format, extension = OUTPUT_FORMATS.get(source_format, ("PNG", "png"))
            if output_format == "JPEG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            elif output_format == "PNG" and image.mode not in ("RGB", "RGBA", "L", "LA", "P", "1"):
                image = image.convert("RGBA")
            buffer = io.BytesIO()
            # Nothing of the original's metadata (EXIF, comments) is passed on.
            options = {"quality": JPEG_QUALITY} if output_format in ("JPEG", "WEBP") else {}
            image.save(buffer, output_format, **options)
    except Exception as error:  # Pillow raises OSError, struct.error, ValueError…
        raise ValidationError(
            _("This file is damaged or is not really an image."), code="invalid_image"
        ) from error
    return SimpleUploadedFile(
        f"{secrets.token_urlsafe(12)}.{extension}", buffer.getvalue(),
        content_type=f"image/{extension.replace('jpg', 'jpeg')}",
    )


def store_image(upload: UploadedFile, user, title: str, number: int):
    """A Wagtail image in the private collection (the field has checked and bounded it)."""
    image = get_image_model()(
        title=f"{title} ({number})"[:255], file=upload, collection=pending_collection(),
        uploaded_by_user=user, file_size=upload.size, file_hash=hash_filelike(upload),
    )
    image.save()
    return image


# --------------------------------------------------------------------------- visibility

def refresh_visibility() -> None:
    """Each listing image public if a live, open listing (or its alias) shows it, private
    otherwise: run at each listing's publication and unpublication, so that an image removed
    by the edit just published goes private too. Two updates in SQL, without signals: the
    publication or unpublication that calls this empties the page cache itself. Only the two
    listings' collections are touched, never an editor's images elsewhere."""
    Image = get_image_model()
    public, pending = _existing(IMAGES_COLLECTION), _existing(PENDING_COLLECTION)
    shown = ListingImage.objects.filter(
        page__live=True, page__status=ListingStatus.OPEN
    ).values("image_id")
    # The collections are made when first needed only: a second collection makes Wagtail's
    # admin ask editors for one on every upload.
    if pending is not None and Image.objects.filter(collection=pending, pk__in=shown).exists():
        public = public or images_collection()
        Image.objects.filter(collection=pending, pk__in=shown).update(collection=public)
    if public is not None:
        hidden = Image.objects.filter(collection=public).exclude(pk__in=shown)
        if hidden.exists():
            hidden.update(collection=pending or pending_collection())


def images_of(page: ListingPage) -> set[int]:
    return set(ListingImage.objects.filter(page=page).values_list("image_id", flat=True))


# --------------------------------------------------------------------------- orphans

def _given_up(page: ListingPage, now: datetime.datetime) -> bool:
    """Rejected, never published, and left so for REJECTED_KEPT_DAYS: the member moved on."""
    if page.first_published_at is not None:
        return False
    state = WorkflowState.objects.for_instance(page).order_by("-created_at").first()
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return False
    last_change = page.latest_revision_created_at or state.created_at
    return last_change < now - datetime.timedelta(days=REJECTED_KEPT_DAYS)


def images_in_use(now: datetime.datetime | None = None) -> set[int]:
    """Images a listing may still show: in the rows or the latest revision (a draft, a change
    waiting for moderation) of every listing neither closed nor given up."""
    now = now or timezone.now()
    in_use: set[int] = set()
    for page in ListingPage.objects.filter(status=ListingStatus.OPEN).select_related(
        "latest_revision"
    ):
        if _given_up(page, now):
            continue
        in_use.update(images_of(page))
        if page.latest_revision is not None:
            in_use.update(
                item["image"] for item in page.latest_revision.content.get("images", [])
                if item.get("image")
            )
    return in_use


def purge_orphans(now: datetime.datetime | None = None) -> int:
    """Delete the listings' images no listing may still show; Wagtail deletes their files
    and renditions once the transaction is committed."""
    refresh_visibility()  # also puts right any image of a listing changed by other means
    Image = get_image_model()
    collections = [
        collection for collection in (_existing(IMAGES_COLLECTION), _existing(PENDING_COLLECTION))
        if collection is not None
    ]
    if not collections:
        return 0
    orphans = Image.objects.filter(collection__in=collections).exclude(pk__in=images_in_use(now))
    count = 0
    with transaction.atomic():
        for image in orphans:
            image.delete()
            count += 1
    return count
