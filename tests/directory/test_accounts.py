"""Member accounts: log in by e-mail, cool-off after failures, password reset, invitations."""

import datetime
import re
from urllib.parse import quote

import pytest
from axes.models import AccessAttempt
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from directory.models import Membership, StructurePage
from members.accounts.backends import client_ip

pytestmark = pytest.mark.django_db

LOGIN = "/fr/espace-membre/connexion/"
MEMBER_SPACE = "/fr/espace-membre/"
PASSWORD_RESET = "/fr/espace-membre/mot-de-passe/oubli/"
INVITE = "/admin/members/invite/"
MEMBER_EMAIL = "contact@roue-libre.example"
MEMBER_PASSWORD = "apess53-membre-roue-libre"
OTHER_EMAIL = "contact@jardins-du-maine.example"
OTHER_PASSWORD = "apess53-membre-jardins"
NEW_PASSWORD = "Velo-cargo-2025!"


def fr(msgid: str) -> str:
    """What a French visitor reads for an interface string (the catalogue's translation)."""
    with translation.override("fr"):
        return gettext(msgid)


def text(response) -> str:
    """The page's visible text, whitespace collapsed."""
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join((soup.find("main") or soup).get_text(" ").split())


def user(username: str):
    return get_user_model().objects.get(username=username)


def structure(slug: str) -> StructurePage:
    return StructurePage.objects.get(slug=slug, locale__language_code="fr")


def log_in(client, email: str, password: str):
    return client.post(LOGIN, {"email": email, "password": password})


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")


