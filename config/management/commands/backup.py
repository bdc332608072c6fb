"""Back up the whole site, database and media, into one archive: `make backup`.

    manage.py backup --output var/backups/          # a new dated archive in that folder
    manage.py backup --output /srv/apess53.tar.gz   # that file

The archive's layout is described in `_archive.py`; `manage.py restore` puts it back.
It may run while the site is serving: both database copies are consistent snapshots, and
the media files are copied after the database, so every file it refers to is there.
"""

import datetime
import io
import json
import os
import sqlite3
import tarfile
import tempfile
import time
from pathlib import Path

import django
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils import timezone

import wagtail

from ._archive import (
    DATABASE_FILES,
    FORMAT_VERSION,
    MANIFEST,
    HashingReader,
    media_files,
    postgres_tool,
    run_postgres_tool,
    vendor,
    vendor_name,
)


class Command(BaseCommand):
    help = (
        "Back up the database and the media files into one .tar.gz archive "
        "(restore it with `manage.py restore`)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", default="var/backups/",
            help="A folder (a dated archive is created in it) or a file name ending in "
                 ".tar.gz. Default: var/backups/",
        )

    def handle(self, *args, output: str, **options) -> None:
        started = time.monotonic()
        engine = vendor()
        now = timezone.now()
        target = self.target(Path(output), engine, now)
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        media_root = Path(settings.MEDIA_ROOT)

        with tempfile.TemporaryDirectory(prefix=".backup-", dir=target.parent) as scratch:
            database = Path(scratch) / DATABASE_FILES[engine]
            self.dump_database(engine, database)
            partial = Path(scratch) / "archive.tar.gz"
            # The archive holds personal data (members' addresses, password hashes): only
            # its owner may read it.
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            files: dict[str, dict] = {}
            with os.fdopen(descriptor, "wb") as raw, tarfile.open(
                fileobj=raw, mode="w:gz", format=tarfile.PAX_FORMAT
            ) as archive:
                files[database.name] = self.add(archive, database, database.name)
                media = media_files(media_root)
                for path, name in media:
                    files[name] = self.add(archive, path, name)
                manifest = {
                    "format": FORMAT_VERSION,
                    "created_at": now.isoformat(),
                    "vendor": engine,
                    "database": database.name,
                    "django": django.get_version(),
                    "wagtail": wagtail.__version__,
                    "media_files": len(media),
                    "files": files,
                }
                # Last: it describes the bytes actually archived.
                data = json.dumps(manifest, indent=2, sort_keys=True).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime, info.mode = len(data), int(now.timestamp()), 0o600
                archive.addfile(info, io.BytesIO(data))
            os.replace(partial, target)  # never a half-written archive under the final name

        size = target.stat().st_size
        self.stdout.write(self.style.SUCCESS(
            f"Sauvegarde écrite (backup written): {target}\n"
            f"  base {vendor_name(engine)}, {len(media)} fichiers de médias (media files), "
            f"{size / 1e6:.1f} Mo, {time.monotonic() - started:.1f} s"
        ))

    @staticmethod
    def target(output: Path, engine: str, now: datetime.datetime) -> Path:
        if output.name.endswith(".tar.gz"):
            if output.exists():
                raise CommandError(f"{output} existe déjà (already exists): choose another name.")
            return output.resolve()
        stamp = timezone.localtime(now).strftime("%Y%m%d-%H%M%S")
        return (output / f"apess53-{stamp}-{engine}.tar.gz").resolve()

    def dump_database(self, engine: str, destination: Path) -> None:
        if engine == "sqlite":
            # SQLite's online backup API: a consistent copy, page by page, even while other
            # processes write (they wait or the copy starts again).
            connection.ensure_connection()
            copy = sqlite3.connect(destination)
            try:
                connection.connection.backup(copy)
            finally:
                copy.close()
        else:
            run_postgres_tool(
                [postgres_tool("pg_dump"), "--format=custom", "--no-owner",
                 f"--file={destination}"],
                "pg_dump",
            )

    @staticmethod
    def add(archive: tarfile.TarFile, path: Path, name: str) -> dict:
        """Add one file; returns its size and SHA-256 as read into the archive."""
        with open(path, "rb") as stream:
            info = archive.gettarinfo(fileobj=stream, arcname=name)
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            reader = HashingReader(stream)
            archive.addfile(info, reader)
        if reader.size != info.size:
            raise CommandError(f"{path} a changé pendant la sauvegarde (changed during backup).")
        return {"size": reader.size, "sha256": reader.digest.hexdigest()}
