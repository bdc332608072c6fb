"""Log in, log out, forgotten password and invitation acceptance (Django's auth views)."""

from urllib.parse import urlsplit

from axes.utils import reset as reset_failed_logins

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.shortcuts import resolve_url
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.ratelimit import RateLimit, client_ip

from .backends import axes_username
from .forms import LoginForm, PasswordResetForm
from .invitations import invitation_token_generator

TEMPLATES = "members/accounts/"
EMAIL_BACKEND_PATH = "members.accounts.backends.EmailBackend"


def forget_failed_logins(user) -> None:
    """A new password ends the cool-off: whoever set it reads the account's e-mail."""
    for identifier in {user.email, user.get_username()}:
        username = axes_username(None, {settings.AXES_USERNAME_FORM_FIELD: identifier})
        if username:
            reset_failed_logins(username=username)


def account_pages() -> set[str]:
    """The log-in and log-out pages in every language: no place to go once logged in."""
    paths = set()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            paths.update(reverse(name) for name in ("members:login", "members:logout"))
    return paths


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = TEMPLATES + "login.html"
    redirect_authenticated_user = True

    def get_redirect_url(self) -> str:
        """`?next=`, if it is a safe page of this site other than logging in or out (the
        log-in page sent a logged-in member to itself; the log-out one answers only POST)."""
        url = super().get_redirect_url()  # "" unless on this site (Django's check)
        if url and urlsplit(url).path in account_pages():
            return ""
        return url


class LogoutView(auth_views.LogoutView):
    """POST only (Django's view): a link or a prefetch cannot log anyone out."""

    next_page = "members:login"

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("You are logged out. See you soon!"))
        return response


def password_reset_limits() -> tuple[RateLimit, RateLimit]:
    """Requests per address and per client IP (settings may change the numbers)."""
    limit = settings.PASSWORD_RESET_RATE_LIMIT
    window = settings.PASSWORD_RESET_RATE_WINDOW
    return (
        RateLimit("password-reset-email", limit, window),
        RateLimit("password-reset-ip", limit, window),
    )


class PasswordResetView(auth_views.PasswordResetView):
    """Asks for an address; says the same thing whether an account has it or not.

    At most 5 requests an hour for an address and from a client: a mailbox cannot be flooded
    with links, nor the mail server used to send them by the thousand.
    """

    form_class = PasswordResetForm
    template_name = TEMPLATES + "password_reset_form.html"
    success_url = reverse_lazy("members:password_reset_done")
    title = _("Forgotten password")

    def form_valid(self, form):
        by_email, by_ip = password_reset_limits()
        counted = [(by_email, form.cleaned_data["email"].strip().lower()),
                   (by_ip, client_ip(self.request))]
        refused = [(limit, key) for limit, key in counted if not limit.hit(key)]
        if refused:
            form.add_error(None, ValidationError(
                _("Too many password reset requests. Please wait an hour and try again, or "
                  "contact APESS 53."),
                code="rate_limit",
            ))
            response = self.form_invalid(form)
            response.status_code = 429
            # Each limit's window ends at its own time (core/ratelimit.py): the latest.
            response["Retry-After"] = str(max(limit.retry_after(key) for limit, key in refused))
            return response
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = TEMPLATES + "password_reset_done.html"
    title = _("Check your e-mail")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = TEMPLATES + "password_reset_confirm.html"
    success_url = reverse_lazy("members:password_reset_complete")
    reset_url_token = "nouveau-mot-de-passe"
    title = _("Choose a new password")

    def form_valid(self, form):
        response = super().form_valid(form)
        forget_failed_logins(form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = TEMPLATES + "password_reset_complete.html"
    title = _("Password changed")


class AcceptInvitationView(PasswordResetConfirmView):
    """The invitation's one-time link: set a first password, then enter the member space."""

    template_name = TEMPLATES + "accept_invitation.html"
    token_generator = invitation_token_generator
    post_reset_login = True
    post_reset_login_backend = EMAIL_BACKEND_PATH
    title = _("Welcome to the APESS 53 member area")

    def get_success_url(self) -> str:
        return resolve_url(settings.LOGIN_REDIRECT_URL)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context.get("validlink"):
            context["memberships"] = self.user.memberships.select_related("structure")
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(
            self.request, _("Your password is set: welcome to the APESS 53 member area.")
        )
        return response
