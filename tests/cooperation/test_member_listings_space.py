"""Mes annonces: the member space lists every state, responses, escaping and image uploads."""

import datetime

import pytest
from bs4 import BeautifulSoup

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from wagtail.models import Collection

from cooperation.models import (
    ListingImage,
    ListingPage,
)
from directory.models import ContactMessage

from .conftest import make_listing
from .member_listing_helpers import (
    EDITOR,
    LISTINGS,
    MEMBER_A,
    MEMBER_B,
    SCRIPT,
    Image,
    admin_action,
    created,
    edit,
    expire_soon,
    huge_png,
    listing_data,
    live_listing_of,
    login,
    lying_script,
    other_client,
    png,
    post_new,
    public_text,
    rows,
    structure,
    today,
    user,
)

pytestmark = pytest.mark.django_db


def test_mes_annonces_shows_every_state(client):
    for number in range(5):  # the demo's Roue Libre has fewer open listings than states
        make_listing(f"zorglubetat{number}", structure="roue-libre")
    login(client, MEMBER_A)
    states = {}
    post_new(client, title="Annonce brouillon", action="draft")
    states["draft"] = created("Annonce brouillon")
    post_new(client, title="Annonce en attente")
    states["in_moderation"] = created("Annonce en attente")
    post_new(client, title="Annonce refusée")
    states["rejected"] = created("Annonce refusée")
    admin_action(other_client(client, EDITOR), states["rejected"], "reject", "Trop vague.")
    a = structure("roue-libre")
    open_listings = list(
        ListingPage.objects.open().filter(structure=a, locale_id=a.locale_id)
        .exclude(expires_on__lte=today() + datetime.timedelta(days=7)).order_by("pk")
    )
    states["published"] = open_listings[0]
    states["expiring"] = expire_soon(open_listings[1].specific, 5)
    states["expired"] = expire_soon(open_listings[2].specific, -1)
    call_command("publish_scheduled", verbosity=0)
    for code, page in (("fulfilled", open_listings[3]), ("withdrawn", open_listings[4])):
        client.post(reverse("members:close_listing", args=[page.pk]), {"status": code})
        states[code] = page
    table = rows(client)
    assert {code: table[page.pk]["data-state"] for code, page in states.items()} == {
        code: code for code in states
    }
    assert "Trop vague." in table[states["rejected"].pk].get_text()
    # Only A's listings, each once.
    assert set(table) == set(
        ListingPage.objects.filter(structure=a, locale_id=a.locale_id).values_list("pk", flat=True)
    )


# --------------------------------------------------------------------------- responses

def test_responses_are_shown_to_the_members_of_the_structure_only(client):
    listing = live_listing_of("roue-libre")
    visitor = client.__class__()
    response = visitor.post(listing.url, {
        "name": "Claire <b>Martin</b>", "email": "claire@example.org",
        "message": f"Bonjour, nous serions intéressés. {SCRIPT}", "nickname": "",
    })
    assert response.status_code == 302
    assert ContactMessage.objects.filter(page=listing).count() == 1
    login(client, MEMBER_A)
    page = client.get(LISTINGS).content.decode()
    row = rows(client)[listing.pk]
    (response_item,) = row.select(".response")
    assert response_item.select_one(".response__name").get_text() == "Claire <b>Martin</b>"
    assert response_item.select_one(".response__email").get_text() == "claire@example.org"
    assert response_item.select_one(".response__date")["datetime"]
    assert SCRIPT in response_item.select_one(".response__message").get_text()
    assert SCRIPT not in page and "&lt;script&gt;" in page
    other = other_client(client, MEMBER_B)
    assert "claire@example.org" not in other.get(LISTINGS).content.decode()


# --------------------------------------------------------------------------- escaping

def test_html_in_a_listing_is_shown_as_text(client):
    login(client, MEMBER_A)
    post_new(client, title=f"Titre {SCRIPT}", summary=f"Résumé {SCRIPT}",
             description=f"Description {SCRIPT}\n\n<img src=x onerror=alert(2)>",
             price=SCRIPT, city=SCRIPT, tags='"<b>gras</b>"')
    listing = created(f"Titre {SCRIPT}")
    admin_action(other_client(client, EDITOR), listing, "approve")
    listing.refresh_from_db()
    edit_form = reverse("members:edit_listing", args=[listing.pk])
    for html in (public_text(client.__class__(), listing.url), public_text(client, LISTINGS),
                 public_text(client, edit_form)):
        assert SCRIPT not in html
        assert "<img src=x" not in html and "<b>gras</b>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# --------------------------------------------------------------------------- images

def test_images_are_stored_in_the_annonces_collection(client):
    login(client, MEMBER_A)
    data = listing_data(structure=structure("roue-libre").pk, action="draft")
    data["new_images"] = [png(name="atelier.png"), png(800, 600, name="perceuse.png")]
    response = client.post(reverse("members:new_listing", args=["offer"]), data)
    assert response.status_code == 302
    listing = created()
    items = list(ListingImage.objects.filter(page=listing).order_by("sort_order"))
    assert len(items) == 2
    # A draft's images wait in the private collection (tests/cooperation/test_listing_images.py).
    collection = Collection.objects.get(name="Annonces en attente de validation")
    assert all(item.image.collection_id == collection.pk for item in items)
    assert items[1].image.width == 800 and items[1].image.file_size > 0
    assert items[0].image.uploaded_by_user == user(MEMBER_A)
    # On the edit form: remove one, describe the other, add two more (4 at most).
    first, second = items
    response = edit(client, listing, action="draft", files=[png(), png()], **{
        f"remove_image_{first.image_id}": "on",
        f"alt_text_{second.image_id}": "Une perceuse rouge",
    })
    assert response.status_code == 302
    listing.refresh_from_db()
    draft = listing.get_latest_revision_as_object()
    kept = list(draft.images.all())
    assert len(kept) == 3 and kept[0].image_id == second.image_id
    assert kept[0].alt_text == "Une perceuse rouge"
    # A fifth would be one too many.
    response = edit(client, listing, action="draft", files=[png(), png()])
    assert response.status_code == 400
    assert BeautifulSoup(response.content, "html.parser").select_one("#id_new_images_error")


UPLOADS = {
    "not an image": lambda: [SimpleUploadedFile("notes.txt", b"hello", content_type="text/plain")],
    "script named .jpg": lambda: [lying_script()],
    "20 MB": lambda: [huge_png()],
    "10000 x 10000 px": lambda: [png(10000, 10000, name="bombe.png", mode="1")],
    "too small": lambda: [png(50, 50)],
    "5 images": lambda: [png(name=f"{n}.png") for n in range(5)],
}


@pytest.mark.parametrize("case", list(UPLOADS))
def test_bad_uploads_are_refused_with_a_form_error_and_nothing_is_stored(client, case):
    login(client, MEMBER_A)
    images, listings = Image.objects.count(), ListingPage.objects.count()
    data = listing_data(structure=structure("roue-libre").pk)
    data["new_images"] = UPLOADS[case]()
    response = client.post(reverse("members:new_listing", args=["offer"]), data)
    assert response.status_code == 400
    error = BeautifulSoup(response.content, "html.parser").select_one("#id_new_images_error")
    assert error and error.get_text(strip=True)
    assert (Image.objects.count(), ListingPage.objects.count()) == (images, listings)
    if case == "script named .jpg":
        assert "photo.jpg" in error.get_text()
        assert "image valide" in error.get_text()  # Django's French message
