"""Put back a backup made by `manage.py backup`: the database and the media, exactly.

    manage.py restore var/backups/apess53-20260101-030000-sqlite.tar.gz         # asks first
    manage.py restore --yes var/backups/apess53-20260101-030000-sqlite.tar.gz   # scripts

Everything is checked before anything changes: the manifest, the database engine (a
PostgreSQL archive is not restored on SQLite, nor the reverse), the size and SHA-256 of every
file. Then the database is replaced by its own engine (SQLite's backup API, `pg_restore
--clean`), and MEDIA_ROOT holds exactly the archived files afterwards.
"""

import json
import os
import shutil
import sqlite3
import sys
import tarfile
import tempfile
import time
import zlib
from pathlib import Path, PurePosixPath

import django
from django.conf import settings
from django.core.cache import caches
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

import wagtail

from ._archive import (
    DATABASE_FILES,
    FORMAT_VERSION,
    MANIFEST,
    MEDIA_PREFIX,
    media_files,
    postgres_tool,
    run_postgres_tool,
    sha256_of,
    vendor,
    vendor_name,
)


class Command(BaseCommand):
    help = (
        "Replace the database and the media files by those of an archive made by "
        "`manage.py backup`. Asks for confirmation unless --yes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="The .tar.gz made by `manage.py backup`.")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask for confirmation (scripts)."
        )

    def handle(self, *args, archive: str, yes: bool = False, **options) -> None:
        started = time.monotonic()
        engine = vendor()
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"Archive introuvable (archive not found): {path}")
        media_root = Path(settings.MEDIA_ROOT)
        media_root.mkdir(parents=True, exist_ok=True)
        # Extracted next to MEDIA_ROOT when possible, so that the files are then moved in,
        # not copied.
        near = media_root.parent if os.access(media_root.parent, os.W_OK) else None
        with tempfile.TemporaryDirectory(prefix=".restore-", dir=near) as scratch:
            scratch = Path(scratch)
            manifest = self.unpack(path, scratch)
            self.verify(manifest, scratch, engine)
            self.confirm(manifest, engine, yes)
            self.restore_database(engine, scratch / manifest["database"])
            count = self.restore_media(scratch / MEDIA_PREFIX, manifest, media_root)
        for cache in settings.CACHES:  # pages and settings cached from the replaced database
            caches[cache].clear()
        self.stdout.write(self.style.SUCCESS(
            f"Restauration terminée (restore complete): base {vendor_name(engine)} et "
            f"{count} fichiers de médias de la sauvegarde du {manifest['created_at']}, "
            f"{time.monotonic() - started:.1f} s"
        ))
        if settings.ELASTICSEARCH_URL:
            self.stdout.write(
                "Elasticsearch: rebuild the index with `manage.py update_index`."
            )

    # ------------------------------------------------------------------ checks, before anything

    def unpack(self, path: Path, scratch: Path) -> dict:
        try:
            with tarfile.open(path, mode="r:gz") as archive:
                # "data": no absolute path, no "..", no link or device out of the folder.
                archive.extractall(scratch, filter="data")
        except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
            raise CommandError(
                f"{path} n'est pas une archive de sauvegarde lisible : elle est incomplète ou "
                f"endommagée. ({path} is not a readable backup archive: {error})"
            ) from error
        try:
            manifest = json.loads((scratch / MANIFEST).read_text())
        except FileNotFoundError:
            raise CommandError(
                f"{path} n'a pas de {MANIFEST} : ce n'est pas une sauvegarde de `manage.py "
                f"backup`. (No {MANIFEST}: not an archive made by `manage.py backup`.)"
            ) from None
        except ValueError as error:
            raise CommandError(f"{MANIFEST} est illisible (unreadable): {error}") from error
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_VERSION:
            raise CommandError(
                f"{MANIFEST}: format inconnu (unknown format {manifest.get('format')!r}, "
                f"expected {FORMAT_VERSION})."
            )
        return manifest

    def verify(self, manifest: dict, scratch: Path, engine: str) -> None:
        archived = manifest.get("vendor")
        if archived != engine:
            raise CommandError(
                f"Cette archive contient une base {vendor_name(archived)} ; ce site utilise "
                f"{vendor_name(engine)} : rien n'a été modifié. (This archive holds a "
                f"{vendor_name(archived)} database and this site runs on "
                f"{vendor_name(engine)}: nothing was changed. Restore it on a "
                f"{vendor_name(archived)} site, then move the data with dumpdata/loaddata.)"
            )
        files = manifest.get("files") or {}
        if manifest.get("database") != DATABASE_FILES[engine] or manifest["database"] not in files:
            raise CommandError(f"{MANIFEST}: the database file is not listed.")
        for name, expected in sorted(files.items()):
            parts = PurePosixPath(name).parts
            if (name != manifest["database"] and not name.startswith(MEDIA_PREFIX)) or (
                PurePosixPath(name).is_absolute() or ".." in parts or "\\" in name
            ):
                raise CommandError(f"{MANIFEST}: unexpected file {name!r}.")
            extracted = scratch / name
            if not extracted.is_file():
                raise CommandError(
                    f"Fichier manquant dans l'archive (file missing from the archive): {name}. "
                    "Rien n'a été modifié (nothing was changed)."
                )
            if (extracted.stat().st_size != expected.get("size")
                    or sha256_of(extracted) != expected.get("sha256")):
                raise CommandError(
                    f"Fichier endommagé (corrupt file, its checksum differs from the "
                    f"manifest's): {name}. Rien n'a été modifié (nothing was changed)."
                )
        listed = set(files) | {MANIFEST}
        unlisted = sorted(
            path.relative_to(scratch).as_posix() for path in scratch.rglob("*")
            if path.is_file() and path.relative_to(scratch).as_posix() not in listed
        )
        if unlisted:
            raise CommandError(
                f"L'archive contient des fichiers absents du manifeste (files not in the "
                f"manifest): {', '.join(unlisted[:5])}. Rien n'a été modifié."
            )
        current = {"django": django.get_version(), "wagtail": wagtail.__version__}
        for package, version in current.items():
            if manifest.get(package) != version:
                self.stderr.write(self.style.WARNING(
                    f"Sauvegarde faite avec {package} {manifest.get(package)}, ce site a "
                    f"{version} : après la restauration, lancez `manage.py migrate`. "
                    f"(Backup made with {package} {manifest.get(package)}; run migrate after.)"
                ))

    def confirm(self, manifest: dict, engine: str, yes: bool) -> None:
        if yes:
            return
        database = connection.settings_dict["NAME"]
        question = (
            f"La base {vendor_name(engine)} « {database} » et tous les fichiers de "
            f"{settings.MEDIA_ROOT} vont être remplacés par la sauvegarde du "
            f"{manifest['created_at']} ({manifest.get('media_files', 0)} fichiers de médias).\n"
            f"(The database and every media file will be replaced by this backup.)\n"
            f"Continuer ? Tapez « oui » (type 'yes' to continue): "
        )
        if not sys.stdin.isatty():
            raise CommandError(
                "Confirmation impossible sans terminal : relancez avec --yes. "
                "(No terminal to confirm: run again with --yes.)"
            )
        self.stdout.write(question, ending="")
        self.stdout.flush()
        if input().strip().lower() not in {"oui", "o", "yes", "y"}:
            raise CommandError("Restauration annulée : rien n'a été modifié (cancelled).")

    # ------------------------------------------------------------------ replacing

    def restore_database(self, engine: str, dump: Path) -> None:
        if engine == "sqlite":
            # SQLite's backup API, from the archived file into the site's database: the other
            # connections (a running server) see the new content, not a replaced file.
            connection.ensure_connection()
            source = sqlite3.connect(dump)
            try:
                source.backup(connection.connection)
            finally:
                source.close()
            connection.close()
            return
        pg_restore = postgres_tool("pg_restore")
        contents = run_postgres_tool([pg_restore, "--list", str(dump)], "pg_restore --list")
        listing = dump.with_suffix(".list")
        listing.write_text(self.without_existing_extensions(contents.stdout))
        run_postgres_tool(
            [pg_restore, "--clean", "--if-exists", "--no-owner", "--single-transaction",
             f"--use-list={listing}", f"--dbname={connection.settings_dict['NAME']}",
             str(dump)],
            "pg_restore",
        )

    @staticmethod
    def without_existing_extensions(listing: str) -> str:
        """pg_restore's table of contents, less the extensions the database already has.

        `--clean` would drop them and create them again, which takes their owner, often a
        superuser (README: unaccent is created once by one): the site's own user could not.
        The existing extension serves the restored objects just as well.
        """
        with connection.cursor() as cursor:
            cursor.execute("SELECT extname FROM pg_extension")
            existing = {name for (name,) in cursor.fetchall()}
        connection.close()
        kept = []
        for line in listing.splitlines():
            words = line.split()
            # "3; 3079 16390 EXTENSION - unaccent postgres"
            # "4130; 0 0 COMMENT - EXTENSION unaccent"
            is_extension = (
                not line.startswith(";") and len(words) >= 6
                and ((words[3] == "EXTENSION" and words[5] in existing)
                     or (words[3:6] == ["COMMENT", "-", "EXTENSION"] and len(words) >= 7
                         and words[6] in existing))
            )
            kept.append(f";{line}" if is_extension else line)
        return "\n".join(kept) + "\n"

    def restore_media(self, restored: Path, manifest: dict, media_root: Path) -> int:
        """MEDIA_ROOT ends up with exactly the archived files (symbolic links are left alone,
        as the backup skips them)."""
        names = {
            name[len(MEDIA_PREFIX):] for name in manifest["files"] if name.startswith(MEDIA_PREFIX)
        }
        for path, name in media_files(media_root):
            if name[len(MEDIA_PREFIX):] not in names:
                path.unlink()
        for name in sorted(names):
            destination = media_root / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(restored / name, destination)
        for directory, _subdirectories, _files in os.walk(media_root, topdown=False):
            if Path(directory) != media_root and not any(Path(directory).iterdir()):
                Path(directory).rmdir()  # emptied: neither the archive nor the site has files
        return len(names)
