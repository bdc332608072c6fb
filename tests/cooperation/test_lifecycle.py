"""The end of a listing's life: unpublished after its last day, its owner reminded once before.

`manage.py expire_listings` runs daily; Wagtail's `publish_scheduled` also unpublishes a
listing at its `expire_at` (the start of the day after `expires_on`).
"""

import datetime
from io import StringIO

import pytest

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.formats import date_format

from cooperation.models import ListingPage
from directory.models import Membership, StructurePage

pytestmark = pytest.mark.django_db

DEMO_EXPIRING = {"annonce-01", "annonce-10", "annonce-19", "annonce-28", "annonce-37"}
SIGNATURE = "APESS 53 – l'économie sociale et solidaire en Mayenne"


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def run(command: str = "expire_listings") -> str:
    out, err = StringIO(), StringIO()
    call_command(command, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def french_date(value: datetime.date) -> str:
    with translation.override("fr"):
        return date_format(value, "j F Y")


def member(username: str, first_name: str = "", structure: str = "", **fields):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", first_name=first_name, **fields
    )
    if structure:
        Membership.objects.create(
            user=user, structure=StructurePage.objects.get(slug=structure,
                                                           locale__language_code="fr"))
    return user


@pytest.fixture
def quiet_demo(demo):
    """The demo's listings expiring in 5 days have had their reminder already."""
    ListingPage.objects.update(reminder_sent_on=timezone.localdate())
    mail.outbox.clear()
    return demo


def fr_demo(slug: str) -> ListingPage:
    return ListingPage.objects.get(slug=slug, locale__language_code="fr")


# ---------------------------------------------------------------- unpublishing

def test_a_listing_past_its_last_day_is_unpublished_with_its_translations(client, demo):
    listing = fr_demo("annonce-05")
    alias = ListingPage.objects.get(alias_of=listing)
    listing.expires_on = days(-1)
    listing.save()
    last_day = fr_demo("annonce-02")
    last_day.expires_on = days(0)
    last_day.save()
    output = run()
    listing.refresh_from_db()
    alias.refresh_from_db()
    assert not listing.live and listing.expired
    assert not alias.live
    assert ListingPage.objects.get(pk=last_day.pk).live  # its last day: still online
    assert "Unpublished /fr/cooperation/annonce-05/" in output
    assert "1 listing(s) unpublished" in output
    assert client.get("/fr/cooperation/annonce-05/").status_code == 404
    assert client.get("/en/cooperation/annonce-05/").status_code == 404
    assert "1 listing(s) unpublished" not in run()  # nothing left to do


def test_translation_expires_too(client, demo):
    for listing in ListingPage.objects.filter(slug__in=["annonce-01", "van-at-weekends"]):
        listing.expires_on = days(-1)
        listing.save()
    run()
    assert not ListingPage.objects.filter(slug__in=["annonce-01", "van-at-weekends"],
                                          live=True).exists()
    assert client.get("/en/cooperation/van-at-weekends/").status_code == 404


@pytest.mark.parametrize("state", ["expired", "withdrawn", "fulfilled"])
def test_after_the_daily_run_no_closed_listing_is_public_anywhere(client, listing_factory,
                                                                  state):
    listing = listing_factory(f"zorglub{state}", state=state)
    url = listing.get_url()
    run()
    listing.refresh_from_db()
    assert not listing.live
    assert listing.expired == (state == "expired")
    assert listing.status == ("open" if state == "expired" else state)
    for page in (f"/fr/recherche/?q=zorglub{state}", "/sitemap.xml",
                 "/api/v2/pages/?type=cooperation.OfferPage&limit=100",
                 "/fr/cooperation/", "/fr/", "/fr/annuaire/jardins-du-maine/"):
        response = client.get(page)
        assert response.status_code == 200
        assert url not in response.content.decode(), page
        assert f'"id": {listing.pk},' not in response.content.decode(), page
    # A closed listing's address says it is closed (410), without its content.
    response = client.get(url)
    assert response.status_code == (404 if state == "expired" else 410)
    assert listing.summary not in response.content.decode()


def test_open_listings_are_left_alone(demo):
    live = set(ListingPage.objects.filter(live=True).values_list("pk", flat=True))
    run()
    run("publish_scheduled")
    assert set(ListingPage.objects.filter(live=True).values_list("pk", flat=True)) == live


def test_wagtail_publish_scheduled_unpublishes_at_expire_at(listing_factory):
    listing = listing_factory("zorglubplanifiee", state="expired")
    assert listing.expire_at == timezone.make_aware(
        datetime.datetime.combine(days(0), datetime.time.min))
    assert listing.expire_at < timezone.now()
    run("publish_scheduled")
    listing.refresh_from_db()
    assert not listing.live and listing.expired


def test_expire_at_follows_the_expiry_date(listing_factory):
    listing = listing_factory("zorglubdate", days=10)
    assert timezone.localtime(listing.expire_at) == timezone.make_aware(
        datetime.datetime.combine(days(11), datetime.time.min))


# ---------------------------------------------------------------- reminders

