"""Which pages the public may see: Wagtail's view restrictions, extended to aliases.

Wagtail's `.public()` (and its API) hides a restricted page and what lies below it in the
tree, but the synchronised tree's aliases live in another branch: the English alias of a
private French page, and what is below that alias, would stay public in every list, search
and export. Serving a page already follows its source's restrictions
(`Page.get_view_restrictions`); the lists follow them here. An alias and its source share
their restrictions both ways.
"""

from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Q

from wagtail.models import Page, PageViewRestriction


def restricted_q(restrictions: Iterable[PageViewRestriction] | None = None) -> Q:
    """Pages hidden by `restrictions` (every one if None): the restricted pages and their
    descendants, the aliases of those and the sources they alias (with their descendants),
    and the aliases of any hidden page. An empty Q (nothing hidden) when there is none."""
    if restrictions is None:
        rows = list(PageViewRestriction.objects.values_list(
            "page_id", "page__path", "page__alias_of__path"
        ))
    else:
        rows = [(r.page_id, r.page.path, r.page.alias_of.path if r.page.alias_of_id else None)
                for r in restrictions]
    if not rows:
        return Q()
    prefixes = {path for _pk, path, _source in rows}
    prefixes |= {source for _pk, _path, source in rows if source}
    prefixes |= set(
        Page.objects.filter(alias_of_id__in=[pk for pk, *_rest in rows])
        .values_list("path", flat=True)
    )
    # Nested restrictions: a prefix below another adds nothing.
    kept = [path for path in sorted(prefixes)
            if not any(path != other and path.startswith(other) for other in prefixes)]
    condition = Q()
    for path in kept:
        condition |= Q(path__startswith=path) | Q(alias_of__path__startswith=path)
    return condition


def visible(pages, restrictions: Iterable[PageViewRestriction] | None = None):
    """`pages` without those `restricted_q(restrictions)` hides."""
    condition = restricted_q(restrictions)
    return pages.exclude(condition) if condition else pages



def _ancestor_paths(path: str) -> list[str]:
    """The paths of a page and of its ancestors, read from its own path (no query)."""
    return [path[:length] for length in range(Page.steplen, len(path) + 1, Page.steplen)]


class AliasRestrictionsMixin:
    """For page models: serving a page checks the restrictions over it, over the sources of
    the aliases among it and its ancestors (and their sections), and over the aliases of it
    and its ancestors, in one query. Wagtail's own check follows an alias to its source but
    not to the source's section: the English alias of a French news page, under a translated
    English news index, was public although the French news index is private."""

    def get_view_restrictions(self):
        paths = _ancestor_paths(self.path)
        above_source = Page.objects.filter(
            path__in=paths, alias_of__isnull=False,
            alias_of__path__startswith=OuterRef("page__path"),
        )
        alias_below = Page.objects.filter(
            alias_of__path__in=paths, path__startswith=OuterRef("page__path"),
        )
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths) | Q(Exists(above_source)) | Q(Exists(alias_below))
        )
