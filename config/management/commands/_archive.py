"""What `backup` and `restore` share: the archive's layout, its manifest, the database tools.

One `.tar.gz` holds the whole site:

    database.sqlite3 | database.pgdump   the database, in its own engine's format
    media/…                               every file under MEDIA_ROOT
    manifest.json                         date, engine, versions, size and SHA-256 of each file

The database is copied by its own engine, exactly: SQLite's online backup API, PostgreSQL's
`pg_dump --format=custom` and `pg_restore`. Nothing here prints or archives a password or a
connection string: the PostgreSQL tools read the connection settings from their environment
(PGHOST, PGPASSWORD…), never from their command line.

(The leading underscore keeps Django from listing this module as a command.)
"""

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

from django.core.management.base import CommandError
from django.db import connection

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
CHUNK = 1024 * 1024


def vendor() -> str:
    """The engine of the default database, if the commands know how to copy it."""
    if connection.vendor not in DATABASE_FILES:
        raise CommandError(
            f"Sauvegarde impossible : base {connection.vendor} non prise en charge "
            f"(only SQLite and PostgreSQL are supported, not {connection.vendor})."
        )
    return connection.vendor


def vendor_name(code: str) -> str:
    return VENDOR_NAMES.get(code, code)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class HashingReader:
    """A file object that hashes what is read from it: the manifest then describes exactly
    the bytes that went into the archive, even if the file changes meanwhile."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self.digest = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data


def media_files(media_root: Path) -> list[tuple[Path, str]]:
    """Every regular file under MEDIA_ROOT with its archive name ("media/images/x.png"),
    sorted; symbolic links are skipped (their target is not the site's)."""
    if not media_root.is_dir():
        return []
    found = []
    for directory, subdirectories, names in os.walk(media_root):
        subdirectories.sort()
        for name in sorted(names):
            path = Path(directory) / name
            if path.is_file() and not path.is_symlink():
                found.append((path, MEDIA_PREFIX + path.relative_to(media_root).as_posix()))
    return found


# --------------------------------------------------------------------------- PostgreSQL

def postgres_environment() -> dict[str, str]:
    """The environment that points pg_dump and pg_restore to Django's database.

    PGPASSWORD rather than a command-line argument: the command line of a process is visible
    to every user of the machine (ps), its environment is not.
    """
    settings = connection.settings_dict
    environment = dict(os.environ)
    values = {
        "PGDATABASE": settings.get("NAME"),
        "PGHOST": settings.get("HOST"),
        "PGPORT": settings.get("PORT"),
        "PGUSER": settings.get("USER"),
        "PGPASSWORD": settings.get("PASSWORD"),
    }
    options = settings.get("OPTIONS") or {}
    # libpq options that Django settings may carry (sslmode=require on a hosted database…).
    for option, variable in {
        "sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT",
        "sslkey": "PGSSLKEY", "passfile": "PGPASSFILE", "service": "PGSERVICE",
    }.items():
        if options.get(option):
            values[variable] = options[option]
    for variable, value in values.items():
        if value:
            environment[variable] = str(value)
    return environment


def postgres_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise CommandError(
            f"{name} est introuvable : installez le client PostgreSQL (paquet Debian "
            f"postgresql-client) de la même version que le serveur, ou plus récente. "
            f"({name} not found: install the PostgreSQL client tools.)"
        )
    return path


def run_postgres_tool(arguments: list[str], what: str) -> subprocess.CompletedProcess:
    """Run pg_dump or pg_restore against Django's database; on failure, its own message.

    The arguments hold no credential, and the tools' messages name the database and the
    user at most, never the password.
    """
    connection.close()  # no session of ours holds a lock while the tool works
    result = subprocess.run(
        arguments, env=postgres_environment(), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        message = (result.stderr or result.stdout).strip()
        raise CommandError(f"{what} a échoué ({what} failed):\n{message}")
    return result