def test_demo_reminders_are_sent_once_per_listing(demo):
    mail.outbox.clear()
    output = run()
    assert "5 reminder(s) queued" in output
    assert len(mail.outbox) == 5
    # The demo's listings that expire soon are those of the two structures with an account.
    assert {message.to[0] for message in mail.outbox} == {
        "contact@roue-libre.example", "contact@jardins-du-maine.example"}
    titles = {fr_demo(slug).title for slug in DEMO_EXPIRING}
    assert {next(t for t in titles if f"« {t} »" in m.subject or f"“{t}”" in m.subject)
            for m in mail.outbox} == titles
    # The English copies (annonce-01's translation, the aliases) share the French reminder.
    assert set(ListingPage.objects.exclude(reminder_sent_on=None)
               .values_list("locale__language_code", "slug")) == (
        {("fr", slug) for slug in DEMO_EXPIRING}
        | {("en", slug) for slug in DEMO_EXPIRING - {"annonce-01"}}
        | {("en", "van-at-weekends")})
    assert "0 reminder(s) queued" in run()
    assert len(mail.outbox) == 5


def test_reminder_goes_once_to_the_contact_member_in_french(quiet_demo, listing_factory):
    camille = member("camille", "Camille", structure="jardins-du-maine")
    member("dominique", "Dominique", structure="jardins-du-maine")
    listing = listing_factory("zorglubrappel", days=7, contact_member=camille,
                              title="Prêt de la broyeuse à végétaux")
    output = run()
    assert "Reminder queued for « Prêt de la broyeuse à végétaux »" in output
    assert "camille@example.org" in output
    run()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["camille@example.org"]
    expiry = french_date(days(7))
    assert any(month in expiry for month in (
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre"))
    assert "Prêt de la broyeuse à végétaux" in message.subject and expiry in message.subject
    assert message.body.startswith("Bonjour Camille,\n")
    assert "Prêt de la broyeuse à végétaux" in message.body and expiry in message.body
    assert f"http://testserver{listing.get_url()}" in message.body
    assert "http://testserver/fr/espace-membre/" in message.body
    assert SIGNATURE in message.body
    listing.refresh_from_db()
    assert listing.reminder_sent_on == timezone.localdate()


def test_without_contact_member_every_member_of_the_structure_is_told(quiet_demo,
                                                                      listing_factory):
    member("camille", "Camille", structure="jardins-du-maine")
    member("sans-prenom", structure="jardins-du-maine")
    member("ancien", "Ancien", structure="jardins-du-maine", is_active=False)
    member("ailleurs", "Ailleurs", structure="roue-libre")
    inactive = member("parti", "Parti", is_active=False)
    listing_factory("zorglubtous", days=3, contact_member=inactive)
    run()
    run()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "camille@example.org", "contact@jardins-du-maine.example", "sans-prenom@example.org"]
    greetings = {message.to[0]: message.body.split("\n", 1)[0] for message in mail.outbox}
    assert greetings["camille@example.org"] == "Bonjour Camille,"
    assert greetings["sans-prenom@example.org"] == "Bonjour,"


@pytest.mark.parametrize(("in_days", "reminded"),
                         [(0, True), (1, True), (6, True), (7, True), (8, False), (20, False)])
def test_reminder_a_week_before_expiry(quiet_demo, listing_factory, in_days, reminded):
    listing = listing_factory(f"zorglub{in_days}", days=in_days)
    run()
    assert len(mail.outbox) == (1 if reminded else 0)
    listing.refresh_from_db()
    assert (listing.reminder_sent_on is not None) == reminded


@pytest.mark.parametrize("state", ["withdrawn", "fulfilled", "draft", "moderation"])
def test_no_reminder_for_a_listing_that_is_not_open(quiet_demo, listing_factory, state):
    listing_factory(f"zorglub{state}", days=3, state=state)
    mail.outbox.clear()  # the moderators' notification
    run()
    assert mail.outbox == []


def test_a_renewed_listing_is_reminded_again_before_its_new_expiry(quiet_demo,
                                                                   listing_factory):
    listing = listing_factory("zorglubrenouvelee", days=5)
    run()
    assert len(mail.outbox) == 1
    # The renewal (built elsewhere) pushes the date back and clears the reminder.
    listing.expires_on = days(90)
    listing.reminder_sent_on = None
    listing.save()
    run()
    assert len(mail.outbox) == 1
    listing.expires_on = days(6)  # time passes
    listing.save()
    run()
    run()
    assert len(mail.outbox) == 2


def test_a_failed_reminder_is_tried_again_the_next_day(quiet_demo, listing_factory,
                                                       monkeypatch):
    listing = listing_factory("zorglubpanne", days=4)

    def refuse(self, messages):
        raise ConnectionRefusedError("SMTP down")

    from django.core.mail.backends.locmem import EmailBackend

    with monkeypatch.context() as patch:
        patch.setattr(EmailBackend, "send_messages", refuse)
        run()
    listing.refresh_from_db()
    assert listing.reminder_sent_on is None
    assert mail.outbox == []
    run()
    assert len(mail.outbox) == 1


def test_a_structure_without_members_is_reported(quiet_demo, listing_factory):
    assert not Membership.objects.filter(structure__slug="scop-charpente").exists()
    listing = listing_factory("zorglubpersonne", days=2, structure="scop-charpente")
    output = run()
    assert "No one to remind of « Annonce zorglubpersonne »" in output
    assert mail.outbox == []
    listing.refresh_from_db()
    assert listing.reminder_sent_on is None  # tried again once a member joins


def test_approving_a_change_does_not_send_the_reminder_again(quiet_demo, listing_factory):
    listing = listing_factory("zorglubcorrigee", days=5).specific
    # The member submits a change before the reminder; it waits for moderation.
    listing.summary = "Résumé corrigé"
    revision = listing.save_revision()
    run()
    assert len(mail.outbox) == 1
    revision.publish()  # an editor approves it a day later
    assert ListingPage.objects.get(pk=listing.pk).summary == "Résumé corrigé"
    run()
    assert len(mail.outbox) == 1
