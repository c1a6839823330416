"""A PostgreSQL server for tests that need their own databases (backup and restore): the
one DATABASE_URL points at under `make test-postgres`, else a throwaway cluster started with
scripts/postgres.sh on a free port."""

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from urllib.parse import urlsplit, urlunsplit

from . import ROOT
from .services import free_port, missing


@contextlib.contextmanager
def postgres_server():
    """Yield the server's URL without a database name (postgres://user@host:port)."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        yield urlunsplit(urlsplit(url)._replace(path=""))
        return
    if not shutil.which("pg_dump") or not glob.glob("/usr/lib/postgresql/*/bin/initdb"):
        missing("PostgreSQL is not installed (make system-packages)")
    folder = tempfile.mkdtemp(prefix="onevisit-pg-")
    env = {**os.environ, "PGPORT": str(free_port()), "PGDATA_DIR": folder}
    script = str(ROOT / "scripts" / "postgres.sh")
    try:
        started = subprocess.run([script, "start"], env=env, check=True, capture_output=True,
                                 text=True).stdout.strip()  # fmt: skip
        yield urlunsplit(urlsplit(started)._replace(path=""))
    finally:
        subprocess.run([script, "stop"], env=env, check=False)
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def new_database(server, template=None):
    """A fresh database on the server, empty or a copy of `template`; dropped afterwards."""
    name = f"onevisit_test_{uuid.uuid4().hex[:10]}"
    copy = f' TEMPLATE "{template}"' if template else ""
    run_sql(server, f'CREATE DATABASE "{name}"{copy}')
    try:
        yield name
    finally:
        run_sql(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_sql(server, statement):
    subprocess.run(["psql", "--no-psqlrc", "-q", "-v", "ON_ERROR_STOP=1",
                    f"{server}/postgres", "-c", statement], check=True)  # fmt: skip


@contextlib.contextmanager
def migrated_template(connection):
    """A copy of the run's test database as just migrated, to start other databases from (a
    `migrate` costs the PostgreSQL pass a minute); dropped at the end. A database is copied only
    while no one is connected to it: the test run's own connection is closed first."""
    source = connection.settings_dict["NAME"]
    name = f"{source}_migrated"
    connection.close()
    with postgres_server() as server:
        run_sql(server, f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
        try:
            yield name
        finally:
            run_sql(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
