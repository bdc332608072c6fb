"""`make backup` and `make restore` (manage.py backup / restore) round-trip the demo site exactly.

The commands replace a whole database, so they run in subprocesses against a scratch site of
their own, never the test database: a SQLite file and a MEDIA_ROOT in a temporary folder or,
when the suite runs on PostgreSQL (DATABASE_URL, as in CI), a scratch database created next to
the test one with the same credentials and dropped at the end. The demo is built once for the
module (migrate + load_demo, the slow part); the backup is made once from it.
"""

import hashlib
import io
import json
import os
import stat
import subprocess
import sys
import tarfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import environ
import pytest

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 600  # seconds, for one command (load_demo takes about 30 s)


# --------------------------------------------------------------------------- the scratch site

def postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://", "pgsql://")) else None


def postgres_admin(url: str):
    """An autocommit connection to the suite's own database, to create the scratch one."""
    import psycopg

    config = environ.Env.db_url_config(url)
    return psycopg.connect(
        dbname=config["NAME"], user=config.get("USER") or None,
        password=config.get("PASSWORD") or None, host=config.get("HOST") or None,
        port=config.get("PORT") or None, autocommit=True,
    )


@pytest.fixture(scope="module")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = postgres_url()
    if url is None:
        yield f"sqlite:///{tmp_path_factory.mktemp('backup-db') / 'site.sqlite3'}"
        return
    name = f"apess53_backup_test_{os.getpid()}"
    with postgres_admin(url) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlsplit(url)._replace(path=f"/{name}").geturl()
    finally:
        with postgres_admin(url) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Site:
    """A scratch copy of the site: its manage.py commands run with its own database and media."""

    def __init__(self, database_url: str, folder: Path) -> None:
        self.media = folder / "media"
        self.backups = folder / "backups"
        self.environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(self.media),
        }
        self.environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self.vendor = "sqlite" if database_url.startswith("sqlite") else "postgresql"

    def manage(self, *arguments: str, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [sys.executable, "manage.py", *arguments], cwd=ROOT, env=self.environment,
            capture_output=True, text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL,
        )
        if check and result.returncode != 0:
            pytest.fail(
                f"manage.py {' '.join(arguments)} failed:\n{result.stdout}\n{result.stderr}"
            )
        return result

    def python(self, code: str) -> str:
        return self.manage("shell", "--no-imports", "-c", code).stdout.strip()

    def database(self) -> str:
        """Every row of every table (dumpdata), in a stable order: compared as text."""
        objects = json.loads(self.manage("dumpdata", "--indent=0").stdout)
        objects.sort(key=lambda item: (item["model"], str(item["pk"])))
        return json.dumps(objects, sort_keys=True, indent=0)

    def media_checksums(self) -> dict[str, str]:
        return {
            path.relative_to(self.media).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(self.media.rglob("*")) if path.is_file()
        }


