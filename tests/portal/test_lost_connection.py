"""A database connection killed between or during requests (`pg_terminate_backend`, as a
PostgreSQL restart or failover does) never gives a citizen a 500: a dead kept-open connection
is replaced before use, a GET that loses its connection runs once more, anything else gets
503 with Retry-After. Real PostgreSQL and gunicorn (one worker with one thread, so one
connection to kill)."""

import os
import threading
import time
import urllib.error
import urllib.request

import psycopg
import pytest

from tests.support import ROOT
from tests.support.postgres import new_database, postgres_server
from tests.support.server import serve

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    log_path = tmp_path_factory.mktemp("server") / "server.log"
    with postgres_server() as server, new_database(server) as name, open(log_path, "w") as log:
        database = f"{server}/{name}"
        env = {
            **os.environ, "DJANGO_SETTINGS_MODULE": "tests.support.lost_connection_site",
            "DATABASE_URL": database, "PYTHONPATH": str(ROOT),
        }  # fmt: skip
        with serve(env, workers=1, threads=1, log=log) as base:
            yield base, database, log_path


@pytest.fixture
def site(served):
    base, database, _log = served
    return base, database


@pytest.fixture
def server_log(served):
    """What the server logs from now on (a function returning it)."""
    log_path = served[2]
    start = log_path.stat().st_size

    def read():
        time.sleep(0.5)  # the server writes its log line after the response
        with open(log_path, encoding="utf-8") as log:
            log.seek(start)
            return log.read()

    return read


def fetch(url, method="GET"):
    request = urllib.request.Request(url, method=method, data=b"" if method == "POST" else None)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def terminate(database, pid):
    with psycopg.connect(database, autocommit=True) as db:
        db.execute("SELECT pg_terminate_backend(%s)", [pid])


def kill_sleeping_queries(database, times):
    """From a second connection: kill the connection running `pg_sleep`, `times` times, as soon
    as each such query runs. Returns a function that stops watching and returns the killed
    backends' ids."""
    killed, stopped = [], threading.Event()

    def watch():
        deadline = time.monotonic() + 60
        with psycopg.connect(database, autocommit=True) as db:
            while len(killed) < times and time.monotonic() < deadline and not stopped.is_set():
                row = db.execute(
                    "SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity WHERE"
                    " datname = current_database() AND state = 'active'"
                    " AND query LIKE 'SELECT pg_sleep%%' AND pid <> pg_backend_pid()"
                ).fetchone()
                if row:
                    killed.append(row[0])
                time.sleep(0.02)

    thread = threading.Thread(target=watch)
    thread.start()

    def stop():
        stopped.set()
        thread.join()
        return killed

    return stop


def test_a_connection_killed_between_requests_is_replaced_before_use(site):
    base, database = site
    status, _headers, first = fetch(f"{base}/backend/")
    assert status == 200
    assert fetch(f"{base}/backend/")[2] == first  # kept open between requests
    terminate(database, int(first))

    # A POST is never run twice: it works because the dead connection was noticed before use.
    status, _headers, replacement = fetch(f"{base}/backend/", method="POST")
    assert status == 200 and replacement != first


def test_a_get_whose_connection_dies_mid_request_is_answered(site, server_log):
    base, database = site
    stop = kill_sleeping_queries(database, times=1)
    status, _headers, served_by = fetch(f"{base}/slow/?seconds=1.5")
    killed = stop()
    assert killed, "the query was never seen running"
    assert status == 200 and int(served_by) != killed[0]
    log = server_log()
    assert "running it again" in log  # the operator still sees the lost connection
    assert "Internal Server Error" not in log  # but no error the citizen never saw


def test_a_get_whose_connection_dies_before_its_view_logs_no_error_nobody_saw(site, server_log):
    base, database = site
    stop = kill_sleeping_queries(database, times=1)
    status, _headers, _served_by = fetch(f"{base}/slow-before-view/?seconds=1.5")
    killed = stop()
    assert killed and status == 200
    log = server_log()
    assert "Database connection lost during /slow-before-view/; running it again" in log
    assert "Internal Server Error" not in log


def test_a_post_whose_connection_dies_mid_request_is_not_sent_again(site, server_log):
    base, database = site
    stop = kill_sleeping_queries(database, times=2)
    status, headers, body = fetch(f"{base}/slow/?seconds=1.5", method="POST")
    killed = stop()
    assert len(killed) == 1  # the form was not run a second time
    assert status == 503 and int(headers["Retry-After"]) > 0 and "请稍后再试" in body
    assert headers["Cache-Control"] == "no-store"
    assert "Service Unavailable: /slow/" in server_log()


def test_a_get_that_loses_its_connection_twice_gets_503_not_500(site, server_log):
    base, database = site
    stop = kill_sleeping_queries(database, times=2)
    status, headers, body = fetch(f"{base}/slow/?seconds=1.5")
    killed = stop()
    assert len(killed) == 2
    assert status == 503 and int(headers["Retry-After"]) > 0 and "稍后刷新" in body
    assert "Service Unavailable: /slow/" in server_log()
    assert fetch(f"{base}/backend/")[0] == 200  # and the next request is served again


def test_a_real_server_error_in_a_get_is_still_logged(site, server_log):
    base, _database = site
    status, _headers, _body = fetch(f"{base}/broken/")
    assert status == 500
    log = server_log()
    assert "Internal Server Error: /broken/" in log and "ZeroDivisionError" in log
