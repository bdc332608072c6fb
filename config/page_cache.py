"""Where production's anonymous page cache sits in MIDDLEWARE (no Django import: settings
use it)."""


def with_page_cache(middleware: list[str]) -> list[str]:
    """`middleware` with the anonymous page cache: storing first (it sees the final response,
    every header set), serving just before axes, after authentication."""
    chain = ["config.middleware.AnonymousUpdateCacheMiddleware", *middleware]
    chain.insert(
        chain.index("axes.middleware.AxesMiddleware"),
        "config.middleware.AnonymousFetchFromCacheMiddleware",
    )
    return chain
