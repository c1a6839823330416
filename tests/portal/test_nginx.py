"""deploy/nginx/onevisit.conf in front of gunicorn, as a deployment runs it: the second read
of a matter page is nginx's cached copy, and a publish reaches readers through nginx at once
(the site purges nginx's copies, 长者模式's included)."""

import gzip
import os
import pwd
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.support import ROOT
from tests.support.server import serve
from tests.support.services import free_port, missing
from tests.support.site_databases import IMMEDIATE_TASKS

pytestmark = [pytest.mark.nginx, pytest.mark.db_independent]  # its site has its own SQLite file
CONF = ROOT / "deploy" / "nginx" / "onevisit.conf"
PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")
MATTER = "出生登记"
NGINX_MAIN = """\
load_module {module};
user {user};
daemon off;
master_process on;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/client;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {prefix}/onevisit.conf;
}}
"""


def site_conf(upstream, port, prefix, static_root):
    """The shipped file with only its ADJUST lines changed."""
    text = CONF.read_text(encoding="utf-8")
    replacements = {
        "/var/cache/nginx/onevisit": str(prefix / "cache"),
        "server 127.0.0.1:8000;": f"server {upstream};",
        "listen 80;": f"listen 127.0.0.1:{port};",
        "/srv/onevisit/var/static/": f"{static_root}/",
        "/srv/onevisit/var/media/": f"{prefix}/media/",
    }
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


@pytest.fixture
def nginx_binary():
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists() or not PURGE_MODULE.exists():
        missing("nginx 或其缓存清除模块未安装（apt: nginx libnginx-mod-http-cache-purge）")
    return binary


def start_nginx(binary, prefix, upstream, static_root):
    port = free_port()
    (prefix / "onevisit.conf").write_text(site_conf(upstream, port, prefix, static_root))
    main = prefix / "nginx.conf"
    # Workers run as this user: the test's folders are private to it.
    user = pwd.getpwuid(os.geteuid()).pw_name
    main.write_text(NGINX_MAIN.format(module=PURGE_MODULE, prefix=prefix, user=user))
    test = subprocess.run([binary, "-t", "-p", str(prefix), "-c", str(main), "-e",
                           str(prefix / "error.log")], capture_output=True, text=True)  # fmt: skip
    assert test.returncode == 0, test.stderr
    process = subprocess.Popen(
        [binary, "-p", str(prefix), "-c", str(main), "-e", str(prefix / "error.log")]
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/static/probe.txt", timeout=5)
            return process, port
        except OSError:
            assert process.poll() is None, (prefix / "error.log").read_text()
            time.sleep(0.1)
    process.terminate()
    raise RuntimeError("nginx did not answer")


def get(port, path, host, cookie=None):
    headers = {"Host": host, "Accept-Encoding": "gzip"}
    if cookie:
        headers["Cookie"] = cookie
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
        if response.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        return response.headers, body.decode()


def manage(env, code):
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", code],
        env=env, check=True, cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def test_publish_reaches_readers_through_nginx_at_once(tmp_path, nginx_binary, site_databases):
    database = site_databases.copy_to(tmp_path / "db.sqlite3", demo=True, tasks=IMMEDIATE_TASKS)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
           "SQLITE_PATH": str(database), "PYTHONPATH": str(ROOT),
           "DJANGO_CACHE_DIR": str(tmp_path / "django-cache"),
           "DJANGO_TASKS_BACKEND": IMMEDIATE_TASKS}  # fmt: skip
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    find = f"print(MatterPage.objects.get(title='{MATTER}').get_full_url())"
    url = urlsplit(manage(env, f"from cms_pages.models import MatterPage; {find}"))
    host, path = url.netloc, url.path
    static_root = tmp_path / "static"
    static_root.mkdir()
    (static_root / "probe.txt").write_text("static " * 200)
    prefix = tmp_path / "nginx"
    prefix.mkdir()

    with serve(env, workers=1) as base:
        process, port = start_nginx(nginx_binary, prefix, base.removeprefix("http://"),
                                    static_root)  # fmt: skip
        try:
            headers, _body = get(port, "/static/probe.txt", host)
            assert headers["Content-Encoding"] == "gzip" and "X-Request-ID" not in headers

            first, html = get(port, path, host)
            again, html_again = get(port, path, host)
            assert first["X-Cache-Status"] == "MISS" and again["X-Cache-Status"] == "HIT"
            assert f"{MATTER}（新）" not in html_again and html_again == html
            get(port, path, host, cookie="elder=1")
            elder, elder_html = get(port, path, host, cookie="elder=1")
            assert elder["X-Cache-Status"] == "HIT" and 'class="elder"' in elder_html
            get(port, path, host, cookie="language=en")
            english, english_html = get(port, path, host, cookie="language=en")
            assert english["X-Cache-Status"] == "HIT" and '<html lang="en"' in english_html
            assert '<html lang="zh-Hans"' in get(port, path, host)[1]
            department = path.rstrip("/").rsplit("/", 1)[0] + "/"
            get(port, department, host)
            assert get(port, department, host)[0]["X-Cache-Status"] == "HIT"

            purge_env = {**env, "FRONTEND_CACHE_PURGE_URL": f"http://127.0.0.1:{port}/purge"}
            rename = f"p.title = '{MATTER}（新）'; p.save_revision().publish()"
            matter = (
                f"from cms_pages.models import MatterPage as M; p = M.objects.get(title='{MATTER}')"
            )
            manage(purge_env, f"{matter}; {rename}")

            fresh, fresh_html = get(port, path, host)
            assert fresh["X-Cache-Status"] == "MISS" and f"{MATTER}（新）" in fresh_html
            _headers, elder_html = get(port, path, host, cookie="elder=1")
            assert f"{MATTER}（新）" in elder_html and 'class="elder"' in elder_html
            _headers, english_html = get(port, path, host, cookie="language=en")
            assert f"{MATTER}（新）" in english_html and '<html lang="en"' in english_html
            listing, listing_html = get(port, department, host)
            assert listing["X-Cache-Status"] == "MISS" and f"{MATTER}（新）" in listing_html
        finally:
            process.terminate()
            process.wait(timeout=20)
