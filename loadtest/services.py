"""The services a load test runs on, all on loopback: PostgreSQL holding the catalogue
(its data directory is kept under var/loadtest, so the catalogue is loaded once), Redis,
a 3-node OpenSearch cluster and gunicorn."""

import contextlib
import json
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg

from benchmarks.context import BenchContext
from tests.support.opensearch import Cluster
from tests.support.server import GUNICORN_CONFIG, wait_until_answering
from tests.support.services import free_port

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "loadtest"
POSTGRES = ROOT / "scripts" / "postgres.sh"
DATABASE = "onevisit"
# A production server refuses to start while an account has the demo's published password.
UNUSABLE_PASSWORDS = """
from django.contrib.auth import get_user_model
for account in get_user_model().objects.all():
    account.set_unusable_password()
    account.save()
"""


def log(message):
    print(f"loadtest: {message}", file=sys.stderr, flush=True)


@contextlib.contextmanager
def postgres():
    """PostgreSQL on its own port and data directory; yields the admin URL (no database)."""
    folder = WORK / "pgdata"
    port_file = WORK / "pgport"
    port = int(port_file.read_text()) if port_file.exists() else free_port()
    port_file.write_text(str(port))
    env = {**os.environ, "PGPORT": str(port), "PGDATA_DIR": str(folder)}
    if os.geteuid() == 0:
        folder.mkdir(parents=True, exist_ok=True)
        os.chown(folder, *_postgres_ids())
    url = subprocess.run([str(POSTGRES), "start"], env=env, check=True, capture_output=True,
                         text=True).stdout.strip()  # fmt: skip
    try:
        yield url.rsplit("/", 1)[0]
    finally:
        subprocess.run([str(POSTGRES), "stop"], env=env, check=False)


def _postgres_ids():
    import pwd

    entry = pwd.getpwnam("postgres")
    return entry.pw_uid, entry.pw_gid


def database_exists(server):
    with psycopg.connect(f"{server}/postgres", autocommit=True) as db:
        return db.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,)).fetchone()


def create_database(server):
    with psycopg.connect(f"{server}/postgres", autocommit=True) as db:
        db.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        db.execute(f"CREATE DATABASE {DATABASE}")


class Site:
    """The site's environment: production settings (portal.settings.loadtest) on these
    services."""

    def __init__(self, server, redis_url, engine_url, base):
        self.database_url = f"{server}/{DATABASE}"
        self.base = base
        self.env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "portal.settings.loadtest",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "PUBLIC_BASE_URL": base,
            "DJANGO_SECURE_COOKIES": "0",
            "DJANGO_STATIC_ROOT": str(WORK / "static"),
            "DJANGO_MEDIA_ROOT": str(WORK / "media"),
            "DATABASE_URL": f"{self.database_url}?application_name=onevisit-web",
            "REDIS_URL": redis_url,
            "OPENSEARCH_URL": engine_url,
            "COMPLAINTS_FILE_ROOT": str(WORK / "complaint-files"),
        }

    def as_editor(self):
        return {**self.env, "DATABASE_URL": f"{self.database_url}?application_name=loadtest-editor"}

    def manage(self, *args, env=None, **kwargs):
        return subprocess.run([sys.executable, str(ROOT / "manage.py"), *map(str, args)],
                              env=env or self.env, cwd=ROOT, check=True, **kwargs)  # fmt: skip

    def module(self, name, *args, env=None):
        subprocess.run([sys.executable, "-m", name, *map(str, args)], env=env or self.env,
                       cwd=ROOT, check=True)  # fmt: skip


def load_catalogue(site, server, scale):
    """The demo site plus the synthetic catalogue, once: later runs find it in pgdata."""
    marker = WORK / f"catalogue-{scale}.loaded"
    # Without the engine: the matters are indexed on it in one rebuild afterwards.
    quiet = {**site.env, "OPENSEARCH_URL": "", "DJANGO_LOG_LEVEL": "WARNING"}
    if marker.exists() and database_exists(server):
        # A kept catalogue follows the models and static files of this checkout.
        site.manage("migrate", "--no-input", "-v0", env=quiet)
        site.manage("collectstatic", "--no-input", "-v0", env=quiet)
        return
    log(f"loading the demo site and the {scale:,}-matter catalogue into PostgreSQL (once) ...")
    create_database(server)
    catalogue = BenchContext(scale).catalogue()
    site.manage("migrate", "--no-input", "-v0", env=quiet)
    site.manage("load_demo_content", "--demo", "-v0", env=quiet)
    site.module("benchmarks.bench_import", catalogue, env=quiet)  # a page per department
    site.manage("sync_department", catalogue, "--publish", "-v0", env=quiet)
    site.manage("shell", "-c", UNUSABLE_PASSWORDS, env=quiet)
    site.manage("collectstatic", "--no-input", "-v0", env=quiet)
    marker.write_text(str(scale))


class Engine(Cluster):
    """The cluster keeps its ports between runs (a restarted node finds its peers where the
    cluster state left them), and so its index."""

    def __init__(self):
        home = WORK / "opensearch"
        home.mkdir(parents=True, exist_ok=True)
        port_file = home / "ports.json"
        super().__init__(home, heap=os.environ.get("LOADTEST_ENGINE_HEAP", "384m"))
        if port_file.exists():
            self._use_ports(json.loads(port_file.read_text()))
        else:
            port_file.write_text(json.dumps(self.ports + self.transport))

    def _use_ports(self, ports):
        self.ports, self.transport = ports[: self.size], ports[self.size :]
        self.urls = [f"http://127.0.0.1:{port}" for port in self.ports]
        self.url = ",".join(self.urls)
        self.env["OPENSEARCH_CLUSTER_HTTP_PORTS"] = ",".join(map(str, self.ports))
        self.env["OPENSEARCH_CLUSTER_TRANSPORT_PORTS"] = ",".join(map(str, self.transport))


def index_matches(site, expected):
    out = site.manage("search_index", "status", capture_output=True, text=True).stdout
    return f"搜索引擎文档：{expected}" in out


@contextlib.contextmanager
def gunicorn(site, workers):
    """gunicorn as production runs it; yields the master process (its children are the
    workers)."""
    port = int(site.base.rsplit(":", 1)[1])
    errors = open(WORK / "gunicorn.log", "a")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "portal.wsgi", "-c", str(GUNICORN_CONFIG),
         "-b", f"127.0.0.1:{port}", "-w", str(workers), "--log-level", "warning"],
        env=site.env, cwd=ROOT, stdout=errors, stderr=errors,
    )  # fmt: skip
    try:
        wait_until_answering(site.base, server)
        yield server
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        errors.close()


def workers_of(master):
    with open(f"/proc/{master.pid}/task/{master.pid}/children") as file:
        return [int(pid) for pid in file.read().split()]


def wait_for_workers(master, count, timeout=60):
    deadline = time.monotonic() + timeout
    while len(workers_of(master)) < count and time.monotonic() < deadline:
        time.sleep(0.2)
