"""SQLite files for the sites tests serve themselves (browser journeys, nginx, two hosts, the
production-settings server, a centre from nothing). `manage.py migrate` costs about 40 s of
CPU and the demo content about 20 s more, so each kind of file is built once a session and
every site gets a copy of its own."""

import os
import sqlite3
import subprocess
import sys
from contextlib import closing

from . import ROOT

DATABASE_TASKS = "django_tasks_db.DatabaseBackend"
IMMEDIATE_TASKS = "django_tasks.backends.immediate.ImmediateBackend"


class SiteDatabases:
    """Builds with `manage.py` under the development settings, as each site did itself."""

    def __init__(self, folder):
        self.folder = folder
        self.built = {}

    def copy_to(self, target, demo=False, tasks=DATABASE_TASKS):
        """Write a migrated database to `target`; with `demo`, the demo content loaded with
        `tasks` as the task backend (the immediate one runs what the publishes queue, such
        as the catalogue files; the database one leaves them queued)."""
        source = self._demo(tasks) if demo else self._migrated()
        copy(source, target)
        return target

    def adopt_migrated(self, connection):
        """Take the test run's own freshly migrated SQLite database as the migrated file: the
        same migrations, without another `migrate`."""
        path = self.folder / "migrated.sqlite3"
        with closing(sqlite3.connect(path)) as writing:
            connection.connection.backup(writing)
        self.built["migrated"] = path

    def _migrated(self):
        if "migrated" not in self.built:
            path = self.folder / "migrated.sqlite3"
            manage(path, DATABASE_TASKS, "migrate", "-v0")
            self.built["migrated"] = path
        return self.built["migrated"]

    def _demo(self, tasks):
        key = ("demo", tasks)
        if key not in self.built:
            path = self.folder / f"demo-{len(self.built)}.sqlite3"
            copy(self._migrated(), path)
            manage(path, tasks, "load_demo_content", stdout=subprocess.DEVNULL)
            self.built[key] = path
        return self.built[key]


def manage(path, tasks, *command, **kwargs):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
           "SQLITE_PATH": str(path), "PYTHONPATH": str(ROOT), "DJANGO_TASKS_BACKEND": tasks,
           "DJANGO_CACHE_DIR": str(path.with_suffix(".cache"))}  # fmt: skip
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *command], env=env, check=True,
                   cwd=ROOT, **kwargs)  # fmt: skip


def copy(source, target):
    """SQLite's online backup: the whole database whatever its journal mode (WAL) left."""
    with closing(sqlite3.connect(source)) as reading, closing(sqlite3.connect(target)) as writing:
        reading.backup(writing)
