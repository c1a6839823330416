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


# Production settings are read in subprocesses, one per environment (Django's setup there
# costs seconds): each prints its TLS settings, then runs `check --deploy`.
PRODUCTION_RUN = (
    "import sys, django; django.setup(); from django.conf import settings as s; "
    "from django.core.management import execute_from_command_line; "
    "print(s.SECURE_PROXY_SSL_HEADER, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, sep='|', "
    "flush=True); execute_from_command_line(['manage.py', 'check', *sys.argv[1:]])"
)


@pytest.fixture(scope="module")
def production_runs():
    """{proxy variable: (settings printed, check --deploy output, exit code)}, each run once."""
    runs = {}
    for proxy, check in (("1", ["--deploy", "--fail-level", "WARNING"]), ("0", ["--deploy"])):
        env = production_env(DJANGO_BEHIND_TLS_PROXY=proxy)
        command = [sys.executable, "-c", PRODUCTION_RUN, *check]
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                                timeout=300)  # fmt: skip
        printed, _, check_output = result.stdout.partition("\n")
        runs[proxy] = (printed.split("|"), check_output + result.stderr, result.returncode)
    return runs


@pytest.mark.db_independent  # production settings in a subprocess
def test_check_deploy_is_clean_with_the_documented_production_variables(production_runs):
    _printed, output, returncode = production_runs["1"]
    assert returncode == 0, output
    assert "no issues" in output


@pytest.mark.db_independent  # production settings in a subprocess
def test_without_the_proxy_variable_https_is_not_assumed(production_runs):
    printed, output, _returncode = production_runs["0"]
    assert "security.W004" in output
    assert printed == ["None", "False", "0"], output


@pytest.mark.db_independent  # production settings in a subprocess
def test_behind_the_proxy_https_is_required_and_remembered(production_runs):
    printed, output, _returncode = production_runs["1"]
    assert printed == ["('HTTP_X_FORWARDED_PROTO', 'https')", "True", "31536000"], output
