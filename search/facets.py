"""Facets: the filters a visitor narrows a search by, each with its options and their counts.

A facet is named by its GET parameter and gives, in the visitor's language, its options as
(value, label) (`options()`), the condition on the searched model for one value
(`condition()`) and its options counted among the results (`count()`). Kinds:
- `Facet`: options counted by one aggregate per option (a few options through a
  many-to-many, where grouping measured no faster);
- `ChoicesFacet`: a field's fixed choices, counted by one GROUP BY;
- `TaxonomyFacet`: the terms of a translatable taxonomy, chosen by slug in any language;
- `TopFacet`: a list too long to show whole (thousands of structures): only the options with
  the most results.
`Search` (search/service.py) filters by `condition()` and asks each facet to `count()`.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum
from functools import cached_property
from typing import Any, NamedTuple

from django.db.models import Case, CharField, Count, F, Min, Model, Q, QuerySet, Value, When, Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils.functional import Promise

from wagtail.models import Locale

from .sorting import Folded


class Order(IntEnum):
    """Where a facet stands among facets of several page types (the search page)."""

    TYPE = 0
    CLASSIFICATION = 1
    PLACE = 2


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class CountedFacet:
    """A facet as the page shows it: its options with their counts."""

    name: str
    label: str
    options: list[Option]
    # How many options with results a `TopFacet` left out, and what it says of them.
    hidden: int = 0
    more: str = ""


class Facet:
    """A facet counted by one aggregate per option; subclasses give `options()` and
    `condition()`."""

    order = Order.CLASSIFICATION

    def __init__(self, name: str, label: str | Promise) -> None:
        self.name = name
        self.label = label

    def options(self) -> Sequence[tuple[str, str]]:
        raise NotImplementedError

    def condition(self, value: str) -> Q:
        raise NotImplementedError

    def count(self, results: QuerySet, chosen: str | None, pages: QuerySet) -> CountedFacet:
        """The options counted among `results` (the results of every other selected facet):
        each count is how many results choosing that option gives. `pages`: every page the
        caller may show, whatever the words and facets."""
        options = list(self.options())
        counts = self.option_counts(results, options)
        return CountedFacet(self.name, self.label, [
            Option(value, label, count, chosen == value)
            for (value, label), count in zip(options, counts, strict=True)
        ])

    def option_counts(self, results: QuerySet, options: list[tuple[str, str]]) -> list[int]:
        if not options:
            return []
        aggregated = results.aggregate(**{
            f"option_{index}": Count("pk", filter=self.condition(value), distinct=True)
            for index, (value, _label) in enumerate(options)
        })
        return [aggregated[f"option_{index}"] for index in range(len(options))]


class GroupedFacet(Facet):
    """A facet counted by one GROUP BY on each result's key instead of one aggregate per
    option, each of which read every result again (a listing's territory: 9 options ×
    18,000 listings).

    `count_by`: the lookups of each result's key, of which the first that is not null counts
    (a listing's own territory, else its structure's). `keys_by_option()`: {option value: its
    keys} where a key is not the value (a term's keys in every language, a type's content
    types); mapped in SQL, so that a result with two keys of one option (a term and its
    translation, both ticked) counts once, as choosing the option shows."""

    count_by: tuple[str, ...] = ()

    def keys_by_option(self) -> Mapping[str, Sequence[Any]] | None:
        return None

    def option_counts(self, results: QuerySet, options: list[tuple[str, str]]) -> list[int]:
        grouped = grouped_counts(results, self.count_by, self.keys_by_option())
        return [grouped.get(value, 0) for value, _label in options]


def grouped_counts(
    results: QuerySet, count_by: Sequence[str], keys_by_option: Mapping[str, Sequence[Any]] | None,
) -> dict[str, int]:
    """Results per option value, by one GROUP BY on the key of `count_by`."""
    results = results.annotate(
        facet_key=F(count_by[0]) if len(count_by) == 1 else Coalesce(*count_by)
    )
    if keys_by_option is None:
        value = F("facet_key")
    else:
        mapped = [When(facet_key__in=list(keys), then=Value(option))
                  for option, keys in keys_by_option.items() if keys]
        if not mapped:
            return {}
        value = Case(*mapped, default=None, output_field=CharField())
    rows = (
        results.annotate(facet_value=value).values("facet_value")
        .annotate(facet_count=Count("pk", distinct=True))
        .values_list("facet_value", "facet_count")
    )
    return {option: count for option, count in rows if option is not None}


class ChoicesFacet(GroupedFacet):
    """A field's fixed choices (a `TextChoices`); `field` defaults to the facet's name."""

    def __init__(self, name: str, label: str | Promise, choices: Any, field: str = "") -> None:
        super().__init__(name, label)
        self.choices = choices
        self.field = field or name
        self.count_by = (self.field,)

    def options(self) -> Sequence[tuple[str, str]]:
        return self.choices.choices

    def condition(self, value: str) -> Q:
        return Q(**{self.field: value})


class Term(NamedTuple):
    pk: int
    slug: str
    name: str
    translation_key: Any
    locale_id: int


class TaxonomyFacet(GroupedFacet):
    """The terms of a translatable taxonomy (a model with `slug` and `name`) in `locale`,
    chosen by slug.

    `classified(keys)` selects what is classified under the primary keys of the chosen term
    in every language (pages of another language, such as untranslated aliases, keep the
    source language's terms). A list of keys, not a join on the terms: filtering then reads
    an index instead of joining every classified row to its terms. `count_by`: the lookups of
    a classified page's term keys, by which the options are counted.

    The terms are read once a request, as literal keys rather than subqueries of the terms:
    Django took longer building each option's nested subquery than the database took
    counting (measured on the filtered directory at 2,000 structures)."""

    def __init__(
        self, name: str, label: str | Promise, taxonomy: type[Model], locale: Locale, *,
        classified: Callable[[list[int]], Q], count_by: str | tuple[str, ...],
        order: Order = Order.CLASSIFICATION,
    ) -> None:
        super().__init__(name, label)
        self.taxonomy = taxonomy
        self.locale = locale
        self.classified = classified
        self.count_by = (count_by,) if isinstance(count_by, str) else count_by
        self.order = order

    @cached_property
    def terms(self) -> list[Term]:
        return [Term(*row) for row in self.taxonomy.objects.order_by(Folded("name"), "pk")
                .values_list("pk", "slug", "name", "translation_key", "locale_id")]

    def _in_locale(self) -> list[Term]:
        return [term for term in self.terms if term.locale_id == self.locale.pk]

    def options(self) -> list[tuple[str, str]]:
        return [(term.slug, term.name) for term in self._in_locale()]

    def keys_by_option(self) -> dict[str, list[int]]:
        """Each option's slug → the keys of its term in every language."""
        return {
            option.slug: [term.pk for term in self.terms
                          if term.translation_key == option.translation_key]
            for option in self._in_locale()
        }

    def keys(self, slug: str) -> list[int]:
        """The keys, in every language, of the term of that slug in any language (a link
        shared from the other language keeps working); none for an unknown slug."""
        chosen = {term.translation_key for term in self.terms if term.slug == slug}
        return [term.pk for term in self.terms if term.translation_key in chosen]

    def condition(self, value: str) -> Q:
        return self.classified(self.keys(value))


class TopFacet(Facet):
    """Only the `limit` options with the most results, ties by label, plus the selected one
    wherever it ranks, counted, ranked and cut in the database: `value_by` is the lookup of
    each result's option value, `label_by` its label. `more(n)` is the line about the n
    options with results left out."""

    def __init__(
        self, name: str, label: str | Promise, *, value_by: str, label_by: str, limit: int,
        more: Callable[[int], str],
    ) -> None:
        super().__init__(name, label)
        self.value_by = value_by
        self.label_by = label_by
        self.limit = limit
        self.more = more

    def options(self) -> Sequence[tuple[str, str]]:
        # Only the counted ones are shown (`count()`): the whole list is never read.
        return ()

    def condition(self, value: str) -> Q:
        return Q(**{self.value_by: value})

    def count(self, results: QuerySet, chosen: str | None, pages: QuerySet) -> CountedFacet:
        """In one query: the groups are counted and ranked, and only the first `limit` come
        back (the selected one is put first, so it comes back too), each with the number of
        groups."""
        value, limit = self.value_by, self.limit
        order = ["facet_rank"]
        if chosen:
            order.insert(0, Case(When(**{value: chosen}, then=Value(0)), default=Value(1)))
        rows = list(
            results.values(value)
            .annotate(facet_count=Count("pk", distinct=True), facet_label=Min(self.label_by))
            .annotate(
                facet_rank=Window(RowNumber(), order_by=[
                    F("facet_count").desc(), Folded("facet_label").asc(), F(value).asc(),
                ]),
                facet_groups=Window(Count("*")),
            )
            .order_by(*order)
            .values_list(value, "facet_label", "facet_count", "facet_rank", "facet_groups")
            [:limit + 1]
        )
        kept = sorted((row for row in rows if row[3] <= limit or row[0] == chosen),
                      key=lambda row: row[3])
        options = [Option(option, label, count, option == chosen)
                   for option, label, count, _rank, _groups in kept]
        hidden = (rows[0][4] if rows else 0) - len(options)
        if chosen and not any(option.selected for option in options):
            # Chosen, but with no result among the other filters': still shown so that the
            # form keeps it, if one of the caller's pages has it.
            labels = pages.filter(self.condition(chosen)).order_by()
            options += [Option(chosen, label, 0, True)
                        for label in labels.values_list(self.label_by, flat=True)[:1]]
        return CountedFacet(self.name, self.label, options, hidden,
                            self.more(hidden) if hidden else "")
