"""Editorial models, split by concept (wagtail.org habit)."""

from .events import EventIndexPage, EventPage
from .news import NewsCategory, NewsIndexPage, NewsPage, NewsPageTag
from .pages import HomePage, StandardPage
from .settings import SiteSettings

__all__ = [
    "EventIndexPage",
    "EventPage",
    "HomePage",
    "NewsCategory",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "SiteSettings",
    "StandardPage",
]
