"""The network's impact figures on /fr/cooperation/: only real, approved exchanges count, with
bounded values, and an editor can correct or exclude one in the admin."""

import re
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from cooperation.models import ListingPage, ListingStatus

pytestmark = pytest.mark.django_db

INDEX = "/fr/cooperation/"


def figures(client) -> tuple[int, int, int]:
    """(exchanges, euros, hours) as the index page shows them (0 when not shown)."""
    impact = BeautifulSoup(client.get(INDEX).content, "html.parser").select_one(".impact")
    if impact is None:
        return (0, 0, 0)
    text = impact.get_text(" ", strip=True).replace("\xa0", "").replace("\u202f", "")
    exchanges = int(re.match(r"(\d+) échange", text)[1])
    value = re.search(r"environ (\d+) € de valeur", text)
    hours = re.search(r"(\d+) heures économisées", text)
    return exchanges, int(value[1]) if value else 0, int(hours[1]) if hours else 0


def member_client(client, username: str = "membre-jardins"):
    client.force_login(get_user_model().objects.get(username=username))
    return client


def close(client, listing, **data):
    return client.post(reverse("members:close_listing", args=[listing.pk]), {
        "status": "fulfilled", "partner_structure": "", **data,
    })


def test_a_draft_closed_as_fulfilled_does_not_count(client, listing_factory):
    before = figures(client)
    draft = listing_factory("zorglubbrouillon", state="draft")
    visitor = client.__class__()
    response = close(member_client(client), draft, estimated_value="900000",
                     hours_saved="9000")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == ListingStatus.FULFILLED and draft.first_published_at is None
    assert figures(visitor) == before


def test_an_approved_listing_closed_as_fulfilled_counts(client, listing_factory):
    before = figures(client)
    listing = listing_factory("zorglubpublie")
    visitor = client.__class__()
    assert close(member_client(client), listing, estimated_value="1000000",
                 hours_saved="10000").status_code == 302
    assert figures(visitor) == (before[0] + 1, before[1] + 1_000_000, before[2] + 10_000)


@pytest.mark.parametrize(("value", "hours", "refused"), [
    ("99999999", "", {"estimated_value"}),
    ("1000000.01", "10000.1", {"estimated_value", "hours_saved"}),
    ("", "99999", {"hours_saved"}),
])
def test_the_close_form_refuses_values_beyond_the_bounds(client, listing_factory, value,
                                                         hours, refused):
    listing = listing_factory("zorglubborne")
    before = figures(client)
    response = close(member_client(client), listing, estimated_value=value, hours_saved=hours)
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    for name in refused:
        assert soup.select_one(f"#id_{name}_error"), name
    listing.refresh_from_db()
    assert listing.status == ListingStatus.OPEN and listing.live
    assert figures(client) == before


def test_the_model_refuses_values_beyond_the_bounds(listing_factory):
    listing = listing_factory("zorglubmodele").specific
    listing.status = ListingStatus.FULFILLED
    listing.estimated_value = Decimal("99999999")
    listing.hours_saved = Decimal("10000.5")
    with pytest.raises(ValidationError) as error:
        listing.full_clean()
    assert {"estimated_value", "hours_saved"} <= set(error.value.message_dict)


def test_a_forged_value_stored_beyond_the_bounds_is_not_added(client, listing_factory):
    """A row written before the bounds existed (or straight into the database)."""
    before = figures(client)
    listing = listing_factory("zorglubforge", state="fulfilled")
    ListingPage.objects.filter(pk=listing.pk).update(
        estimated_value=Decimal("99999999"), hours_saved=Decimal("9999999")
    )
    assert figures(client) == (before[0] + 1, before[1], before[2])


def admin_form_data(content: bytes) -> dict:
    """What the admin's page editor sends back as displayed."""
    form = BeautifulSoup(content, "html.parser").select_one("form#page-edit-form")
    data: dict = {}
    for node in form.find_all(["input", "textarea", "select"]):
        name = node.get("name")
        if not name or node.get("type") in ("file", "submit", "button"):
            continue
        if node.name == "textarea":
            data[name] = node.text.lstrip("\n")
        elif node.name == "select":
            chosen = node.find_all("option", selected=True)
            if node.has_attr("multiple"):
                data[name] = [o["value"] for o in chosen]
            else:
                data[name] = chosen[0]["value"] if chosen else ""
        elif node.get("type") in ("checkbox", "radio"):
            if node.has_attr("checked"):
                data.setdefault(name, []).append(node.get("value", "on"))
        else:
            data[name] = node.get("value", "")
    return data


def test_an_editor_corrects_then_excludes_an_exchange_in_the_admin(client, listing_factory):
    listing = listing_factory("zorglubcorrige")
    visitor = client.__class__()
    close(member_client(client, "membre-jardins"), listing, estimated_value="800000",
          hours_saved="20")
    before = figures(visitor)
    editor = client.__class__()
    editor.force_login(get_user_model().objects.get(username="redaction"))
    url = reverse("wagtailadmin_pages:edit", args=[listing.pk])
    page = editor.get(url)
    assert page.status_code == 200
    data = admin_form_data(page.content)
    assert Decimal(data["estimated_value"]) == 800_000
    assert "exclude_from_impact" not in data
    # A typing slip: 800 € and not 800,000 €.
    data.update(estimated_value="800", hours_saved="20", **{"action-publish": "action-publish"})
    response = editor.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    listing.refresh_from_db()
    assert listing.estimated_value == 800 and not listing.live
    assert figures(visitor) == (before[0], before[1] - 800_000 + 800, before[2])
    # Then: a duplicate of another exchange, left out of the figures.
    data = admin_form_data(editor.get(url).content)
    data.update(exclude_from_impact="on", **{"action-publish": "action-publish"})
    assert editor.post(url, data).status_code == 302
    listing.refresh_from_db()
    assert listing.exclude_from_impact and listing.status == ListingStatus.FULFILLED
    assert figures(visitor) == (before[0] - 1, before[1] - 800_000, before[2] - 20)
