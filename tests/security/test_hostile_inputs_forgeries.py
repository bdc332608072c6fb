"""Forged ids in member URLs and forms, and lying uploads."""

import re
from urllib.parse import quote

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cooperation.models import ListingPage, ListingStatus
from tests.cooperation.member_listing_helpers import form_data as listing_form
from tests.cooperation.member_listing_helpers import (
    huge_png,
    listing_data,
    live_listing_of,
    lying_script,
    png,
)

from .hostile_inputs import (
    LISTINGS,
    MEMBER_A,
    Image,
    Payload,
    assert_safe,
    counts,
    field_error,
    login,
    soup_of,
    state,
    structure,
)

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------------- 5. forged ids

FORGED_IDS = {
    "other-structure": lambda: str(structure("jardins-du-maine").pk),
    "non-existent": lambda: "999999",
    "negative": lambda: "-1",
    "huge": lambda: "9" * 20,
    "string": lambda: "abc",
    "sql": lambda: "1 OR 1=1",
}


def other_listing_pk() -> str:
    """An open listing of another structure than the member's."""
    return str(ListingPage.objects.live().exclude(structure=structure()).first().pk)


def forged(name: str, kind: str) -> str:
    if name == "other-structure" and kind == "listing":
        return other_listing_pk()
    return FORGED_IDS[name]()


@pytest.mark.parametrize("name", FORGED_IDS)
@pytest.mark.parametrize("where", ["profile", "edit-listing", "renew-listing", "close-listing"])
def test_forged_ids_in_member_urls(client, demo, where, name):
    client.raise_request_exception = False
    login(client, MEMBER_A)
    path = {
        "profile": "/fr/espace-membre/structures/{}/",
        "edit-listing": f"{LISTINGS}{{}}/",
        "renew-listing": f"{LISTINGS}{{}}/renouveler/",
        "close-listing": f"{LISTINGS}{{}}/cloturer/",
    }[where].format(quote(forged(name, "structure" if where == "profile" else "listing")))
    before = state()
    other = structure("jardins-du-maine")
    other_before = (other.latest_revision_id, other.title)
    shown = client.get(path)  # renewing is POST only: 405 is a fine answer to a GET
    assert shown.status_code in (403, 404, 405), (path, shown.status_code)
    response = client.post(path, {
        "title": "Piratage", "summary": "Piratage", "legal_form": "association",
        "status": "withdrawn",
    })
    assert response.status_code in (403, 404), (path, response.status_code)
    assert state() == before
    other.refresh_from_db()
    assert (other.latest_revision_id, other.title) == other_before


@pytest.mark.parametrize("name", [*FORGED_IDS, "two-structures", "empty"])
def test_forged_structure_in_the_new_listing_form(client, demo, name):
    client.raise_request_exception = False
    login(client, MEMBER_A)
    extra = {"two-structures": [str(structure().pk), str(structure("jardins-du-maine").pk)],
             "empty": ""}
    value = extra[name] if name in extra else FORGED_IDS[name]()
    before = counts()
    response = client.post(reverse("members:new_listing", args=["offer"]),
                           listing_data(structure=value, title="Piratage"))
    assert response.status_code in (400, 403), response.status_code
    if response.status_code == 400:
        assert field_error(soup_of(response), "structure")
    assert counts() == before
    assert not ListingPage.objects.filter(title="Piratage").exists()
    url = reverse("members:new_listing", args=["offer"])
    shown = client.get(url, {"structure": value})
    assert shown.status_code in (200, 400, 403, 404)
    assert_safe(shown)


@pytest.mark.parametrize("name", [*FORGED_IDS, "own-structure-listing"])
def test_forged_ids_in_the_edit_and_close_forms(client, demo, name):
    """A listing stays with its structure; a partner must be a real structure."""
    client.raise_request_exception = False
    login(client, MEMBER_A)
    listing = live_listing_of("roue-libre")
    value = str(structure().pk) if name == "own-structure-listing" else FORGED_IDS[name]()
    data = listing_form(client, listing)
    data.update(structure=value, action="submit")
    response = client.post(reverse("members:edit_listing", args=[listing.pk]), data)
    assert response.status_code in (302, 400)
    listing.refresh_from_db()
    draft = listing.get_latest_revision_as_object()
    assert draft.structure_id == structure().pk and listing.structure_id == structure().pk
    response = client.post(reverse("members:close_listing", args=[listing.pk]),
                           {"status": "fulfilled", "partner_structure": value})
    listing.refresh_from_db()
    if name in ("other-structure", "own-structure-listing"):
        return  # a real structure: a valid partner (or refused as oneself), both fine
    assert response.status_code == 400, response.status_code
    assert field_error(soup_of(response), "partner_structure")
    assert listing.status == ListingStatus.OPEN


