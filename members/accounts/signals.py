"""A successful login ends the failures counted against that person, however they typed it.

Axes' own `AXES_RESET_ON_SUCCESS` looks the failures up by the account's *username*, but
members log in by e-mail (`AXES_USERNAME_FORM_FIELD = "email"`): their failures are stored
under the address and were never reset. This resets both names, for the connection that
logged in only (the pause is per address *and* connection: `AXES_LOCKOUT_PARAMETERS`), so
that someone else's failures elsewhere still count.
"""

from axes.utils import reset as reset_failed_logins

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from core.ratelimit import client_ip

from .backends import axes_username


@receiver(user_logged_in)
def forget_failures_on_success(sender, request: HttpRequest | None, user, **kwargs) -> None:
    if request is None or not settings.AXES_RESET_ON_SUCCESS:
        return
    ip = client_ip(request)
    for identifier in {user.email, user.get_username()}:
        username = axes_username(None, {settings.AXES_USERNAME_FORM_FIELD: identifier})
        if username and ip:
            reset_failed_logins(ip=ip, username=username)
