"""The sitemap: every language's pages, each with its translations as hreflang alternates.

Wagtail's sitemap walks the site's root page, the French tree only: the English pages were
missing. Real translations are listed in both languages and name each other; untranslated
aliases are not listed (they repeat their source's words, and say so with a canonical link
to it), nor anything a view restriction hides, aliases included (core/visibility.py).
"""

from collections import defaultdict

from django.db.models import F, Q

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from core.visibility import visible


def untranslated_aliases_q() -> Q:
    return Q(alias_of__isnull=False) & ~Q(alias_of__locale_id=F("locale_id"))


class TranslatedSitemap(Sitemap):
    def items(self):
        homes = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_tree = Q()
        for home in homes:
            in_a_tree |= Q(path__startswith=home.path)
        pages = visible(Page.objects.live().filter(in_a_tree).exclude(untranslated_aliases_q()))
        return pages.order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        versions = defaultdict(list)
        for version in visible(
            Page.objects.live().filter(translation_key__in={item.translation_key for item in items})
            .exclude(untranslated_aliases_q()).select_related("locale")
        ):
            versions[version.translation_key].append(version)
        urls = []
        for item in items:
            alternates = [
                {"lang_code": version.locale.language_code,
                 "location": version.get_full_url(self.request)}
                for version in versions[item.translation_key]
            ]
            for url_info in item.get_sitemap_urls(self.request):
                if len(alternates) > 1:
                    url_info = {**url_info, "alternates": alternates}
                urls.append(url_info)
        last_mods = {url_info.get("lastmod") for url_info in urls}
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
