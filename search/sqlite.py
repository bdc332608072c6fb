"""SQLite's search backend with French word forms (chosen by search/database.py).

SQLite's FTS5 has no French stemmer: this backend stores the
folded Snowball stems of each page's text (`search.text.french_terms`) and looks for the
stems of the query's words, so both sides meet whatever accents and inflections were typed.
Each query word is looked for in any of its forms, as typed, singular or plural, the stems of
four letters or more as prefixes (search.text.query_terms).
The autocomplete column keeps the plain words (FTS5 folds their accents) for prefix matches.

Titles weigh more than bodies: FTS5's `bm25()` gets a weight per column.
"""

from functools import reduce

from django.db.models import F

from modelsearch.backends.database.sqlite.query import (
    BM25,
    CombinedLexeme,
    Lexeme,
    MatchExpression,
    SearchQueryExpression,
    normalize,
)
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    ObjectIndexer,
    SQLiteFTSIndexEntry,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.index import SearchField
from modelsearch.query import Phrase, PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from .text import distinct_stems, french_terms, query_terms

# FTS5 columns in table order (modelsearch's migration): autocomplete, body, title.
TITLE_WEIGHT = 5.0
BODY_WEIGHT = 1.0


class FrenchObjectIndexer(ObjectIndexer):
    """Stems instead of words. Only the page's own title counts as title: a listing's
    structure name (a related `title`) is body text."""

    def _texts(self, in_title: bool) -> str:
        texts = []
        for field in self.search_fields:
            is_title = isinstance(field, SearchField) and field.field_name == "title"
            if is_title != in_title:
                continue
            for current_field, value in self.prepare_field(self.obj, field):
                if isinstance(current_field, SearchField):
                    texts.append(value)
        return " ".join(french_terms(" ".join(texts)))

    @property
    def title(self) -> str:
        return self._texts(in_title=True)

    @property
    def body(self) -> str:
        return self._texts(in_title=False)


class FrenchSQLiteIndex(SQLiteIndex):
    def add_items(self, model, objs) -> None:
        # A copy of modelsearch 1.3.2's add_items with the French indexer, which it has no
        # hook for; tests/search/test_modelsearch_pin.py fails on another version.
        if not model.get_search_fields():
            return
        content_type_pk = get_content_type_pk(model)
        data = {}
        for obj in objs:
            indexer = FrenchObjectIndexer(obj, self.backend)
            data[indexer.id] = (indexer.title, indexer.autocomplete, indexer.body)
        if not data:
            return
        entries = self.entries.filter(content_type_id=content_type_pk)
        indexed = set(entries.filter(object_id__in=data).values_list("object_id", flat=True))
        for object_id in indexed:
            title, autocomplete, body = data[object_id]
            entries.filter(object_id=object_id).update(
                title=title, autocomplete=autocomplete, body=body
            )
        self.entries.bulk_create([
            IndexEntry(
                content_type_id=content_type_pk, object_id=object_id,
                title=title, autocomplete=autocomplete, body=body,
            )
            for object_id, (title, autocomplete, body) in data.items()
            if object_id not in indexed
        ])
        self._refresh_title_norms()


class WeightedBM25(BM25):
    def as_sql(self, compiler, connection, function=None, template=None):
        table = SQLiteFTSIndexEntry._meta.db_table
        return f"bm25({table}, 0.0, {BODY_WEIGHT}, {TITLE_WEIGHT})", []


class AnyOfLexemes(CombinedLexeme):
    """`a OR b` in parentheses: modelsearch writes none, and FTS5 binds AND before OR, so
    the forms of one word would otherwise mix with the next word."""

    def as_sql(self, compiler, connection):
        _sql, [combined] = super().as_sql(compiler, connection)
        return "%s", [f"({combined})"]


def any_of(alternatives: list[tuple[str, str, bool]]) -> Lexeme | AnyOfLexemes:
    """One query word in any of its forms (search.text.query_terms)."""
    lexemes = [Lexeme(stem, prefix=prefix) for stem, prefix in distinct_stems(alternatives)]
    return reduce(lambda a, b: AnyOfLexemes(a, "OR", b), lexemes)


class FrenchSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText):
            words = [any_of(alternatives) for alternatives in query_terms(query.query_string)]
            combine = (lambda a, b: a & b) if query.operator.upper() == "AND" else (
                lambda a, b: a | b)
            return SearchQueryExpression(reduce(combine, words), config=config)
        if isinstance(query, Phrase):
            query = Phrase(" ".join(french_terms(query.query_string)))
        return super().build_search_query_content(query, config=config)

    def search(self, config, start, stop, score_field=None):
        # Stop words are not indexed: a query of stop words only ("de la") finds nothing,
        # as with PostgreSQL's French configuration.
        if isinstance(self.query, PlainText) and not query_terms(self.query.query_string):
            return self.queryset.none()
        return super().search(config, start, stop, score_field=score_field)

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        return WeightedBM25()

    def get_search_vectors(self):
        # One weighted bm25() over all columns (modelsearch adds the same bm25() per column).
        return [(F("index_entry__title"), 1.0)]


class FrenchSQLiteSearchResults(SQLiteSearchResults):
    def ranked_pks(self, limit: int) -> list:
        """The primary keys of the best `limit` matches, best first, from one pass over the
        full-text index (modelsearch's SQL ranks each candidate row with a subquery of its
        own: seconds to minutes with tens of thousands of pages). The search service
        (search/service.py) keeps those its queryset allows, in the database."""
        compiler = self.query_compiler
        if not isinstance(compiler.query, PlainText):
            return [obj.pk for obj in self[:limit]]
        suggesting = "autocomplete" in compiler.FTS_TABLE_FIELDS
        words = compiler.query.query_string.split() if suggesting else query_terms(
            compiler.query.query_string
        )
        if not words:
            return []
        model = compiler.queryset.model
        match = MatchExpression(
            compiler.fields or compiler.FTS_TABLE_FIELDS,
            compiler.build_search_query(normalize(compiler.query)),
        )
        # Suggestions match the autocomplete column alone: plain bm25() ranks them.
        score = BM25() if suggesting else WeightedBM25()
        ids = (
            SQLiteFTSIndexEntry.objects.filter(match)
            .filter(index_entry__content_type__in=get_descendants_content_types_pks(model))
            .annotate(score=score)
            .order_by("score")
            .values_list("index_entry__object_id", flat=True)[:limit]
        )
        to_python = model._meta.pk.to_python
        return [to_python(object_id) for object_id in ids]


class FrenchSQLiteSearchBackend(SQLiteSearchBackend):
    index_class = FrenchSQLiteIndex
    query_compiler_class = FrenchSQLiteSearchQueryCompiler
    results_class = FrenchSQLiteSearchResults
