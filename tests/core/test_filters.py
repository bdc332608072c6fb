"""GET-parameter filters (core/filters.py): what a link holds is read leniently, never refused
as a whole: an invalid choice reads as none, an overlong or odd value is cleaned."""

import django_filters

from django.http import QueryDict

from core.filters import MAX_QUERY_LENGTH, QueryFilters


class Filters(QueryFilters):
    colour = django_filters.ChoiceFilter(choices=[("red", "Red"), ("blue", "Blue")])
    place = django_filters.CharFilter()
    q = django_filters.CharFilter()
    sort = django_filters.ChoiceFilter(choices=[("new", "New"), ("old", "Old")])

    ORDERING = {"sort": "new"}


def test_values_are_read_and_an_invalid_choice_reads_as_none():
    filters = Filters(QueryDict("colour=green&place=laval&q=velo&sort=old"))
    assert (filters.colour, filters.place, filters.q, filters.sort) == ("", "laval", "velo", "old")
    assert filters.selection() == {"place": "laval"}
    assert filters.active


def test_values_are_cleaned_not_refused():
    filters = Filters(QueryDict(f"q=%20a%00b%20&place={'x' * 1000}&colour=red&colour=blue"))
    assert filters.q == "ab"
    assert filters.place == "x" * MAX_QUERY_LENGTH
    assert filters.colour == "blue"  # the last value, as QueryDict.get


def test_query_string_leaves_out_empty_values_and_the_default_ordering():
    filters = Filters(QueryDict("q=velo&sort=new&colour=red"))
    assert filters.query_string() == "colour=red&q=velo"
    assert filters.query_string(sort="old", colour="") == "q=velo&sort=old"
    assert not Filters().active and Filters().query_string() == ""
    assert not Filters(QueryDict("sort=old")).active