@pytest.fixture(scope="module")
def site(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The demo site, with image renditions and a document-like file in nested folders."""
    site = Site(database_url, tmp_path_factory.mktemp("backup-site"))
    started = time.monotonic()
    site.manage("migrate", "--noinput", "-v0")
    site.manage("load_demo", "-v0")
    site.python(
        "from wagtail.images.models import Image\n"
        "for image in Image.objects.all(): image.get_rendition('fill-120x80')"
    )
    extra = site.media / "documents" / "2025" / "rapport d'activité été.txt"
    extra.parent.mkdir(parents=True)
    extra.write_text("Rapport d'activité de l'APESS 53\n")
    print(f"\n[backup] scratch {site.vendor} demo site built in {time.monotonic() - started:.1f} s")
    return site


@pytest.fixture(scope="module")
def backup(site: Site) -> tuple[Path, str, dict[str, str]]:
    """The archive of the demo site, with the site's database and media as they were."""
    database, media = site.database(), site.media_checksums()
    archive = site.backups / f"demo-{site.vendor}.tar.gz"
    started = time.monotonic()
    output = site.manage("backup", f"--output={archive}").stdout
    took = time.monotonic() - started
    print(f"\n[backup] backup: {took:.1f} s (with Django's start-up)\n{output}")
    return archive, database, media


# --------------------------------------------------------------------------- round trip

def test_restore_puts_back_exactly_what_was_backed_up(site: Site, backup) -> None:
    archive, database, media = backup
    assert len(media) >= 4  # originals, renditions and the nested document

    # Damage: a whole section of the site, a user, a media file deleted, another altered,
    # one added.
    site.python(
        "from wagtail.models import Page\n"
        "from django.contrib.auth import get_user_model\n"
        "Page.objects.get(slug='actualites', locale__language_code='fr').delete()\n"
        "get_user_model().objects.filter(username='redaction').delete()"
    )
    first, second = sorted(media)[:2]
    (site.media / first).unlink()
    (site.media / second).write_bytes(b"not an image")
    (site.media / "intrus" / "fichier.txt").parent.mkdir()
    (site.media / "intrus" / "fichier.txt").write_text("added after the backup")
    assert site.database() != database
    assert site.media_checksums() != media

    started = time.monotonic()
    output = site.manage("restore", "--yes", str(archive)).stdout
    took = time.monotonic() - started
    print(f"\n[backup] restore: {took:.1f} s (with Django's start-up)\n{output}")

    assert site.database() == database
    assert site.media_checksums() == media
    assert not (site.media / "intrus").exists()  # emptied folders go too


def test_the_archive_is_private_and_describes_itself(site: Site, backup) -> None:
    archive, _database, media = backup
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600  # personal data: owner only
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        database_file = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
        names = set(tar.getnames())
        assert names == {"manifest.json", *manifest["files"]}
        for name, described in manifest["files"].items():
            data = tar.extractfile(name).read()
            assert described == {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    assert manifest["vendor"] == site.vendor
    assert manifest["database"] == database_file[site.vendor]
    assert {name.removeprefix("media/") for name in manifest["files"]} == {
        manifest["database"], *media
    }
    assert manifest["media_files"] == len(media)
    assert manifest["django"] and manifest["wagtail"] and manifest["created_at"]
    # No secret in the manifest: no connection string, password or key.
    text = json.dumps(manifest)
    assert "DATABASE_URL" not in text and "postgres://" not in text and "SECRET" not in text


# --------------------------------------------------------------------------- refusals

def rewritten(archive: Path, folder: Path, name: str, change: Callable[[dict], None]) -> Path:
    """A copy of the archive whose members (name → bytes) went through `change`."""
    with tarfile.open(archive) as tar:
        members = {member.name: tar.extractfile(member).read() for member in tar.getmembers()}
    change(members)
    target = folder / f"{name}.tar.gz"
    with tarfile.open(target, "w:gz") as tar:
        for member_name, data in members.items():
            info = tarfile.TarInfo(member_name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return target


def other_vendor(members: dict) -> None:
    manifest = json.loads(members["manifest.json"])
    other = "postgresql" if manifest["vendor"] == "sqlite" else "sqlite"
    new_name = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}[other]
    members[new_name] = members.pop(manifest["database"])
    manifest["files"][new_name] = manifest["files"].pop(manifest["database"])
    manifest.update(vendor=other, database=new_name)
    members["manifest.json"] = json.dumps(manifest).encode()


def first_media(members: dict) -> str:
    return sorted(name for name in members if name.startswith("media/"))[0]


def test_restore_refuses_a_wrong_archive_and_changes_nothing(
    site: Site, backup, tmp_path: Path
) -> None:
    archive, _database, _media = backup
    other = "PostgreSQL" if site.vendor == "sqlite" else "SQLite"
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    bad_archives = {
        "other vendor": (
            rewritten(archive, tmp_path, "vendor", other_vendor), f"base {other}"
        ),
        "corrupt file": (
            rewritten(archive, tmp_path, "corrupt",
                      lambda members: members.update({first_media(members): b"altered"})),
            "Fichier endommagé (corrupt file",
        ),
        "missing file": (
            rewritten(archive, tmp_path, "missing",
                      lambda members: members.pop(first_media(members))),
            "Fichier manquant",
        ),
        "unlisted file": (
            rewritten(archive, tmp_path, "unlisted",
                      lambda members: members.update({"media/x.txt": b"?"})),
            "absents du manifeste",
        ),
        "no manifest": (
            rewritten(archive, tmp_path, "manifest",
                      lambda members: members.pop("manifest.json")),
            "n'a pas de manifest.json",
        ),
        "truncated": (truncated, "n'est pas une archive de sauvegarde lisible"),
        "not there": (tmp_path / "nowhere.tar.gz", "Archive introuvable"),
    }
    # What a restore would undo: a group in the database, a file in the media.
    site.python("from django.contrib.auth.models import Group; Group.objects.create(name='témoin')")
    marker = site.media / "témoin.txt"
    marker.write_text("still here")

    for case, (bad, message) in bad_archives.items():
        result = site.manage("restore", "--yes", str(bad), check=False)
        assert result.returncode == 1, case
        assert message in result.stderr, (case, result.stderr)
        assert "Traceback" not in result.stderr, case
    # Without --yes and without a terminal to ask on: refused too.
    result = site.manage("restore", str(archive), check=False)
    assert result.returncode == 1 and "--yes" in result.stderr

    assert marker.read_text() == "still here"
    assert site.python(
        "from django.contrib.auth.models import Group; "
        "print(Group.objects.filter(name='témoin').exists())"
    ) == "True"
    site.python(
        "from django.contrib.auth.models import Group; "
        "Group.objects.filter(name='témoin').delete()"
    )
    marker.unlink()