# ------------------------------------------------------------------ 6. lying uploads

def svg_script():
    return SimpleUploadedFile(
        "logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        content_type="image/svg+xml",
    )


def html_as_png():
    return SimpleUploadedFile("photo.png", b"<html><script>alert(1)</script></html>",
                              content_type="image/png")


def png_named(name: str, content_type: str = "image/png"):
    upload = png(name=name)
    upload.content_type = content_type
    return upload


def polyglot_gif():
    """A GIF header followed by a script: 'GIF89a/*…*/=alert(1)'."""
    return SimpleUploadedFile("anim.gif", b"GIF89a/*\x00\x00*/=alert(1);//",
                              content_type="image/gif")


def truncated_png():
    data = png().read()
    return SimpleUploadedFile("coupee.png", data[: len(data) // 2], content_type="image/png")


def bomb_header():
    """A PNG that claims 100,000 × 100,000 pixels in a few bytes."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 1024)) + chunk(b"IEND", b""))
    return SimpleUploadedFile("bombe2.png", data, content_type="image/png")


LYING_UPLOADS = {
    "script-named-jpg": lying_script,
    "html-named-png": html_as_png,
    "svg-with-script": svg_script,
    "png-named-php": lambda: png_named("photo.php", "application/x-php"),
    "png-named-html": lambda: png_named("page.html", "text/html"),
    "double-extension": lambda: png_named("photo.php.png.exe", "image/png"),
    "polyglot-gif": polyglot_gif,
    "truncated-png": truncated_png,
    "empty-file": lambda: SimpleUploadedFile("vide.jpg", b"", content_type="image/jpeg"),
    "decompression-bomb": lambda: png(10000, 10000, name="bombe.png", mode="1"),
    "bomb-header": bomb_header,
    "20-mb": huge_png,
}


@pytest.mark.parametrize("where", ["new", "edit"])
@pytest.mark.parametrize("case", LYING_UPLOADS)
def test_lying_uploads_are_refused(client, demo, case, where):
    client.raise_request_exception = False
    login(client, MEMBER_A)
    if where == "new":
        url = reverse("members:new_listing", args=["offer"])
        data = listing_data(structure=structure().pk)
    else:
        listing = live_listing_of("roue-libre")
        url = reverse("members:edit_listing", args=[listing.pk])
        data = {**listing_form(client, listing), "action": "submit"}
    data["new_images"] = [LYING_UPLOADS[case]()]
    before = counts()
    response = client.post(url, data)
    assert response.status_code == 400, response.status_code
    page = assert_safe(response)
    assert field_error(page, "new_images"), "no error shown for the upload"
    assert counts() == before


@pytest.mark.parametrize("name", [
    pytest.param('<img src=x onerror=alert(1)>.png', id="markup"),
    pytest.param("../../../etc/passwd.png", id="path-traversal"),
    pytest.param("photo\x00.png", id="null-byte"),
])
def test_hostile_file_names_are_stored_safely(client, demo, name):
    client.raise_request_exception = False
    login(client, MEMBER_A)
    data = listing_data(structure=structure().pk, action="draft")
    data["new_images"] = [png(name=name)]
    images = Image.objects.count()
    response = client.post(reverse("members:new_listing", args=["offer"]), data)
    assert response.status_code in (302, 400), response.status_code
    if response.status_code == 400:
        assert field_error(assert_safe(response), "new_images")
        assert Image.objects.count() == images
        return
    stored = Image.objects.latest("pk")
    assert "/" not in stored.file.name.removeprefix("original_images/")
    assert not re.search(r"[<>\x00]|\.\.", stored.file.name), stored.file.name
    assert_safe(client.get(LISTINGS), Payload("name", name))
