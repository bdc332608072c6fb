"""What a listing is allowed to be: its kinds and statuses and the bounds of its fields."""

import datetime
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

SUMMARY_MAX_LENGTH = 300
DESCRIPTION_MAX_LENGTH = 10_000
DEFAULT_VALIDITY = datetime.timedelta(days=90)
MAX_VALIDITY = datetime.timedelta(days=365)
MAX_IMAGES = 4
# Upper bounds of one exchange in the impact figures. The network's structures are small:
# a year of half-time shared staff is about 800 hours and 25,000 €, a van given about
# 30,000 €. A million euros or 10,000 hours (six full-time years) is more than any exchange
# between them, and far less than a typing slip or a forgery that would drown the total.
MAX_EXCHANGE_VALUE = Decimal(1_000_000)
MAX_EXCHANGE_HOURS = Decimal(10_000)


class ListingStatus(models.TextChoices):
    OPEN = "open", _("Open")
    FULFILLED = "fulfilled", _("Fulfilled")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ListingKind(models.TextChoices):
    OFFER = "offer", _("Offer")
    REQUEST = "request", _("Request")
