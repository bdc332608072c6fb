"""Member accounts: password reset and invitations from the admin."""


import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from directory.models import Membership, StructurePage

from .account_helpers import (
    INVITE,
    MEMBER_EMAIL,
    MEMBER_PASSWORD,
    MEMBER_SPACE,
    NEW_PASSWORD,
    OTHER_EMAIL,
    OTHER_PASSWORD,
    PASSWORD_RESET,
    fr,
    links,
    log_in,
    logged_in_user_id,
    set_password_through,
    structure,
    text,
    user,
)

pytestmark = pytest.mark.django_db


# Password reset --------------------------------------------------------------------------


def test_password_reset_sends_a_one_time_link(client, demo):
    response = client.post(PASSWORD_RESET, {"email": MEMBER_EMAIL.upper()})
    assert response.status_code == 302
    done = client.get(response["Location"])
    assert fr("Check your e-mail") in text(done)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [MEMBER_EMAIL]
    assert message.subject.startswith("[APESS 53]")
    assert "\n" not in message.subject
    fr_link, en_link = [link for link in links(message) if "mot-de-passe" in link]
    assert "/fr/espace-membre/mot-de-passe/" in fr_link
    assert "/en/member-area/mot-de-passe/" in en_link
    assert message.body.index(fr_link) < message.body.index(en_link)  # French first

    response = set_password_through(client, fr_link)
    assert response.status_code == 302
    assert fr("Your new password is saved. You can log in with it now.") in text(
        client.get(response["Location"])
    )
    assert log_in(client, MEMBER_EMAIL, MEMBER_PASSWORD).status_code == 200  # old one: no
    assert log_in(client, MEMBER_EMAIL, NEW_PASSWORD).status_code == 302

    # The link worked once; both languages' links are now dead.
    client.logout()
    for link in (fr_link, en_link):
        assert client.get(link).status_code == 200
    page = text(client.get(fr_link))
    assert fr("Link expired or already used") in page
    assert fr("This link has expired or has already been used: it works only once, "
              "for a limited time.") in page
    assert fr("Get a new link") in page
    assert f'href="{PASSWORD_RESET}"' in client.get(fr_link).content.decode()
    with translation.override("en"):
        assert "Link expired or already used" in text(client.get(en_link))


