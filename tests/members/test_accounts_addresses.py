"""Member accounts: which client address is counted, and where a hostile next leads."""

from urllib.parse import quote

import pytest

from django.test import override_settings

from members.accounts.backends import client_ip

from .account_helpers import (
    LOGIN,
    MEMBER_EMAIL,
    MEMBER_PASSWORD,
    MEMBER_SPACE,
    logged_in_user_id,
    user,
)

pytestmark = pytest.mark.django_db


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
