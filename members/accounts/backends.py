"""Authentication by e-mail address (the member login form), beside Django's by username.

`AUTHENTICATION_BACKENDS` runs axes' backend first (refuses while a client is cooling
off), then this one (`authenticate(request, email=…, password=…)`), then Django's
`ModelBackend` (`username=…`, the Wagtail admin's login form).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from core.ratelimit import client_ip

__all__ = ["EmailBackend", "axes_username", "client_ip", "normalize_email"]


def normalize_email(email: str | None) -> str:
    return (email or "").strip()


class EmailBackend(ModelBackend):
    """Find the account by its e-mail address, whatever its case.

    Several accounts may share an address (Django does not forbid it): the backend then
    refuses to log anyone in rather than guess which account was meant.
    """

    def authenticate(
        self, request: HttpRequest | None, email: str | None = None,
        password: str | None = None, **kwargs,
    ):
        email = normalize_email(email)
        if not email or password is None:
            return None
        User = get_user_model()
        candidates = list(
            User._default_manager.filter(**{f"{User.get_email_field_name()}__iexact": email})[:2]
        )
        if len(candidates) != 1:
            # Run the hasher anyway, so that the response time does not tell whether an
            # address has an account (as ModelBackend does for unknown usernames).
            User().set_password(password)
            return None
        user = candidates[0]
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def axes_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The identifier axes counts failures for: the e-mail (or username), case-folded.

    `AXES_USERNAME_CALLABLE`: "Contact@…" and "contact@…" are the same person, so their
    failures add up. The Wagtail admin logs in by username: axes stores it under the same
    key (`AXES_USERNAME_FORM_FIELD`).
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    value = None
    if credentials:
        value = credentials.get(field) or credentials.get("username")
    if value is None and request is not None:
        data = getattr(request, "data", None) or getattr(request, "POST", {})
        value = data.get(field) or data.get("username")
    if not value:
        return None
    return str(value).strip().lower()
