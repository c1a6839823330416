"""The fuzz suite against a production-settings server: gunicorn with portal.settings.production
(DEBUG off, manifest static files, the demo catalogue in a database of its own), hostile query
strings over real HTTP to every public route. No answer may be a server error."""

import os
import secrets
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import given

from cms_pages.models import MatterPage
from tests.support.server import serve
from tests.support.site_databases import IMMEDIATE_TASKS

from .fuzz import QUERIES, public_routes, with_query
from .test_fuzz import FUZZ

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.db_independent,  # its server has a database of its own
]
ROOT = Path(__file__).resolve().parents[2]


def _manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=900)  # fmt: skip


@pytest.fixture(scope="module")
def production_site(tmp_path_factory, site_databases):
    home = tmp_path_factory.mktemp("production")
    # The demo loader is for development: the database is filled with the dev settings. Its
    # work is done as it loads: no worker runs beside this server, and the demo's queued tasks
    # would make /healthz rightly answer 503 once they are older than HEALTH_BACKLOG_AGE.
    database = site_databases.copy_to(home / "db.sqlite3", demo=True, tasks=IMMEDIATE_TASKS)
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    base.update(PYTHONPATH=str(ROOT), DJANGO_CACHE_DIR=str(home / "cache"))
    dev = {**base, "DJANGO_SETTINGS_MODULE": "portal.settings.dev", "SQLITE_PATH": str(database)}
    # Production refuses to start while the demo's published admin password works.
    _manage(dev, "shell", "-c", (
        "from django.contrib.auth import get_user_model; import secrets; "
        "[u.set_password(secrets.token_urlsafe()) or u.save() "
        "for u in get_user_model().objects.all()]"
    ))  # fmt: skip
    production = {
        **base,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{database}",
        "PUBLIC_BASE_URL": "http://127.0.0.1",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_STATIC_ROOT": str(home / "static"),
        "DJANGO_MEDIA_ROOT": str(home / "media"),
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_LOG_LEVEL": "ERROR",
    }
    _manage(production, "collectstatic", "--noinput", "-v0")
    with serve(production) as url:
        yield url


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def status(url):
    try:
        with _opener.open(quote(url, safe="/?&=%:+,;@~"), timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_no_server_error_from_a_production_settings_server(site_client, production_site):
    code = MatterPage.objects.live().public().order_by("path").first().code
    routes = public_routes(site_client, code)
    assert status(production_site + "/") == 200
    for _key, urls in sorted(routes.items()):
        url = production_site + urls[0]
        answer = status(url)
        assert answer < 500, f"{answer} from {url!r}"
        fuzz_route(url)


def fuzz_route(url):
    @FUZZ
    @given(query=QUERIES)
    def send(query):
        answer = status(with_query(url, query))
        assert answer < 500, f"{answer} from {with_query(url, query)!r}"

    send()
