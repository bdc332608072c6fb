"""A listing's images: private until the listing is approved, bounded on upload, deleted with
their files once no listing uses them, and never a reason to empty the page cache for a draft."""

import datetime
import hashlib
import io

import pytest
from PIL import Image as PILImage

from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.models import WorkflowState

from cooperation.images import PENDING_COLLECTION, REJECTED_KEPT_DAYS, store_image
from cooperation.models import ListingImage, ListingPage, ListingStatus
from core.page_cache.purge import in_private_collection
from members.listings.actions import close
from members.privacy import forget_account
from tests.cooperation.conftest import make_listing
from tests.cooperation.member_listing_helpers import (
    EDITOR,
    MEMBER_A,
    MODERATOR,
    admin_action,
    created,
    edit,
    listing_data,
    login,
    other_client,
    png,
    structure,
    user,
)

pytestmark = pytest.mark.django_db

Image = get_image_model()
API = "/api/v2/images/"


def api_image_ids(client) -> set[int]:
    data = client.get(API, {"limit": 100}).json()
    return {item["id"] for item in data["items"]}


def post_listing(client, action: str = "submit", images=None, **changes):
    data = listing_data(structure=structure("roue-libre").pk, action=action, **changes)
    data["new_images"] = images or [png(name="atelier-de-camille.png")]
    response = client.post(reverse("members:new_listing", args=["offer"]), data)
    assert response.status_code == 302
    return created(changes.get("title", "Perceuse à colonne à prêter"))


def images_of(listing: ListingPage) -> list:
    return [item.image for item in ListingImage.objects.filter(page=listing).order_by("sort_order")]


def file_exists(image) -> bool:
    return default_storage.exists(image.file.name)


# --------------------------------------------------------------------------- private until approved

def test_a_listings_images_are_private_until_it_is_approved_and_after_it_is_closed(client, demo):
    anonymous = client.__class__()
    listing = post_listing(login(client, MEMBER_A))
    [image] = images_of(listing)
    # Not listed, not reachable by id, and its file name is not the member's.
    assert in_private_collection(image)
    assert image.collection.name == PENDING_COLLECTION
    assert image.pk not in api_image_ids(anonymous)
    assert anonymous.get(f"{API}{image.pk}/", follow=True).status_code == 404
    assert "camille" not in image.file.name and "atelier" not in image.file.name
    # Approved: public.
    assert admin_action(other_client(client, MODERATOR), listing, "approve").status_code == 302
    listing.refresh_from_db()
    assert listing.live
    image.refresh_from_db()
    assert not in_private_collection(image)
    assert image.pk in api_image_ids(anonymous)
    # Closed by its member: private again.
    close(ListingPage.objects.get(pk=listing.pk).specific, user(MEMBER_A),
          {"status": ListingStatus.WITHDRAWN})
    image.refresh_from_db()
    assert in_private_collection(image)
    assert image.pk not in api_image_ids(anonymous)


def test_an_image_added_to_a_published_listing_waits_for_the_approval_of_the_change(
    client, demo
):
    listing = post_listing(login(client, MEMBER_A))
    admin_action(other_client(client, EDITOR), listing, "approve")
    listing.refresh_from_db()
    [first] = images_of(listing)
    assert edit(client, listing, files=[png(name="nouvelle.png")]).status_code == 302
    added = Image.objects.exclude(pk=first.pk).get(collection__name=PENDING_COLLECTION)
    assert added.pk not in api_image_ids(client.__class__())
    admin_action(other_client(client, EDITOR), listing, "approve")
    added.refresh_from_db()
    assert added.pk in api_image_ids(client.__class__())


def test_the_images_api_lists_the_demo_and_editorial_images(client, demo):
    editorial = Image.objects.exclude(collection__name__in=["Annonces", PENDING_COLLECTION])
    assert editorial.exists()
    assert set(editorial.values_list("pk", flat=True)) <= api_image_ids(client)


# --------------------------------------------------------------------------- orphans

def attached(listing: ListingPage, name: str):
    """An image uploaded for the listing, in its rows (as publication leaves them)."""
    image = store_image(png(name=name), user(MEMBER_A), listing.title, 1)
    ListingImage.objects.create(page=listing, image=image)
    return image


def test_a_stored_image_has_its_size_and_hash_as_wagtail_computes_them(demo):
    """store_image fills Wagtail's file_size and file_hash (the admin's duplicate check)."""
    upload = png(640, 480)
    image = Image.objects.get(pk=store_image(upload, user(MEMBER_A), "Annonce", 1).pk)
    with default_storage.open(image.file.name) as stored:
        content = stored.read()
    assert (image.width, image.height) == (640, 480)
    assert image.file_size == len(content) == upload.size
    assert image.file_hash == hashlib.sha1(content).hexdigest()
    image.file_hash = ""
    assert image.get_file_hash() == hashlib.sha1(content).hexdigest()


