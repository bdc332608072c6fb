"""Where production's anonymous page cache sits in MIDDLEWARE (no Django import: settings
use it)."""


FORM_TOKENS = "home.form_token.FormTokenMiddleware"


def with_page_cache(middleware: list[str]) -> list[str]:
    """`middleware` with the anonymous page cache: storing right inside the form tokens'
    middleware (it sees the final response, every header set, but each form's token still a
    placeholder), serving just before axes, after authentication."""
    chain = list(middleware)
    chain.insert(chain.index(FORM_TOKENS) + 1, "config.middleware.AnonymousUpdateCacheMiddleware")
    chain.insert(
        chain.index("axes.middleware.AxesMiddleware"),
        "config.middleware.AnonymousFetchFromCacheMiddleware",
    )
    return chain
