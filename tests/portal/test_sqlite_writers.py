"""Several web workers writing one SQLite file at once (complaints filed at the same moment)
must all succeed: a worker waits for the other's write instead of failing."""

import threading
import time

from django.db import connections, transaction

from portal.settings.base import database_from_url

ALIAS = "sqlite-writers"


def _write_while_another_writes(tmp_path, django_db_blocker):
    """Worker A holds a write transaction open; worker B reads, then writes. Returns the
    error each worker met (None for success) and the rows written."""
    path = tmp_path / "site.sqlite3"
    config = database_from_url(f"sqlite:///{path}")
    connections.settings[ALIAS] = connections.configure_settings(
        {"default": config, ALIAS: config}
    )[ALIAS]
    errors = {}
    a_wrote = threading.Event()

    def worker(name):
        try:
            with transaction.atomic(using=ALIAS):
                cursor = connections[ALIAS].cursor()
                if name == "b":
                    a_wrote.wait(5)
                    cursor.execute("SELECT count(*) FROM complaint")
                cursor.execute("INSERT INTO complaint (author) VALUES (%s)", [name])
                if name == "a":
                    a_wrote.set()
                    time.sleep(0.5)
            errors[name] = None
        except Exception as error:  # noqa: BLE001 - the failure is what is measured
            errors[name] = error
            a_wrote.set()
        finally:
            connections[ALIAS].close()

    try:
        with django_db_blocker.unblock():
            with connections[ALIAS].cursor() as cursor:
                cursor.execute("CREATE TABLE complaint (author TEXT)")
            connections[ALIAS].close()
            threads = [threading.Thread(target=worker, args=(n,)) for n in ("a", "b")]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(30)
            with connections[ALIAS].cursor() as cursor:
                cursor.execute("SELECT author FROM complaint ORDER BY author")
                rows = [r[0] for r in cursor.fetchall()]
            connections[ALIAS].close()
    finally:
        del connections.settings[ALIAS]
    return errors, rows


def test_a_worker_that_read_first_waits_for_another_workers_write(tmp_path, django_db_blocker):
    errors, rows = _write_while_another_writes(tmp_path, django_db_blocker)
    assert errors == {"a": None, "b": None}
    assert rows == ["a", "b"]
