"""RSS 2.0 and Atom 1.0 feeds of the news index (Django's syndication framework)."""

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

FEED_LENGTH = 20


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index_page) -> None:
        super().__init__()
        self.index_page = index_page

    def get_object(self, request: HttpRequest, *args, **kwargs):
        self.request = request
        return self.index_page

    def title(self, obj) -> str:
        return f"{obj.title} – APESS 53"

    def link(self, obj) -> str:
        return obj.get_url(self.request)

    def description(self, obj) -> str:
        return obj.intro or _("News of the social and solidarity economy in Mayenne")

    subtitle = description

    def items(self, obj):
        return obj.news()[:FEED_LENGTH]

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        return item.intro

    def item_link(self, item) -> str:
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [item.category.name] if item.category_id else []


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
