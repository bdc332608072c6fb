"""Load test: `make load`. A minute of mixed traffic (Locust) against a real server; no failure.

Not part of `make test` (the Makefile deselects the marker `load`; run alone, the test skips
unless selected with `-m load`). It builds a scratch copy of the demo site (a SQLite file and
media folder in a temporary directory: migrate, load_demo, update_index, collectstatic), serves
it with gunicorn on 127.0.0.1 (2 workers, 4 threads each, DEBUG off, static files by whitenoise:
production's settings, less HTTPS), and runs tests/load/locustfile.py headless for LOAD_RUN_TIME
seconds (60) with LOAD_USERS users (20: 18 visitors, 2 members). It prints Locust's summary and
asserts: no failure (error status, connection error, form refused), no exception in the
locustfile, no 5xx and no traceback in the server's logs, and a sane amount of traffic of each
kind.
"""

import csv
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOCUSTFILE = Path(__file__).with_name("locustfile.py")
RUN_TIME = int(os.environ.get("LOAD_RUN_TIME", "60"))  # seconds
USERS = int(os.environ.get("LOAD_USERS", "20"))
SPAWN_RATE = 5  # users started per second
MIN_REQUESTS_PER_SECOND = 2  # what even a slow, busy CI machine serves

pytestmark = pytest.mark.load

# The served site: production's settings, less what needs HTTPS (plain HTTP on 127.0.0.1).
SETTINGS = '''\
"""Production's settings over plain HTTP on 127.0.0.1, for tests/load (written by test_load.py)."""

from config.settings.production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = False
# Every Locust user comes from 127.0.0.1: the contact forms' limits per connection and per
# structure (directory/contact.py) would refuse answers a real crowd would be allowed to send.
CONTACT_RATE_LIMIT_PER_IP = CONTACT_RATE_LIMIT_PER_RECIPIENT = 1_000_000

# SQLite under concurrent requests (2 processes × 4 threads). base.py sets ATOMIC_REQUESTS: each
# request is one transaction, begun DEFERRED by default; one that reads, then writes (the search
# page counts its query, a contact form stores its message) while another process writes, gets
# "database is locked" at once, without waiting: a 500. BEGIN IMMEDIATE takes the write lock at
# the start and waits for it (timeout); WAL lets readers go on meanwhile. Only when the
# settings do not choose otherwise.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    _options = DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
    _options.setdefault("transaction_mode", "IMMEDIATE")
    _options.setdefault("timeout", 30)
    _options.setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
'''


