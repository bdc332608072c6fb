"""Bulk insertion of pages for `load_scale` (home/scale.py and each app's `scale` module).

- `add_children()` inserts thousands of pages of one model under a parent in a few bulk
  queries: it computes the treebeard fields (`path`, `depth`, `numchild`) and Wagtail's
  `url_path` itself, inserts the `wagtailcore_page` rows with `bulk_create`, then each
  child table's rows, and adds the count to the parent's `numchild`. No signal is sent.
- `add_aliases()` gives those pages their aliases in the synchronised locales (English),
  in bulk too, as wagtail-localize would have made them one by one (see below).
- `tree_problems()` checks the whole tree afterwards in one query.

Aliases. Every French page has its alias in each synchronised locale (README, "Languages"):
wagtail-localize makes it with `copy_for_translation(alias=True)`, i.e. `Page.create_alias()`,
and `home/translation_sync.py` does the same when code publishes a page. Bulk inserts send
no signal, and one `create_alias()` per page (a dozen queries each, with treebeard's
`add_child`) would take longer than the whole load, so `add_aliases()` builds the same rows
in bulk, following `CreatePageAliasAction._create_alias()`:

- every field of the specific page, except the tree's own (`path`, `depth`, `numchild`,
  `url_path`) and `latest_revision` (an alias has no revision), with `alias_of` the source,
  the target locale, the same `translation_key` and slug, `draft_title` = title and
  `has_unpublished_changes` = not live;
- under the target locale's version of the parent (made as an alias first if missing, as
  `copy_for_translation(copy_parents=True)` does);
- the many-to-many rows (ParentalManyToManyField and plain ones), pointing to the same
  objects as the source's, as `_copy()` / `_copy_m2m_relations()` do;
- the child objects (tags, images…: `copy_all_child_relations()`), translatable ones moved
  to the target locale; Wagtail's admin comments are not copied (an alias is not edited);
- then the aliases' own followers, as wagtail-localize's `create_aliases_for_new_page()`
  recurses.

Like the source pages, the aliases have no revision and are not indexed here (`load_scale`
rebuilds the index afterwards). View restrictions are not copied: bulk pages have none.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from treebeard.numconv import NumConv

from django.contrib.contenttypes.models import ContentType
from django.db import connections, models, router
from django.db.models import F, Model
from django.utils import timezone
from django.utils.text import slugify

from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_relations
from taggit.models import Tag
from wagtail.models import Locale, Page, TranslatableMixin

from .translation_sync import synchronised_locales

SLUG_BASE_LENGTH = 60


def _insert_rows(model: type[Model], objects: Sequence[Model], using: str) -> None:
    """Insert the columns of `model`'s own table for `objects` (their primary key set)."""
    connection = connections[using]
    fields = model._meta.local_concrete_fields
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    rows = [
        [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def add_children(parent: Page, pages: Sequence[Page], numbered_slugs: bool = True) -> list[Page]:
    """Insert `pages` (unsaved instances of one page model, with their own fields, title and
    a slug) as the last children of `parent`, live unless `live=False` was set, in bulk.

    Each slug gets the page's position under the parent as a suffix
    (`pret-de-barnum-1234`), so slugs stay unique among siblings however often this runs.
    With `numbered_slugs=False` (aliases) the slug is kept, as Wagtail keeps a translated
    page's, and only gets `-1`, `-2`… if a sibling already holds it (`find_available_slug`).
    Call it inside a transaction: the tree is only consistent once it returns.
    """
    if not pages:
        return []
    model = type(pages[0])
    if any(type(page) is not model for page in pages):
        raise TypeError("add_children() inserts pages of one model at a time.")
    using = router.db_for_write(Page)
    parent = Page.objects.using(using).get(pk=parent.pk)  # fresh path, url_path, numchild
    last = parent.get_last_child()
    # A path is the parent's plus one step: the position in treebeard's public NumConv over
    # the tree's alphabet, left-padded to steplen (MP_Node's documented path format).
    steps = NumConv(Page.alphabet)
    position = steps.str2int(last.path[-Page.steplen:]) if last else 0
    taken = set(parent.get_children().values_list("slug", flat=True))
    content_type = ContentType.objects.db_manager(using).get_for_model(model)
    depth = parent.depth + 1
    now = timezone.now()

    for page in pages:
        position += 1
        page.path = parent.path + steps.int2str(position).rjust(Page.steplen, Page.alphabet[0])
        if len(page.path) != depth * Page.steplen:
            raise OverflowError(f"No room for another child under {parent.url_path}.")
        if numbered_slugs:
            base = slugify(page.slug or page.title)[:SLUG_BASE_LENGTH].strip("-") or "page"
            page.slug = f"{base}-{position}"
        else:
            page.slug = _available_slug(page.slug, taken)
        if page.slug in taken:
            raise ValueError(f"Slug {page.slug!r} already used under {parent.url_path}.")
        taken.add(page.slug)
        page.depth = depth
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.locale_id = parent.locale_id
        page.content_type = content_type
        page.draft_title = page.title
        page.has_unpublished_changes = not page.live
        page.first_published_at = page.first_published_at or now
        page.last_published_at = page.last_published_at or page.first_published_at

    # wagtailcore_page first (bulk_create gives back the new primary keys), then each table
    # of the inheritance chain (Page → ListingPage → OfferPage) with the same key.
    page_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    rows = Page.objects.using(using).bulk_create(
        [Page(**{field.attname: getattr(page, field.attname) for field in page_fields})
         for page in pages],
        batch_size=500,
    )
    chain = [*reversed(model._meta.get_parent_list()), model]
    for page, row in zip(pages, rows, strict=True):
        if row.pk is None:
            raise RuntimeError("This database does not return primary keys from bulk inserts.")
        for concrete in chain:
            setattr(page, concrete._meta.pk.attname, row.pk)
        page._state.adding = False
        page._state.db = using
    for concrete in chain[1:]:
        _insert_rows(concrete, pages, using)
    Page.objects.using(using).filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    return list(pages)


def _available_slug(slug: str, taken: set[str]) -> str:
    """`slug`, or `slug-1`, `slug-2`… as wagtail.coreutils.find_available_slug() makes it."""
    found, number = slug, 1
    while found in taken:
        found, number = f"{slug}-{number}", number + 1
    return found


def add_links(through: type[Model], rows: Iterable[dict]) -> int:
    """Bulk-insert rows of a many-to-many or tag table; returns how many."""
    objects = [through(**row) for row in rows]
    through.objects.bulk_create(objects, batch_size=500)
    return len(objects)


def tags(names: Iterable[str]) -> dict[str, Tag]:
    """The taggit tags of these names, created if missing."""
    found = {}
    for name in names:
        tag = Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(name=name)
        found[name] = tag
    return found


def tree_problems() -> dict[str, list[int]]:
    """The page tree's problems, by kind, with the primary keys of the pages concerned (only
    the kinds found): treebeard's checks (what `Page.find_problems()` and `manage.py fixtree`
    report: characters, path length, orphans, depth, numchild) and Wagtail's (`url_path`,
    slugs unique among siblings), over one query instead of two per page."""
    step = Page.steplen
    rows = list(Page.objects.values_list("pk", "path", "depth", "numchild", "url_path", "slug"))
    by_path = {path: (url_path, slug) for _pk, path, _d, _n, url_path, slug in rows}
    children = Counter(path[:-step] for _pk, path, *_rest in rows if len(path) > step)
    siblings = Counter((path[:-step], slug) for _pk, path, _d, _n, _u, slug in rows)
    problems: dict[str, list[int]] = {}
    for pk, path, depth, numchild, url_path, slug in rows:
        parent = by_path.get(path[:-step]) if len(path) > step else None
        if any(char not in Page.alphabet for char in path):
            problem = "bad characters"
        elif not path or len(path) % step:
            problem = "bad path length"
        elif len(path) > step and parent is None:
            problem = "orphans"
        elif depth != len(path) // step:
            problem = "wrong depth"
        elif numchild != children[path]:
            problem = "wrong numchild"
        elif parent and url_path != f"{parent[0]}{slug}/":
            problem = "wrong url_path"
        elif parent and siblings[(path[:-step], slug)] > 1:
            problem = "slug used by a sibling"
        else:
            continue
        problems.setdefault(problem, []).append(pk)
    return problems


# ---------------------------------------------------------------------------
# Aliases
# ---------------------------------------------------------------------------

# What CreatePageAliasAction does not copy (by field name).
NOT_COPIED = {"id", "path", "depth", "numchild", "url_path", "latest_revision",
              "index_entries", "postgres_index_entries"}
NOT_COPIED_CHILDREN = {"wagtail_admin_comments"}


def _copied_fields(model: type[Page]) -> list[models.Field]:
    return [
        field for field in model._meta.concrete_fields
        if field.name not in NOT_COPIED and not field.primary_key
        and not (isinstance(field, models.OneToOneField) and field.remote_field.parent_link)
    ]


def _alias(page: Page, fields: list[models.Field], locale: Locale) -> Page:
    alias = type(page)(**{field.attname: getattr(page, field.attname) for field in fields})
    alias.alias_of_id = page.pk
    alias.locale_id = locale.pk
    alias.draft_title = page.title
    alias.has_unpublished_changes = not page.live
    alias.latest_revision_id = None
    return alias


def _copy_many_to_many(model: type[Page], sources: dict[int, int]) -> int:
    """Rows of each many-to-many table of `model` for the aliases (`sources`: source pk →
    alias pk), to the same related objects. Tags (a through model with a ParentalKey to the
    page) are child objects, copied by `_copy_children()`, as in `_copy_m2m_relations()`."""
    copied = 0
    for field in model._meta.get_fields():
        if not field.many_to_many or field.auto_created or not hasattr(field, "m2m_field_name"):
            continue
        through = field.remote_field.through
        if any(isinstance(link, ParentalKey) for link in through._meta.get_fields()):
            continue
        own = through._meta.get_field(field.m2m_field_name()).attname
        other = through._meta.get_field(field.m2m_reverse_field_name()).attname
        rows = through.objects.filter(**{f"{own}__in": list(sources)}).values_list(own, other)
        objects = [through(**{own: sources[source], other: target}) for source, target in rows]
        through.objects.bulk_create(objects, batch_size=500)
        copied += len(objects)
    return copied


def _copy_children(model: type[Page], sources: dict[int, int], locale: Locale) -> int:
    """Copies of the child objects (ParentalKey) of the source pages, for their aliases."""
    copied = 0
    for relation in get_all_child_relations(model):
        if relation.get_accessor_name() in NOT_COPIED_CHILDREN:
            continue
        child_model: type[Model] = relation.related_model
        key = relation.field.attname
        objects = list(child_model.objects.filter(**{f"{key}__in": list(sources)}))
        if objects and get_all_child_relations(child_model):
            raise NotImplementedError(f"{child_model.__name__} has child objects of its own.")
        for child in objects:
            child.pk = None
            child._state.adding = True
            setattr(child, key, sources[getattr(child, key)])
            if isinstance(child, TranslatableMixin):
                child.locale_id = locale.pk
        child_model.objects.bulk_create(objects, batch_size=500)
        copied += len(objects)
    return copied


def add_aliases(pages: Sequence[Page]) -> list[Page]:
    """The aliases of `pages` (saved pages of one model under one parent, as `add_children()`
    returns them) in every locale synchronised with theirs where they have no version yet,
    in bulk, and those aliases' own followers. Returns every alias made."""
    if not pages:
        return []
    model = type(pages[0])
    parents = {page.path[:-Page.steplen] for page in pages}
    if any(type(page) is not model for page in pages) or len(parents) != 1:
        raise ValueError("add_aliases() takes pages of one model under one parent.")
    parent = Page.objects.get(path=parents.pop())
    fields = _copied_fields(model)
    made: list[Page] = []
    for locale in synchronised_locales(parent.locale_id):
        existing = set(Page.objects.filter(
            locale=locale, translation_key__in=[page.translation_key for page in pages]
        ).values_list("translation_key", flat=True))
        sources = [page for page in pages if page.translation_key not in existing]
        if not sources:
            continue
        try:
            target_parent = parent.get_translation(locale)
        except Page.DoesNotExist:
            target_parent = parent.copy_for_translation(locale, copy_parents=True, alias=True)
        aliases = add_children(
            target_parent, [_alias(page, fields, locale) for page in sources],
            numbered_slugs=False,
        )
        pairs = {page.pk: alias.pk for page, alias in zip(sources, aliases, strict=True)}
        _copy_many_to_many(model, pairs)
        _copy_children(model, pairs, locale)
        made += aliases
        made += add_aliases(aliases)
    return made


def alias_rows(rows: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """For many-to-many rows (page pk, related pk) just added to source pages, the same rows
    for those pages' aliases, which Wagtail keeps equal to their source's."""
    aliases = defaultdict(list)
    for alias_id, source_id in Page.objects.filter(
        alias_of_id__in={source for source, _other in rows}
    ).values_list("pk", "alias_of_id"):
        aliases[source_id].append(alias_id)
    return [(alias_id, other) for source, other in rows for alias_id in aliases[source]]
