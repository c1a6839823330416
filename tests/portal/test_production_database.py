"""Production reads its database from the environment and keeps connections open between
requests (one per web or task worker process), checking them before reuse."""

import json
import os
import subprocess
import sys

import pytest

from tests.support import ROOT

# Settings read in a subprocess; no database is opened.
pytestmark = pytest.mark.db_independent

PRINT_DATABASE = (
    "from django.conf import settings; import json; d = settings.DATABASES['default'];"
    "print(json.dumps([d['ENGINE'], d['NAME'], d['HOST'], d['CONN_MAX_AGE'],"
    " d['CONN_HEALTH_CHECKS']]))"
)


def database_settings(**variables):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DJANGO_SECRET_KEY="x",
        PUBLIC_BASE_URL="https://zwfw.example",
        PYTHONPATH=str(ROOT),
        **variables,
    )
    code = f"import django; django.setup(); {PRINT_DATABASE}"
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True,
                          text=True, check=True)  # fmt: skip
    return json.loads(done.stdout)


def test_postgres_connections_persist_and_are_checked_by_default():
    engine, name, host, max_age, checks = database_settings(
        DATABASE_URL="postgres://onevisit:secret@db.internal:5432/onevisit"
    )
    assert (engine, name, host) == ("django.db.backends.postgresql", "onevisit", "db.internal")
    assert max_age == 600 and checks is True


def test_connection_age_comes_from_the_environment():
    *_rest, max_age, _checks = database_settings(
        DATABASE_URL="postgres://db.internal/onevisit", DATABASE_CONN_MAX_AGE="0"
    )
    assert max_age == 0
