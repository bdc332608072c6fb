"""What visitors search for, counted per day (the admin's "Searches on the site" report)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

QUERY_MAX_LENGTH = 256


class QueryLog(models.Model):
    """How many times one query was searched on one day in one language, and how often in vain.

    Counts only: no visitor, address or session is kept, so the log holds no personal data
    beyond what visitors typed; `stats.purge_query_log` bounds how long even that is kept.
    """

    day = models.DateField(_("day"))
    query = models.CharField(_("query"), max_length=QUERY_MAX_LENGTH)
    language = models.CharField(_("language"), max_length=16)
    searches = models.PositiveIntegerField(_("searches"), default=0)
    empty_searches = models.PositiveIntegerField(_("searches without result"), default=0)

    class Meta:
        verbose_name = _("search query log")
        verbose_name_plural = _("search query logs")
        constraints = [
            # `day` first: the index behind this constraint is also the report's (one window of
            # days, grouped by query and language) and the purge's; a second index on the same
            # columns would only slow down the write every search makes.
            models.UniqueConstraint(
                fields=["day", "query", "language"], name="search_querylog_day_query_language"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.language} {self.query}"
