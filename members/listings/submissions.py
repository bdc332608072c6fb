"""The new-listing form's one-time token: sent again (a double click, a reload, a retry after
a slow answer), the same form leads to the listing it created instead of a duplicate."""

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from cooperation.models import ListingSubmission

SUBMISSION_TOKEN = "submission_token"


def submission_token(request: HttpRequest) -> uuid.UUID | None:
    """The one-time token the new-listing form carries (None if absent or forged)."""
    try:
        return uuid.UUID(request.POST.get(SUBMISSION_TOKEN, ""))
    except ValueError:
        return None


def already_sent(request: HttpRequest, token: uuid.UUID) -> HttpResponse | None:
    """The same form sent again: lead to the listing it created, never make a second one."""
    submission = ListingSubmission.objects.filter(token=token).first()
    if submission is None:
        return None
    list(messages.get_messages(request))  # those of a rolled-back attempt, if any
    messages.info(request, _("This listing was already sent: it is in your listings below."))
    url = reverse("members:listings")
    if submission.user_id == request.user.pk:
        url += f"#listing-{submission.listing_id}"
    return HttpResponseRedirect(url)
