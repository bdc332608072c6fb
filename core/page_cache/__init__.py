"""The anonymous page cache of production: Django's cache middleware for visitors who are not
logged in, keyed without the CSRF cookie (middleware.py), emptied whenever published content
changes (purge.py, connected by CoreConfig.ready()).

Home-made: wagtail-cache (3.0.0, its latest, supports Wagtail up to 7.0; purges from admin
hooks one writes, keys with the CSRF cookie) and `wagtail.contrib.frontend_cache` (purges a CDN
or proxy the site does not run) would each still need this purge and this key.

This module holds only what settings need, so it imports nothing from Django.
"""

from collections.abc import Sequence

UPDATE = "core.page_cache.middleware.AnonymousUpdateCacheMiddleware"
FETCH = "core.page_cache.middleware.AnonymousFetchFromCacheMiddleware"


def with_page_cache(middleware: Sequence[str], per_visitor: Sequence[str]) -> list[str]:
    """`middleware` with the anonymous page cache: storing right inside `per_visitor` (what is
    done for each visitor even on a page from the cache, such as filling in each form's token
    or counting a search: the cache sees the final response, every header set, but each
    token still a placeholder and each search not yet counted), serving just before axes,
    after authentication."""
    chain = list(middleware)
    inside = max(chain.index(name) for name in per_visitor) + 1
    chain.insert(inside, UPDATE)
    chain.insert(chain.index("axes.middleware.AxesMiddleware"), FETCH)
    return chain
