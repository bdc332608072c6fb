"""Names sorted as a French reader expects: accents and case set aside, so that "Énergies"
comes between "éducation" and "Théâtre", not after "Zèbre" (byte order puts É after z).

`Folded` is the sort key, computed by the database so that paginated lists stay sorted in
SQL: on PostgreSQL `lower(unaccent(…))` (the extension search/migrations/0001 installs;
unaccent first, since `lower` leaves "É" as it is under the C locale), on SQLite the same
folding as the search index (search.text.fold), registered on each connection as `apess_fold`."""

from django.db.backends.signals import connection_created
from django.db.models import CharField, Func

from .text import fold

SQLITE_FUNCTION = "apess_fold"


class Folded(Func):
    """Lower case without accents, to sort by: `order_by(Folded("title"), "pk")`."""

    function = "LOWER"  # other databases: case folded only
    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function=SQLITE_FUNCTION, **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler, connection, template="lower(unaccent(%(expressions)s))", **extra_context
        )


def _fold_or_null(value: str | None) -> str | None:
    return None if value is None else fold(value)


def register_sqlite_function(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            SQLITE_FUNCTION, 1, _fold_or_null, deterministic=True
        )


connection_created.connect(register_sqlite_function, dispatch_uid="search.sorting")
