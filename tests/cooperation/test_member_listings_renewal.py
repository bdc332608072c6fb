"""Mes annonces: members renew and close their listings."""

import datetime

import pytest
from bs4 import BeautifulSoup

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import TaskState, WorkflowState

from cooperation.models import (
    ListingPage,
    ListingStatus,
)

from .member_listing_helpers import (
    EDITOR,
    MEMBER_A,
    admin_action,
    api_ids,
    edit,
    expire_soon,
    live_listing_of,
    login,
    other_client,
    pending_task,
    public_text,
    rows,
    structure,
    today,
)

pytestmark = pytest.mark.django_db


# --------------------------------------------------------------------------- renew and close

def test_renewing_an_expiring_listing_publishes_it_directly(client):
    listing = expire_soon(live_listing_of("roue-libre"), 3)
    listing.reminder_sent_on = today()
    listing.save()
    login(client, MEMBER_A)
    assert rows(client)[listing.pk]["data-state"] == "expiring"
    response = client.post(reverse("members:renew_listing", args=[listing.pk]))
    assert response.status_code == 302
    listing.refresh_from_db()
    new_end = today() + datetime.timedelta(days=90)
    assert listing.expires_on == new_end and listing.reminder_sent_on is None
    assert timezone.localtime(listing.expire_at).date() == new_end + datetime.timedelta(days=1)
    assert listing.live and not WorkflowState.objects.active().for_instance(listing).exists()
    assert listing.get_latest_revision_as_object().expires_on == new_end
    assert rows(client)[listing.pk]["data-state"] == "published"
    # A GET (the address opened in a browser) renews nothing: it leads to Mes annonces.
    assert client.get(reverse("members:renew_listing", args=[listing.pk])).status_code == 302
    listing.refresh_from_db()
    assert listing.expires_on == new_end


def test_an_expired_listing_comes_back_online_when_renewed(client):
    listing = expire_soon(live_listing_of("roue-libre"), -2)
    call_command("publish_scheduled", verbosity=0)  # Wagtail's expiry job
    listing.refresh_from_db()
    assert not listing.live and listing.expired
    visitor = client.__class__()
    assert visitor.get(f"/fr/cooperation/{listing.slug}/").status_code == 404
    login(client, MEMBER_A)
    assert rows(client)[listing.pk]["data-state"] == "expired"
    client.post(reverse("members:renew_listing", args=[listing.pk]))
    listing.refresh_from_db()
    assert listing.live and not listing.expired
    assert listing.expires_on == today() + datetime.timedelta(days=90)
    assert visitor.get(listing.url).status_code == 200


def test_renewing_keeps_the_pending_changes_in_moderation_with_the_new_date(client):
    listing = expire_soon(live_listing_of("roue-libre"), 2)
    live_summary = listing.summary
    login(client, MEMBER_A)
    edit(client, listing, summary="Changement en attente.")
    client.post(reverse("members:renew_listing", args=[listing.pk]))
    listing.refresh_from_db()
    new_end = today() + datetime.timedelta(days=90)
    assert listing.summary == live_summary and listing.expires_on == new_end
    assert pending_task(listing).status == TaskState.STATUS_IN_PROGRESS
    admin_action(other_client(client, EDITOR), listing, "approve")
    listing.refresh_from_db()
    assert listing.summary == "Changement en attente." and listing.expires_on == new_end


def test_a_listing_far_from_its_end_is_not_renewed(client):
    listing = live_listing_of("roue-libre")
    before = (listing.expires_on, listing.latest_revision_id)
    login(client, MEMBER_A)
    assert "action--renew" not in str(rows(client)[listing.pk])
    client.post(reverse("members:renew_listing", args=[listing.pk]))
    listing.refresh_from_db()
    assert (listing.expires_on, listing.latest_revision_id) == before


def test_closing_as_fulfilled_unpublishes_and_keeps_it_in_the_member_space(client):
    listing = live_listing_of("roue-libre")
    b = structure("jardins-du-maine")
    login(client, MEMBER_A)
    response = client.get(reverse("members:close_listing", args=[listing.pk]))
    partners = BeautifulSoup(response.content, "html.parser").select(
        "select[name=partner_structure] option"
    )
    assert str(b.pk) in [o["value"] for o in partners]
    assert str(listing.structure_id) not in [o["value"] for o in partners]
    response = client.post(reverse("members:close_listing", args=[listing.pk]), {
        "status": "fulfilled", "partner_structure": b.pk, "estimated_value": "250",
        "hours_saved": "6.5",
    })
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.status == ListingStatus.FULFILLED and not listing.live
    assert listing.closed_on == today() and listing.partner_structure_id == b.pk
    assert listing.estimated_value == 250 and float(listing.hours_saved) == 6.5
    visitor = client.__class__()
    assert visitor.get(f"/fr/cooperation/{listing.slug}/").status_code == 410  # "it is closed"
    assert f'/fr/cooperation/{listing.slug}/"' not in public_text(visitor, "/fr/cooperation/")
    assert listing.pk not in api_ids(visitor)
    aliases = ListingPage.objects.filter(alias_of=listing)
    assert not aliases.filter(live=True).exists()
    assert all(alias.status == ListingStatus.FULFILLED for alias in aliases)
    row = rows(client)[listing.pk]
    assert row["data-state"] == "fulfilled"
    assert b.title in row.get_text()
    assert not row.select(".action--edit, .action--renew, .action--close")
    assert client.get(reverse("members:edit_listing", args=[listing.pk])).status_code == 403
    assert client.get(reverse("members:close_listing", args=[listing.pk])).status_code == 403


def test_closing_as_withdrawn_ignores_the_figures_and_cancels_moderation(client):
    listing = live_listing_of("roue-libre")
    login(client, MEMBER_A)
    edit(client, listing, summary="En attente.")
    response = client.post(reverse("members:close_listing", args=[listing.pk]), {
        "status": "withdrawn", "partner_structure": structure("jardins-du-maine").pk,
        "estimated_value": "100",
    })
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.status == ListingStatus.WITHDRAWN and not listing.live
    assert listing.partner_structure is None and listing.estimated_value is None
    assert not WorkflowState.objects.active().for_instance(listing).exists()
    assert rows(client)[listing.pk]["data-state"] == "withdrawn"


def test_negative_figures_are_refused(client):
    listing = live_listing_of("roue-libre")
    login(client, MEMBER_A)
    response = client.post(reverse("members:close_listing", args=[listing.pk]), {
        "status": "fulfilled", "estimated_value": "-5", "hours_saved": "-1",
    })
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#id_estimated_value_error") and soup.select_one("#id_hours_saved_error")
    listing.refresh_from_db()
    assert listing.status == ListingStatus.OPEN and listing.live