def links(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


def set_password_through(client, link: str, password: str = NEW_PASSWORD):
    """Open a one-time link like a browser, then choose a password on the page it leads to."""
    response = client.get(link)
    assert response.status_code == 302  # the token leaves the address bar (and Referer)
    form_url = response["Location"]
    assert "nouveau-mot-de-passe" in form_url
    assert client.get(form_url).status_code == 200
    return client.post(form_url, {"new_password1": password, "new_password2": password})


# Logging in ------------------------------------------------------------------------------


def test_the_login_page_asks_for_an_email_and_a_password(client, demo):
    response = client.get(LOGIN)
    assert response.status_code == 200
    form = BeautifulSoup(response.content, "html.parser").find("form", method="post")
    assert form.find("input", attrs={"name": "email", "type": "email"})
    assert form.find("input", attrs={"name": "password", "type": "password"})
    assert f'href="{PASSWORD_RESET}"' in response.content.decode()


def test_a_member_logs_in_by_email_whatever_its_case(client, demo):
    response = log_in(client, "  Contact@Roue-Libre.EXAMPLE ", MEMBER_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == MEMBER_SPACE
    assert logged_in_user_id(client) == str(user("membre-roue-libre").pk)
    assert "Atelier vélo Roue Libre" in text(client.get(MEMBER_SPACE))


def test_login_follows_next_within_the_site_only(client, demo):
    response = client.post(
        f"{LOGIN}?next=/fr/annuaire/", {"email": MEMBER_EMAIL, "password": MEMBER_PASSWORD}
    )
    assert response["Location"] == "/fr/annuaire/"
    client.logout()
    response = client.post(
        f"{LOGIN}?next=https://evil.example/",
        {"email": MEMBER_EMAIL, "password": MEMBER_PASSWORD},
    )
    assert response["Location"] == MEMBER_SPACE


@pytest.mark.parametrize(
    ("email", "password"),
    [(MEMBER_EMAIL, "wrong-password"), ("nobody@example.org", MEMBER_PASSWORD)],
)
def test_wrong_credentials_are_refused_with_one_french_message(client, demo, email, password):
    response = log_in(client, email, password)
    assert response.status_code == 200
    assert fr("Incorrect e-mail address or password.") in text(response)
    assert logged_in_user_id(client) is None


def test_an_address_shared_by_two_accounts_logs_nobody_in(client, demo):
    twin = get_user_model().objects.create_user(
        "homonyme", email=MEMBER_EMAIL.upper(), password=MEMBER_PASSWORD
    )
    response = log_in(client, MEMBER_EMAIL, MEMBER_PASSWORD)
    assert fr("Incorrect e-mail address or password.") in text(response)
    assert logged_in_user_id(client) is None
    twin.delete()
    assert log_in(client, MEMBER_EMAIL, MEMBER_PASSWORD).status_code == 302


def test_a_deactivated_account_cannot_log_in(client, demo):
    member = user("membre-roue-libre")
    member.is_active = False
    member.save()
    response = log_in(client, MEMBER_EMAIL, MEMBER_PASSWORD)
    assert fr("Incorrect e-mail address or password.") in text(response)
    assert logged_in_user_id(client) is None


def test_the_wagtail_admin_still_logs_in_by_username(client, demo):
    response = client.post(
        "/admin/login/", {"username": "redaction", "password": "apess53-redaction"}
    )
    assert response.status_code == 302
    assert logged_in_user_id(client) == str(user("redaction").pk)


def test_the_member_space_sends_visitors_to_the_login_page(client, demo):
    response = client.get(MEMBER_SPACE)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{LOGIN}?next=")
    assert client.get("/en/member-area/").status_code == 302
    assert client.get("/en/member-area/")["Location"].startswith("/en/member-area/connexion/")


def test_logout_is_a_post_and_says_so(client, demo):
    log_in(client, MEMBER_EMAIL, MEMBER_PASSWORD)
    assert client.get("/fr/espace-membre/deconnexion/").status_code == 405
    assert logged_in_user_id(client) is not None
    response = client.post("/fr/espace-membre/deconnexion/", follow=True)
    assert logged_in_user_id(client) is None
    assert response.redirect_chain[-1][0] == LOGIN
    assert fr("You are logged out. See you soon!") in text(response)


# Cool-off after repeated failures ---------------------------------------------------------


def fail(client, times: int, email: str = MEMBER_EMAIL):
    return [log_in(client, email, f"wrong-{number}") for number in range(times)]


def test_five_failures_pause_logins_even_with_the_right_password(client, demo):
    # Failures add up whatever the case of the address.
    responses = fail(client, 3) + fail(client, 1, MEMBER_EMAIL.upper())
    assert {response.status_code for response in responses} == {200}
    fail(client, 1, MEMBER_EMAIL.title())

    response = log_in(client, MEMBER_EMAIL, MEMBER_PASSWORD)
    assert response.status_code == 429
    page = text(response)
    assert fr("Too many failed attempts") in page
    assert "15" in page  # minutes
    assert fr("Get a new password") in page
    assert logged_in_user_id(client) is None

    # The pause is for this address from this connection, not for everyone.
    assert log_in(client, OTHER_EMAIL, OTHER_PASSWORD).status_code == 302


def test_failures_from_another_connection_do_not_pause_the_members_own(client, demo):
    """Someone who knows the member's address and fails five times from elsewhere pauses
    their own connection only: the pause counts an address *and* a connection."""
    attacker, attacker_ip, member_ip = client.__class__(), "203.0.113.66", "198.51.100.7"
    for number in range(5):
        attacker.post(LOGIN, {"email": MEMBER_EMAIL, "password": f"wrong-{number}"},
                      REMOTE_ADDR=attacker_ip)
    paused = attacker.post(LOGIN, {"email": MEMBER_EMAIL, "password": MEMBER_PASSWORD},
                           REMOTE_ADDR=attacker_ip)
    assert paused.status_code == 429

    response = client.post(LOGIN, {"email": MEMBER_EMAIL, "password": MEMBER_PASSWORD},
                           REMOTE_ADDR=member_ip)
    assert response.status_code == 302
    assert logged_in_user_id(client) == str(user("membre-roue-libre").pk)


def test_the_pause_ends_after_the_cool_off_period(client, demo):
    fail(client, 5)
    assert log_in(client, MEMBER_EMAIL, MEMBER_PASSWORD).status_code == 429
    # Fifteen minutes later (moved back in time rather than waited for).
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16)
    )
    response = log_in(client, MEMBER_EMAIL, MEMBER_PASSWORD)
    assert response.status_code == 302
    assert logged_in_user_id(client) == str(user("membre-roue-libre").pk)
    # A success clears the count: four new failures do not pause anything.
    client.logout()
    assert {r.status_code for r in fail(client, 4)} == {200}
    assert log_in(client, MEMBER_EMAIL, MEMBER_PASSWORD).status_code == 302


def test_a_success_clears_the_failures_of_a_member_whose_username_is_not_the_email(
    client, demo
):
    """Members log in by e-mail, their accounts have another username (membre-roue-libre):
    the success must still clear the failures counted under the address."""
    assert user("membre-roue-libre").get_username() != MEMBER_EMAIL
    assert {r.status_code for r in fail(client, 4)} == {200}
    assert log_in(client, MEMBER_EMAIL, MEMBER_PASSWORD).status_code == 302
    client.logout()
    assert {r.status_code for r in fail(client, 4)} == {200}
    assert log_in(client, MEMBER_EMAIL, MEMBER_PASSWORD).status_code == 302
    assert logged_in_user_id(client) == str(user("membre-roue-libre").pk)


