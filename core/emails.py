"""E-mails rendered from a pair of templates ("<prefix>_subject.txt", "<prefix>_body.txt") and
sent through Django's mail backend: one subject-cleaning rule for the whole site."""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation


def one_line(text: str) -> str:
    """A subject on one line, whatever a member typed in a title: a line break would start a
    new header."""
    return " ".join(text.split())


def render_email(template_prefix: str, context: dict, language: str | None = None
                 ) -> tuple[str, str]:
    """Subject (one line) and body of `template_prefix`, in `language` (else the active one)."""
    with translation.override(language or translation.get_language()):
        subject = one_line(render_to_string(f"{template_prefix}_subject.txt", context))
        body = render_to_string(f"{template_prefix}_body.txt", context)
    return subject, body


def templated_email(template_prefix: str, context: dict, to: list[str],
                    language: str | None = None, **kwargs) -> EmailMessage:
    """The message, not sent (to send several over one connection, or to add headers)."""
    subject, body = render_email(template_prefix, context, language)
    return EmailMessage(subject=subject, body=body, to=to, **kwargs)


def send_templated_email(template_prefix: str, context: dict, to: list[str],
                         language: str | None = None, fail_silently: bool = False) -> int:
    """Render and send; returns how many messages went out (0 or 1)."""
    message = templated_email(template_prefix, context, to, language)
    return message.send(fail_silently=fail_silently)