def test_purge_deletes_the_images_no_listing_uses_with_their_files(
    client, demo, django_capture_on_commit_callbacks
):
    kept, deleted = {}, {}
    kept["open"] = attached(make_listing("ouverte"), "ouverte.png")
    kept["draft"] = attached(make_listing("brouillon", state="draft"), "brouillon.png")
    kept["moderation"] = attached(make_listing("moderation", state="moderation"), "m.png")
    kept["expired"] = attached(make_listing("expiree", state="expired"), "expiree.png")
    deleted["withdrawn"] = attached(make_listing("retiree", state="withdrawn"), "retiree.png")
    deleted["fulfilled"] = attached(make_listing("pourvue", state="fulfilled"), "pourvue.png")
    gone = make_listing("supprimee")
    deleted["deleted listing"] = attached(gone, "supprimee.png")
    gone.delete()
    # Rejected a while ago and left so; rejected lately (the member may still fix it).
    for word, days in (("rejetee", REJECTED_KEPT_DAYS + 1), ("refusee", 1)):
        listing = make_listing(word, state="moderation")
        image = attached(listing, f"{word}.png")
        admin_action(other_client(client, MODERATOR), listing, "reject", "Non.")
        ListingPage.objects.filter(pk=listing.pk).update(
            latest_revision_created_at=timezone.now() - datetime.timedelta(days=days)
        )
        (deleted if days > REJECTED_KEPT_DAYS else kept)[f"rejected {days} days ago"] = image
    assert WorkflowState.objects.filter(status=WorkflowState.STATUS_NEEDS_CHANGES).count() >= 2
    # Uploaded by an account since deleted, in no listing.
    deleted["deleted account"] = store_image(png(), user("membre-jardins"), "Annonce", 1)
    forget_account(user("membre-jardins"))
    # An editor's image elsewhere is never touched.
    kept["editorial"] = Image.objects.exclude(
        collection__name__in=["Annonces", PENDING_COLLECTION]
    ).first()
    for image in [*kept.values(), *deleted.values()]:
        assert file_exists(image), image

    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_personal_data", stdout=io.StringIO())

    remaining = set(Image.objects.values_list("pk", flat=True))
    for why, image in kept.items():
        assert image.pk in remaining, why
        assert file_exists(image), why
    for why, image in deleted.items():
        assert image.pk not in remaining, why
        assert not file_exists(image), why


def test_an_image_the_member_removes_is_deleted_once_the_change_is_approved(
    client, demo, django_capture_on_commit_callbacks
):
    listing = post_listing(login(client, MEMBER_A), images=[png(name="a.png"), png(name="b.png")])
    admin_action(other_client(client, EDITOR), listing, "approve")
    listing.refresh_from_db()
    removed, other = images_of(listing)
    assert removed.pk in api_image_ids(client.__class__())
    # The member removes it: the edit form offers it, the change goes to moderation.
    page = client.get(reverse("members:edit_listing", args=[listing.pk])).content.decode()
    assert f'name="remove_image_{removed.pk}"' in page
    assert edit(client, listing, **{f"remove_image_{removed.pk}": "on"}).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_personal_data", stdout=io.StringIO())
    assert Image.objects.filter(pk=removed.pk).exists()  # still online until approved
    admin_action(other_client(client, EDITOR), listing, "approve")
    assert removed.pk not in api_image_ids(client.__class__())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_personal_data", stdout=io.StringIO())
    assert not Image.objects.filter(pk=removed.pk).exists()
    assert not file_exists(removed)
    assert [image.pk for image in images_of(listing)] == [other.pk]
    assert file_exists(other)


# --------------------------------------------------------------------------- bounded uploads

def image_file(width: int, height: int, fmt: str = "PNG", name: str = "photo.png", **save):
    buffer = io.BytesIO()
    PILImage.linear_gradient("L").resize((width, height)).convert("RGB").save(buffer, fmt, **save)
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.mark.parametrize(("width", "height"), [(6001, 300), (300, 6001), (5000, 5000),
                                               (8000, 5000)])
def test_images_beyond_what_a_listing_needs_are_refused(client, demo, width, height):
    login(client, MEMBER_A)
    images = Image.objects.count()
    data = listing_data(structure=structure("roue-libre").pk, action="draft")
    data["new_images"] = [image_file(width, height)]
    response = client.post(reverse("members:new_listing", args=["offer"]), data)
    assert response.status_code == 400
    assert b"id_new_images_error" in response.content
    assert Image.objects.count() == images


def test_large_photos_are_stored_upright_at_2400_pixels_without_their_metadata(client, demo):
    exif = PILImage.Exif()
    exif[0x0112] = 6  # orientation: the camera was turned; shown rotated by 90°
    exif[0x010F] = "Téléphone de Camille"  # make
    exif[0x8825] = {2: (47.0, 4.0, 12.0)}  # GPS latitude: where the photo was taken
    photo = image_file(4000, 3000, "JPEG", "IMG_2024.jpg", exif=exif.tobytes())
    listing = post_listing(login(client, MEMBER_A), action="draft",
                           images=[photo, image_file(6000, 4000), image_file(640, 480)])
    turned, large, small = images_of(listing)
    assert (turned.width, turned.height) == (1800, 2400)
    assert (large.width, large.height) == (2400, 1600)
    assert (small.width, small.height) == (640, 480)
    with turned.open_file() as stored, PILImage.open(stored) as picture:
        assert picture.format == "JPEG"
        assert not picture.getexif()
        assert "exif" not in picture.info
    assert not turned.file.name.endswith("IMG_2024.jpg")


# --------------------------------------------------------------------------- page cache

def test_a_drafts_images_leave_the_page_cache_alone_and_its_publication_empties_it(
    client, demo
):
    pages = caches[settings.CACHE_MIDDLEWARE_ALIAS]
    pages.set("sentinel", "a cached page")
    listing = post_listing(login(client, MEMBER_A), action="draft")
    assert images_of(listing)
    listing = post_listing(client, action="submit", title="Scie sauteuse à prêter")
    assert pages.get("sentinel") == "a cached page"
    admin_action(other_client(client, MODERATOR), listing, "approve")
    assert pages.get("sentinel") is None


def test_an_editors_image_change_still_empties_the_page_cache(demo):
    pages = caches[settings.CACHE_MIDDLEWARE_ALIAS]
    pages.set("sentinel", "a cached page")
    image = Image.objects.exclude(collection__name__in=["Annonces", PENDING_COLLECTION]).first()
    image.title = "Nouveau titre"
    image.save()
    assert pages.get("sentinel") is None
