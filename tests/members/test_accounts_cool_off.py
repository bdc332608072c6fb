"""Member accounts: cool-off after repeated failures."""

import datetime

import pytest
from axes.models import AccessAttempt

from django.core import mail
from django.test import override_settings

from .account_helpers import (
    LOGIN,
    MEMBER_EMAIL,
    MEMBER_PASSWORD,
    NEW_PASSWORD,
    OTHER_EMAIL,
    OTHER_PASSWORD,
    PASSWORD_RESET,
    fr,
    links,
    log_in,
    logged_in_user_id,
    set_password_through,
    text,
    user,
)

pytestmark = pytest.mark.django_db


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
