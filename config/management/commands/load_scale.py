"""Load thousands of French pages on top of the demo: each app's own `scale` module, in the
order of DESIGN.md's imports, then a rebuild of the search index. Prints its own speed."""

import time
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from wagtail.models import Page

import cooperation.scale
import directory.scale
import home.scale

# Each app keeps its own scale content, loaded in the order of DESIGN.md's imports.
SCALE_MODULES = [home.scale, directory.scale, cooperation.scale]
DEFAULT_SEED = 53


class Command(BaseCommand):
    help = (
        "Add thousands of French pages (structures, listings, news, events) to the demo site, "
        "with their English aliases, then rebuild the search index. Run it after load_demo."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        for module in SCALE_MODULES:
            for name, (default, label) in module.SIZES.items():
                parser.add_argument(
                    f"--{name}", type=int, default=default, metavar="N",
                    help=f"Number of {label} to add (default {default}).",
                )
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED,
            help=f"Seed of the random choices (default {DEFAULT_SEED}): the same seed gives "
            "the same content.",
        )
        parser.add_argument(
            "--no-index", action="store_true", help="Do not rebuild the search index."
        )

    def handle(self, *args, seed: int, no_index: bool, **options) -> None:
        if not settings.DEMO_CONTENT_ALLOWED:
            raise CommandError(
                "load_scale ajoute du contenu fictif : refusé en production. "
                "(load_scale adds fictitious content: refused in production.)"
            )
        sizes = {
            name: options[name] for module in SCALE_MODULES for name in module.SIZES
        }
        if any(count < 0 for count in sizes.values()):
            raise CommandError("Sizes cannot be negative.")
        log = self.stdout.write if options["verbosity"] > 0 else (lambda message: None)

        figures = []
        started = time.perf_counter()
        try:
            with transaction.atomic():
                for module in SCALE_MODULES:
                    log(f"{module.__name__}:")
                    figures += module.load(sizes, seed, log)
                checked = time.perf_counter()
                problems = home.scale.tree_problems()
                if problems:  # rolls everything back
                    raise CommandError(f"The page tree would be invalid: {problems}")
                checked = time.perf_counter() - checked
        except LookupError as error:
            raise CommandError(str(error)) from error
        loaded = time.perf_counter() - started

        self.stdout.write("")
        self.stdout.write(f"{'kind':<18}{'objects':>10}{'seconds':>10}{'objects/s':>12}")
        for figure in figures:
            self.stdout.write(
                f"{figure.kind:<18}{figure.count:>10}{figure.seconds:>10.1f}{figure.rate:>12.0f}"
            )
        total = sum(figure.count for figure in figures)
        self.stdout.write(
            f"{'total':<18}{total:>10}{loaded:>10.1f}{(total / loaded if loaded else 0):>12.0f}"
            "   (all, with the transaction's commit)"
        )
        self.stdout.write(f"Page tree checked: no problem ({checked:.1f} s).")

        if no_index:
            self.stdout.write("Search index not rebuilt (--no-index): run update_index.")
        else:
            started = time.perf_counter()
            call_command("update_index", stdout=StringIO(), stderr=StringIO())
            seconds = time.perf_counter() - started
            pages = Page.objects.live().count()
            self.stdout.write(
                f"Search index rebuilt (update_index): {seconds:.1f} s for {pages} live pages "
                f"({pages / seconds:.0f} pages/s)."
            )
        # The query planner chooses its indexes from table statistics, stale after a bulk load
        # (PostgreSQL's autovacuum would refresh them later; SQLite never does by itself).
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(f"Statistics refreshed (ANALYZE): {time.perf_counter() - started:.1f} s.")
        self.stdout.write(self.style.SUCCESS("Scale content ready."))