@pytest.fixture(scope="module", autouse=True)
def _only_when_selected(request: pytest.FixtureRequest) -> None:
    """A bare `pytest` does not spend minutes here: `make load` selects the test (-m load)."""
    if "load" not in (request.config.option.markexpr or "").replace("not load", ""):
        pytest.skip("the load test runs on its own: make load (pytest -m load tests/load)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(arguments: list[str], environment: dict[str, str], timeout: int = 600) -> None:
    result = subprocess.run(
        arguments, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
    if result.returncode != 0:
        pytest.fail(f"{' '.join(arguments)} failed:\n{result.stdout}\n{result.stderr}")


class Server:
    def __init__(self, url: str, folder: Path) -> None:
        self.url = url
        self.log = folder / "server.log"
        self.access_log = folder / "access.log"

    def errors(self) -> list[str]:
        """Requests answered 5xx (access log) and the tracebacks Django logged."""
        errors = [
            line for line in self.access_log.read_text().splitlines()
            if re.search(r'" 5\d\d ', line)
        ]
        log = self.log.read_text()
        if "Traceback" in log:  # "Internal Server Error: <path>", then the traceback
            errors.append(log[max(0, log.index("Traceback") - 200):][:20_000])
        return errors


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("load")
    (folder / "settings").mkdir()
    (folder / "settings" / "load_settings.py").write_text(SETTINGS)
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'site.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "STATIC_ROOT": str(folder / "static"),
        "SECRET_KEY": "load-test-only-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "TRUSTED_PROXY_COUNT": "0",  # Locust talks to gunicorn directly
        "EMAIL_URL": "dummymail://",  # e-mails are rendered, then dropped
        # The tasks (e-mails, index updates) run within the request that enqueues them, where
        # their errors count, rather than in a database queue no worker would empty here.
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "PYTHONPATH": os.pathsep.join([str(folder / "settings"), str(ROOT)]),
        "LOG_LEVEL": "WARNING",
    }
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    started = time.monotonic()
    # The demo with the development settings (production's refuse load_demo's accounts), and
    # their password hasher, which production's share.
    build = {**environment, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    manage = [sys.executable, "manage.py"]
    run([*manage, "migrate", "--noinput", "-v0"], build)
    run([*manage, "load_demo", "-v0"], build)
    served = {**environment, "DJANGO_SETTINGS_MODULE": "load_settings"}
    run([*manage, "update_index"], served)
    run([*manage, "collectstatic", "--noinput", "-v0"], served)
    print(f"\n[load] scratch demo site built in {time.monotonic() - started:.0f} s")

    port = free_port()
    server = Server(f"http://127.0.0.1:{port}", folder)
    with open(server.log, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "2", "--threads", "4",
             "--bind", f"127.0.0.1:{port}", "--access-logfile", str(server.access_log),
             # Longer than a Locust user's pause (at most 5 s): a kept-alive connection is not
             # closed by the server just as the client sends on it (a reset no browser shows,
             # as browsers send again; Locust's client does not).
             "--keep-alive", "30"],
            cwd=ROOT, env=served, stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{server.url}/fr/", timeout=10) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"gunicorn did not start:\n{server.log.read_text()}")
            time.sleep(0.5)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def read_stats(prefix: Path) -> dict[str, dict[str, str]]:
    with open(f"{prefix}_stats.csv", newline="") as stream:
        return {f"{row['Type']} {row['Name']}".strip(): row for row in csv.DictReader(stream)}


def count(stats: dict, pattern: str) -> int:
    return sum(int(row["Request Count"]) for name, row in stats.items()
               if re.search(pattern, name) and name != "Aggregated")


def test_a_minute_of_mixed_traffic_without_a_single_failure(server: Server) -> None:
    prefix = server.log.parent / "locust"
    result = subprocess.run(
        [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless",
         "--host", server.url, "--users", str(USERS), "--spawn-rate", str(SPAWN_RATE),
         "--run-time", f"{RUN_TIME}s", "--stop-timeout", "10", "--only-summary",
         "--csv", str(prefix)],
        cwd=server.log.parent, capture_output=True, text=True, timeout=RUN_TIME + 180,
        stdin=subprocess.DEVNULL,
    )
    # Locust's summary: requests, failures and response times by page, errors.
    print(f"\n[load] {USERS} users for {RUN_TIME} s against {server.url} (gunicorn, "
          f"2 workers × 4 threads, SQLite)\n{result.stdout}{result.stderr}")

    stats = read_stats(prefix)
    total = stats["Aggregated"]
    with open(f"{prefix}_exceptions.csv", newline="") as stream:
        exceptions = list(csv.DictReader(stream))
    server_errors = server.errors()
    assert not server_errors, "the server answered 5xx or logged errors:\n" + "\n".join(
        server_errors[:10]
    )
    assert int(total["Failure Count"]) == 0, f"{total['Failure Count']} failures (above)"
    assert not exceptions, f"exceptions in the locustfile: {exceptions}"
    assert result.returncode == 0, f"locust exited with {result.returncode}"

    requests = int(total["Request Count"])
    assert requests >= MIN_REQUESTS_PER_SECOND * RUN_TIME, f"only {requests} requests"
    assert count(stats, r"^POST POST /fr/espace-membre/connexion/") >= 2  # both members
    assert count(stats, r"^POST POST /fr/espace-membre/annonces/nouvelle/") >= 1
    for kind in ("/fr/recherche/\\?q=", "suggestions", "/fr/annuaire/\\?", "/fr/cooperation/\\?",
                 "/fr/annuaire/\\[structure\\]", "/fr/cooperation/\\[listing\\]"):
        assert count(stats, kind) >= 1, f"no request {kind}"
