"""Where production's anonymous page cache sits in MIDDLEWARE (no Django import: settings
use it)."""


# What is done for each visitor even when the page comes from the cache: first in MIDDLEWARE,
# outside the page cache (home/form_token.py, search/stats.py).
PER_VISITOR = ["core.form_token.FormTokenMiddleware", "search.stats.SearchCountMiddleware"]


def with_page_cache(middleware: list[str]) -> list[str]:
    """`middleware` with the anonymous page cache: storing right inside the per-visitor
    middleware (it sees the final response, every header set, but each form's token still a
    placeholder and each search not yet counted), serving just before axes, after
    authentication."""
    chain = list(middleware)
    inside = max(chain.index(name) for name in PER_VISITOR) + 1
    chain.insert(inside, "config.middleware.AnonymousUpdateCacheMiddleware")
    chain.insert(
        chain.index("axes.middleware.AxesMiddleware"),
        "config.middleware.AnonymousFetchFromCacheMiddleware",
    )
    return chain