def test_a_success_clears_only_the_failures_of_its_own_connection(client, demo):
    elsewhere = "198.51.100.20"
    for number in range(4):
        client.post(LOGIN, {"email": MEMBER_EMAIL, "password": f"wrong-{number}"},
                    REMOTE_ADDR=elsewhere)
    assert log_in(client, MEMBER_EMAIL, MEMBER_PASSWORD).status_code == 302
    client.logout()
    client.post(LOGIN, {"email": MEMBER_EMAIL, "password": "wrong-5"}, REMOTE_ADDR=elsewhere)
    response = client.post(LOGIN, {"email": MEMBER_EMAIL, "password": MEMBER_PASSWORD},
                           REMOTE_ADDR=elsewhere)
    assert response.status_code == 429


def test_the_wagtail_admin_login_cools_off_too(client, demo):
    for number in range(5):
        client.post("/admin/login/", {"username": "redaction", "password": f"wrong-{number}"})
    response = client.post(
        "/admin/login/", {"username": "Redaction", "password": "apess53-redaction"}
    )
    assert response.status_code == 429
    assert logged_in_user_id(client) is None


def test_trying_again_during_the_pause_does_not_extend_it(client, demo):
    fail(client, 5)
    paused_at = AccessAttempt.objects.get().attempt_time
    for _ in range(3):
        assert log_in(client, MEMBER_EMAIL, MEMBER_PASSWORD).status_code == 429
    assert AccessAttempt.objects.get().attempt_time == paused_at


@override_settings(AXES_COOLOFF_TIME=datetime.timedelta(milliseconds=1))
def test_the_pause_is_a_cool_off_not_a_lock_out(client, demo):
    fail(client, 6)
    response = log_in(client, MEMBER_EMAIL, MEMBER_PASSWORD)
    assert response.status_code == 302


def test_a_new_password_ends_the_pause(client, demo):
    fail(client, 5)
    client.post(PASSWORD_RESET, {"email": MEMBER_EMAIL})
    fr_link = links(mail.outbox[0])[0]
    set_password_through(client, fr_link)
    assert log_in(client, MEMBER_EMAIL, NEW_PASSWORD).status_code == 302


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


# Which address is counted -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.1"),  # no proxy: a client's header is ignored
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "203.0.113.9, 198.51.100.7", "198.51.100.7"),  # the left part is the client's
        (2, "203.0.113.9, 198.51.100.7", "203.0.113.9"),
        (2, "", "10.0.0.1"),
    ],
)
def test_the_client_address_behind_trusted_proxies(rf, proxies, forwarded_for, expected):
    request = rf.post(LOGIN, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for)
    with override_settings(TRUSTED_PROXY_COUNT=proxies):
        assert client_ip(request) == expected


HOSTILE_NEXT = {
    "login-itself": LOGIN,
    "login-itself-with-query": f"{LOGIN}?next={LOGIN}",
    "english-login": "/en/member-area/connexion/",
    "logout": "/fr/espace-membre/deconnexion/",
    "english-logout": "/en/member-area/deconnexion/",
    "external": "https://evil.example/",
    "scheme-relative": "//evil.example/",
    "backslashes": "/\\evil.example/",
    "javascript": "javascript:alert(1)",
}


@pytest.mark.parametrize("next_url", HOSTILE_NEXT.values(), ids=HOSTILE_NEXT.keys())
def test_a_logged_in_member_opening_the_login_page_goes_to_the_member_space(client, next_url):
    client.raise_request_exception = False
    client.force_login(user("membre-roue-libre"))
    response = client.get(LOGIN, {"next": next_url})
    assert response.status_code == 302, response.status_code
    assert response.url == MEMBER_SPACE
    assert client.get(response.url).status_code == 200
    assert logged_in_user_id(client)  # still logged in


@pytest.mark.parametrize("next_url", HOSTILE_NEXT.values(), ids=HOSTILE_NEXT.keys())
def test_logging_in_with_a_hostile_next_leads_to_the_member_space(client, next_url):
    client.raise_request_exception = False
    response = client.post(f"{LOGIN}?next={quote(next_url, safe='')}",
                           {"email": MEMBER_EMAIL, "password": MEMBER_PASSWORD})
    assert response.status_code == 302, response.status_code
    assert response.url == MEMBER_SPACE
    assert logged_in_user_id(client)


def test_a_sound_next_is_still_followed(client):
    client.force_login(user("membre-roue-libre"))
    response = client.get(LOGIN, {"next": "/fr/espace-membre/annonces/"})
    assert response.status_code == 302 and response.url == "/fr/espace-membre/annonces/"
