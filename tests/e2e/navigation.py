"""Opening a page and waiting until it has settled, without Playwright's "networkidle".

"networkidle" waits for half a second without any request, for at most the tab's timeout;
on a loaded CI machine it once ran out on a page whose every request had been answered or
was still on its way, and said nothing of which. Here the wait is for what the page itself
does after "load" (the directory's map fetches its points), and a timeout names the requests
still pending.
"""

from playwright.sync_api import Error, Page, Response

UNSETTLED_MAPS = "[data-map-source]:not([data-map-state])"


def visit(page: Page, url: str) -> Response | None:
    """Go to `url`, wait for the document, its resources and the maps' fetches."""
    pending: dict[int, str] = {}
    page.on("request", lambda request: pending.__setitem__(id(request), request.url))
    for event in ("requestfinished", "requestfailed"):
        page.on(event, lambda request: pending.pop(id(request), None))
    try:
        response = page.goto(url, wait_until="load")
        page.wait_for_function(
            f"() => !document.querySelector({UNSETTLED_MAPS!r})", polling=100
        )
    except Error as error:
        raise AssertionError(f"{url} did not settle; still pending: {sorted(pending.values())}"
                             ) from error
    return response
