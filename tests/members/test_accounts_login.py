"""Member accounts: log in by e-mail, log out."""


import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model

from .account_helpers import (
    LOGIN,
    MEMBER_EMAIL,
    MEMBER_PASSWORD,
    MEMBER_SPACE,
    PASSWORD_RESET,
    fr,
    log_in,
    logged_in_user_id,
    text,
    user,
)

pytestmark = pytest.mark.django_db


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
