"""Response headers: the Content-Security-Policy, and TLS settings only behind a TLS proxy."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from cms_pages.models import BundlePage, MatterPage

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.I)


def public_pages():
    matter = MatterPage.objects.live().first()
    bundle = BundlePage.objects.live().first()
    return ["/", "/departments/", "/departments/gongan/", "/themes/", "/bundles/", "/batches/",
            "/batches/lists/at-most-once/", "/search/?q=身份证", "/statistics/", matter.url,
            matter.url + "print/", bundle.url, bundle.url + "print/", "/no-such-page/"]  # fmt: skip


def test_public_pages_send_a_strict_policy_and_need_no_inline_code(site_client):
    for url in public_pages():
        response = site_client.get(url)
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, url
        assert "object-src 'none'" in policy
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), url
        assert not INLINE_HANDLER.search(html), url
        assert not STYLE_ATTRIBUTE.search(html), url


def test_the_admin_allows_wagtails_inline_scripts_only_there(admin_client):
    policy = admin_client.get("/admin/")["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "object-src 'none'" in policy


def test_a_spoofed_forwarded_proto_is_not_trusted_without_a_proxy(site_client, settings):
    assert not getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    response = site_client.get("/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert "Strict-Transport-Security" not in response


def production_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL="sqlite://:memory:",  # nothing on disk two sessions could share
        PUBLIC_BASE_URL="https://zwfw.example.gov.cn",
        DJANGO_ALLOWED_HOSTS="zwfw.example.gov.cn",
        DJANGO_BEHIND_TLS_PROXY="1",
        PYTHONPATH=str(ROOT),
    )
    return {**env, **extra}


def run_manage(env, *args, code=None):
    command = [sys.executable, "manage.py", *args] if code is None else [sys.executable, "-c", code]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.db_independent  # production settings in a subprocess
def test_check_deploy_is_clean_with_the_documented_production_variables():
    result = run_manage(production_env(), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.db_independent  # production settings in a subprocess
def test_without_the_proxy_variable_https_is_not_assumed():
    result = run_manage(production_env(DJANGO_BEHIND_TLS_PROXY="0"), "check", "--deploy")
    assert "security.W004" in result.stderr + result.stdout
    settings_dump = run_manage(
        production_env(DJANGO_BEHIND_TLS_PROXY="0"), code=(
            "import django, os; django.setup(); from django.conf import settings as s; "
            "print(s.SECURE_PROXY_SSL_HEADER, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS)"
        ),
    )  # fmt: skip
    assert settings_dump.stdout.split() == ["None", "False", "0"], settings_dump.stderr


@pytest.mark.db_independent  # production settings in a subprocess
def test_behind_the_proxy_https_is_required_and_remembered():
    result = run_manage(production_env(), code=(
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_PROXY_SSL_HEADER[0], s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS)"
    ))  # fmt: skip
    assert result.stdout.split() == ["HTTP_X_FORWARDED_PROTO", "True", "31536000"], result.stderr