def test_password_reset_does_not_tell_whether_an_address_exists(client, demo):
    known = client.post(PASSWORD_RESET, {"email": MEMBER_EMAIL})
    unknown = client.post(PASSWORD_RESET, {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == f"{PASSWORD_RESET}envoye/"
    assert len(mail.outbox) == 1


def test_a_reset_link_is_not_an_invitation_link(client, demo):
    client.post(PASSWORD_RESET, {"email": MEMBER_EMAIL})
    fr_link = links(mail.outbox[0])[0]
    forged = fr_link.replace("/mot-de-passe/", "/invitation/")
    response = client.get(forged)
    assert response.status_code == 200
    assert fr("Link expired or already used") in text(response)


# Invitations from the admin ---------------------------------------------------------------


def invite(client, **data):
    form = {
        "email": "Camille.Nouvelle@Example.org",
        "first_name": "Camille",
        "last_name": "Nouvelle",
        "structure": structure("scop-charpente").pk,
        "role": Membership.Role.MANAGER,
    }
    form.update(data)
    return client.post(INVITE, form)


def test_an_editor_invites_a_person_who_then_sets_a_password(client, demo):
    editor = user("redaction")
    assert editor.groups.filter(name="Editors").exists()
    assert not editor.is_superuser
    assert editor.has_perms(["directory.add_membership", "directory.change_membership"])
    client.force_login(editor)

    page = client.get(INVITE)
    assert page.status_code == 200
    soup = BeautifulSoup(page.content, "html.parser")
    options = [o.get_text(strip=True) for o in soup.select("select[name=structure] option")]
    assert "Charpentiers Associés" in options
    assert len(options) == 1 + StructurePage.objects.live().filter(
        locale__language_code="fr").count()
    assert INVITE in client.get(reverse("wagtailadmin_home")).content.decode()  # in the menu

    response = invite(client)
    assert response.status_code == 302
    person = get_user_model().objects.get(email__iexact="camille.nouvelle@example.org")
    assert not person.has_usable_password()
    assert (person.first_name, person.last_name) == ("Camille", "Nouvelle")
    membership = Membership.objects.get(user=person)
    assert membership.structure == structure("scop-charpente")
    assert membership.role == Membership.Role.MANAGER

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Camille.Nouvelle@Example.org"]
    assert message.subject.startswith("[APESS 53]")
    assert "Charpentiers Associés" in message.subject
    assert "Camille Rédaction" in message.body  # who invites
    invitation_links = [link for link in links(message) if "/invitation/" in link]
    assert len(invitation_links) == 2  # French, then English
    assert "/fr/espace-membre/invitation/" in invitation_links[0]

    # The person, in another browser, follows the link.
    client.logout()
    invitation_page = client.get(client.get(invitation_links[0])["Location"])
    assert "Charpentiers Associés" in text(invitation_page)
    response = set_password_through(client, invitation_links[0])
    assert response.status_code == 302
    assert response["Location"] == MEMBER_SPACE
    assert logged_in_user_id(client) == str(person.pk)
    assert "Charpentiers Associés" in text(client.get(MEMBER_SPACE))

    # Once: the second time the link says it is spent and offers a new one.
    client.logout()
    fr_link, en_link = invitation_links
    response = client.get(fr_link)
    assert response.status_code == 200
    assert fr("Link expired or already used") in text(response)
    assert f'href="{PASSWORD_RESET}"' in response.content.decode()  # a new link, by e-mail
    response = client.get(en_link)
    assert 'href="/en/member-area/mot-de-passe/oubli/"' in response.content.decode()
    assert logged_in_user_id(client) is None

    # From now on the person logs in by e-mail.
    assert log_in(client, "camille.nouvelle@example.org", NEW_PASSWORD).status_code == 302


def test_an_expired_invitation_can_be_replaced_by_a_password_reset(client, demo):
    client.force_login(user("redaction"))
    invite(client)
    client.logout()
    with override_settings(PASSWORD_RESET_TIMEOUT=-1):
        link = links(mail.outbox[0])[0]
        assert fr("Link expired or already used") in text(client.get(link))
    # The person, still without a password, asks for a link: it comes.
    client.post(PASSWORD_RESET, {"email": "camille.nouvelle@example.org"})
    assert len(mail.outbox) == 2
    reset_link = next(link for link in links(mail.outbox[1]) if "mot-de-passe/" in link)
    set_password_through(client, reset_link)
    assert log_in(client, "camille.nouvelle@example.org", NEW_PASSWORD).status_code == 302


def test_inviting_again_resends_a_fresh_link_and_the_first_one_dies(client, demo):
    client.force_login(user("redaction"))
    invite(client)
    invite(client, email="camille.nouvelle@example.org", role=Membership.Role.CONTRIBUTOR)
    accounts = get_user_model().objects.filter(email__iexact="camille.nouvelle@example.org")
    assert accounts.count() == 1
    membership = Membership.objects.get(user__email__iexact="camille.nouvelle@example.org")
    assert membership.role == Membership.Role.CONTRIBUTOR
    assert len(mail.outbox) == 2
    first, second = (links(message)[0] for message in mail.outbox)
    client.logout()
    assert fr("Link expired or already used") in text(client.get(first))
    assert set_password_through(client, second)["Location"] == MEMBER_SPACE


def test_inviting_an_existing_member_links_the_account_without_touching_its_password(
    client, demo
):
    client.force_login(user("redaction"))
    response = invite(client, email=OTHER_EMAIL.upper(), structure=structure("roue-libre").pk)
    assert response.status_code == 302
    member = user("membre-jardins")
    assert member.check_password(OTHER_PASSWORD)
    assert set(member.memberships.values_list("structure__slug", flat=True)) == {
        "jardins-du-maine", "roue-libre"
    }
    message = mail.outbox[0]
    assert message.subject.startswith("[APESS 53]")
    assert "Atelier vélo Roue Libre" in message.body
    assert not [link for link in links(message) if "/invitation/" in link]

    # Once more: refused, with the reason on the form.
    response = invite(client, email=OTHER_EMAIL, structure=structure("roue-libre").pk)
    assert response.status_code == 200
    with translation.override("fr"):
        expected = gettext(
            "%(email)s already has an account and is already a member of %(structure)s."
        ) % {"email": OTHER_EMAIL, "structure": "Atelier vélo Roue Libre"}
    assert expected in text(response)
    assert len(mail.outbox) == 1


def test_the_invitation_form_refuses_what_it_cannot_do(client, demo):
    client.force_login(user("redaction"))
    response = invite(client, email="not-an-address", structure="")
    assert response.status_code == 200
    page = text(response)
    assert fr("Enter a valid email address.") in page
    assert fr("This field is required.") in page
    assert not mail.outbox
    assert not Membership.objects.filter(user__email="not-an-address").exists()


@pytest.mark.parametrize("who", ["anonymous", "membre-roue-libre"])
def test_visitors_and_members_cannot_reach_the_invitation_form(client, demo, who):
    if who != "anonymous":
        client.force_login(user(who))
    for response in (client.get(INVITE), invite(client)):
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    assert not mail.outbox
    assert not get_user_model().objects.filter(email__iexact="camille.nouvelle@example.org")


def test_an_admin_user_without_the_membership_permission_is_turned_away(client, demo):
    moderator = user("moderation")
    assert not moderator.has_perm("directory.add_membership")
    client.force_login(moderator)
    response = client.get(INVITE)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert INVITE not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert invite(client).status_code == 302
    assert not mail.outbox
