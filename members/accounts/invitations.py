"""Invitations: an editor links a person to a structure; the person sets a first password.

The link carries a one-time token (Django's password-reset mechanism with its own salt):
it stops working as soon as a password is set, or after `PASSWORD_RESET_TIMEOUT`.

Account e-mails (invitation, password reset) are sent at once, not through django-tasks:
they carry one-time secrets that must not be stored in the task queue's table.
"""

import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import HttpRequest
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from core.emails import render_email
from directory.models import Membership, StructurePage

logger = logging.getLogger(__name__)

SUBJECT_PREFIX = "[APESS 53]"
# French first, then English: the recipient's language is not known yet.
EMAIL_LANGUAGES = ("fr", "en")
USERNAME_MAX_LENGTH = 150


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Same guarantees as the password-reset token, but a reset token is not an invitation."""

    # The module's path before members/ existed: a new salt would void the links already sent.
    key_salt = "directory.accounts.invitations.InvitationTokenGenerator"


invitation_token_generator = InvitationTokenGenerator()


def bilingual_email(template_prefix: str, context: dict) -> tuple[str, str]:
    """Subject and body of `<prefix>_subject.txt` / `<prefix>_body.txt`, in French then English.

    Each part is rendered with its language active, so `{% url %}` gives /fr/… then /en/….
    """
    subjects, bodies = [], []
    for language in EMAIL_LANGUAGES:
        subject, body = render_email(
            template_prefix, {**context, "email_language": language}, language
        )
        subjects.append(subject)
        bodies.append(body.strip())
    # Until a string is translated both parts read the same: say it once.
    subject = " / ".join(dict.fromkeys(subjects))
    body = "\n\n" + "-" * 70 + "\n\n"
    body = body.join(dict.fromkeys(bodies)) + "\n"
    return f"{SUBJECT_PREFIX} {subject}", body


def send_bilingual_email(template_prefix: str, context: dict, to: str) -> bool:
    subject, body = bilingual_email(template_prefix, context)
    try:
        EmailMessage(subject=subject, body=body, to=[to]).send()
    except Exception as error:  # any backend failure: SMTP down, refused, timeout…
        logger.warning("Account e-mail %s not sent: %s", template_prefix, error)
        return False
    return True


def username_for(email: str) -> str:
    """A free username derived from the e-mail address (people log in by e-mail)."""
    User = get_user_model()
    base = re.sub(r"[^\w.@+-]", "", email.lower())[: USERNAME_MAX_LENGTH - 10] or "membre"
    candidate, number = base, 1
    while User._default_manager.filter(username__iexact=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


@dataclass
class Invitation:
    user: object
    membership: Membership
    created_user: bool
    needs_password: bool
    sent: bool = False


class InvitationError(ValidationError):
    """A refusal the editor can act on: its message is shown on the form."""


def find_account(email: str):
    """The single account with this address (any case), None, or an error if ambiguous."""
    User = get_user_model()
    accounts = list(
        User._default_manager.filter(**{f"{User.get_email_field_name()}__iexact": email})[:2]
    )
    if len(accounts) > 1:
        raise InvitationError(
            _("Several accounts use this e-mail address. Keep only one (in Users) before "
              "inviting this person."),
            code="several_accounts",
        )
    return accounts[0] if accounts else None


@transaction.atomic
def invite(
    *, email: str, first_name: str, last_name: str, structure: StructurePage, role: str,
) -> Invitation:
    """Create (or reuse) the account and its membership. Sending is `send_invitation`'s job."""
    email = email.strip()
    user = find_account(email)
    created_user = user is None
    if created_user:
        User = get_user_model()
        user = User(
            username=username_for(email), email=email,
            first_name=first_name.strip(), last_name=last_name.strip(),
        )
        user.set_unusable_password()
        user.save()
    else:
        if not user.is_active:
            raise InvitationError(
                _("The account with this e-mail address is deactivated. Reactivate it in "
                  "Users first."),
                code="inactive",
            )
        changed = []
        for field, value in (("first_name", first_name), ("last_name", last_name)):
            if value.strip() and not getattr(user, field):
                setattr(user, field, value.strip())
                changed.append(field)
        if changed:
            user.save(update_fields=changed)
    membership = Membership.objects.filter(user=user, structure=structure).first()
    needs_password = not user.has_usable_password()
    if membership is None:
        membership = Membership.objects.create(user=user, structure=structure, role=role)
    elif needs_password:
        # Invited before but never came: a fresh link (the earlier ones stop working, as a
        # new unusable password changes the token's hash), with the role chosen now.
        user.set_unusable_password()
        user.save(update_fields=["password"])
        if membership.role != role:
            membership.role = role
            membership.save(update_fields=["role"])
    else:
        raise InvitationError(
            _("%(email)s already has an account and is already a member of %(structure)s."),
            code="already_member",
            params={"email": user.email, "structure": structure.title},
        )
    return Invitation(user, membership, created_user, needs_password)


def send_invitation(invitation: Invitation, request: HttpRequest, inviter=None) -> bool:
    """E-mail the person: a link to set a first password, or (if it has one) to log in."""
    user = invitation.user
    context = {
        "user": user,
        "structure": invitation.membership.structure,
        "role": Membership.Role(invitation.membership.role),
        "inviter": (inviter.get_full_name() or inviter.get_username()) if inviter else "",
        "base_url": f"{request.scheme}://{request.get_host()}",
        "timeout_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }
    if invitation.needs_password:
        context["uidb64"] = urlsafe_base64_encode(force_bytes(user.pk))
        context["token"] = invitation_token_generator.make_token(user)
        template = "members/accounts/emails/invitation"
    else:
        template = "members/accounts/emails/membership_added"
    invitation.sent = send_bilingual_email(template, context, user.email)
    return invitation.sent
