"""Load the demo site: each app's own demo module, in the order of DESIGN.md's imports."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from wagtail.models import Page

import cooperation.demo
import directory.demo
import home.demo
import members.demo

# Each app keeps its own demo content, loaded in the order of DESIGN.md's imports.
DEMO_MODULES = [home.demo, directory.demo, cooperation.demo, members.demo]


class Command(BaseCommand):
    help = "Build the demo site (French and English). Running it again changes nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the site already has content beyond Wagtail's welcome page.",
        )

    def handle(self, *args, if_empty: bool = False, **options) -> None:
        if not settings.DEMO_CONTENT_ALLOWED:
            raise CommandError(
                "load_demo crée des comptes aux mots de passe publics : refusé en production. "
                "(load_demo creates accounts with public passwords: refused in production.)"
            )
        if if_empty and Page.objects.filter(depth__gt=2).exists():
            self.stdout.write("Site already has content: demo not loaded.")
            return
        log = self.stdout.write if options["verbosity"] > 0 else (lambda message: None)
        with transaction.atomic():
            for module in DEMO_MODULES:
                log(f"{module.__name__}:")
                module.load(log)
            home.demo.synchronise_translations()
        self.stdout.write(self.style.SUCCESS("Demo content ready."))
